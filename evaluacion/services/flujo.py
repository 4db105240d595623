"""The evaluation up to its receipt: self-assessment, the supervisor's scores,
sending (with the overall index and the appeal deadline) and acknowledging."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..calendario import sumar_dias_habiles
from ..models import Campana, Evaluacion, Puntuacion
from .avisos import notificar
from .marcos import escala_de
from .transiciones import (
    bloquear,
    comprobar_estado,
    guardar_transicion,
    instantanea,
    pdf_al_confirmar,
    puntuaciones_de,
    validar_nivel,
)

E = Evaluacion.Estado


def guardar_autoevaluacion(
    *,
    evaluacion: Evaluacion,
    version: int | None,
    niveles: dict[int, int | None],
    por,
    finalizar: bool = False,
) -> Evaluacion:
    """Self-assessment (competencia_id -> level); `finalizar` hands it over."""
    with transaction.atomic():
        ev = bloquear(evaluacion, version)
        comprobar_estado(ev, _("autoevaluar"), (E.PENDIENTE, E.AUTOEVALUACION))
        if not ev.campana.con_autoevaluacion:
            raise ValidationError(_("Esta campaña no tiene autoevaluación."))
        minimo, maximo = escala_de(ev.campana.marco)
        puntuaciones = puntuaciones_de(ev)
        antes = instantanea(ev, puntuaciones)
        for p in puntuaciones:
            if p.competencia_id in niveles:
                p.autoevaluacion = validar_nivel(
                    niveles[p.competencia_id], minimo, maximo, p.competencia
                )
        if finalizar and any(p.autoevaluacion is None for p in puntuaciones):
            raise ValidationError(
                _(
                    "Indique un nivel en cada competencia antes de terminar la autoevaluación."
                )
            )
        Puntuacion.objects.bulk_update(puntuaciones, ["autoevaluacion"])
        ev.estado = E.EN_EVALUACION if finalizar else E.AUTOEVALUACION
        return guardar_transicion(
            ev,
            version,
            por=por,
            accion="autoevaluación terminada"
            if finalizar
            else "autoevaluación guardada",
            antes=antes,
            despues=instantanea(ev, puntuaciones),
            campos={"estado": ev.estado},
        )


def _puede_empezar_supervision(ev: Evaluacion, hoy: date) -> bool:
    if ev.estado == E.EN_EVALUACION:
        return True
    campana = ev.campana
    # With self-assessment, the supervisor waits for it or for its deadline.
    return not campana.con_autoevaluacion or (
        campana.autoevaluacion_hasta is not None and hoy > campana.autoevaluacion_hasta
    )


def guardar_puntuaciones(
    *,
    evaluacion: Evaluacion,
    version: int | None,
    datos: dict[int, dict],
    comentario: str | None = None,
    por,
    hoy: date | None = None,
) -> Evaluacion:
    """Supervisor's levels and evidence: competencia_id -> {"nivel", "evidencia"}."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        ev = bloquear(evaluacion, version)
        comprobar_estado(
            ev, _("puntuar"), (E.PENDIENTE, E.AUTOEVALUACION, E.EN_EVALUACION)
        )
        if not _puede_empezar_supervision(ev, hoy):
            raise ValidationError(
                _(
                    "No se puede puntuar una evaluación en estado «%(estado)s» hasta que termine "
                    "la autoevaluación (o su plazo, el %(fecha)s)."
                )
                % {
                    "estado": ev.get_estado_display(),
                    "fecha": ev.campana.autoevaluacion_hasta,
                }
            )
        minimo, maximo = escala_de(ev.campana.marco)
        puntuaciones = puntuaciones_de(ev)
        antes = instantanea(ev, puntuaciones)
        for p in puntuaciones:
            if p.competencia_id in datos:
                fila = datos[p.competencia_id]
                p.nivel = validar_nivel(
                    fila.get("nivel"), minimo, maximo, p.competencia
                )
                p.evidencia = (fila.get("evidencia") or "").strip()
        Puntuacion.objects.bulk_update(puntuaciones, ["nivel", "evidencia"])
        ev.estado = E.EN_EVALUACION
        campos = {"estado": ev.estado}
        if comentario is not None:
            ev.comentario_evaluador = comentario.strip()
            campos["comentario_evaluador"] = ev.comentario_evaluador
        return guardar_transicion(
            ev,
            version,
            por=por,
            accion="puntuaciones guardadas",
            antes=antes,
            despues=instantanea(ev, puntuaciones),
            campos=campos,
        )


def guardar_y_enviar_evaluacion(
    *, por, hoy: date | None = None, **puntuaciones
) -> Evaluacion:
    """The supervisor's «save and send», with guardar_puntuaciones' arguments. The
    scores are saved first, in their own transaction: when sending is refused (a
    level or an evidence missing) they stay saved, and the error says what to
    complete."""
    ev = guardar_puntuaciones(por=por, hoy=hoy, **puntuaciones)
    return enviar_evaluacion(evaluacion=ev, version=ev.version, por=por, hoy=hoy)


def calcular_resultado(
    campana: Campana, puntuaciones: list[Puntuacion]
) -> tuple[Decimal | None, bool | None]:
    """Overall index (supervisor's mean, self-assessment weighted in if configured)
    and the pass rule: index ≥ minimum and no competency below the floor."""
    niveles = [p.nivel for p in puntuaciones if p.nivel is not None]
    if not niveles or len(niveles) != len(puntuaciones):
        return None, None
    media = Decimal(sum(niveles)) / len(niveles)
    autos = [p.autoevaluacion for p in puntuaciones if p.autoevaluacion is not None]
    peso = Decimal(campana.peso_autoevaluacion) / 100
    if peso and len(autos) == len(puntuaciones):
        media = (1 - peso) * media + peso * Decimal(sum(autos)) / len(autos)
    indice = media.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    supera = (
        indice >= campana.media_minima
        and min(niveles) >= campana.minimo_por_competencia
    )
    return indice, supera


def _comprobar_completa(ev: Evaluacion, puntuaciones: list[Puntuacion]) -> None:
    minimo, maximo = escala_de(ev.campana.marco)
    errores = []
    for p in puntuaciones:
        if p.nivel is None:
            errores.append(_("Falta el nivel de %(c)s.") % {"c": p.competencia})
        elif p.nivel in (minimo, maximo) and not p.evidencia.strip():
            errores.append(
                _("%(c)s tiene el nivel %(n)s: anote la evidencia que lo justifica.")
                % {"c": p.competencia, "n": p.nivel}
            )
    if not puntuaciones:
        errores.append(_("La evaluación no tiene competencias que puntuar."))
    if errores:
        raise ValidationError(errores)


def enviar_evaluacion(
    *, evaluacion: Evaluacion, version: int | None, por, hoy: date | None = None
) -> Evaluacion:
    """Send the scored evaluation; the appeal deadline starts the next day."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        ev = bloquear(evaluacion, version)
        comprobar_estado(ev, _("enviar"), (E.EN_EVALUACION,))
        puntuaciones = puntuaciones_de(ev)
        _comprobar_completa(ev, puntuaciones)
        indice, supera = calcular_resultado(ev.campana, puntuaciones)
        antes = instantanea(ev)
        ev.estado = E.ENVIADA
        plazo = sumar_dias_habiles(
            hoy,
            ev.campana.dias_alegaciones,
            provincia=ev.oficina.provincia,
            municipio=ev.oficina.municipio,
        )
        ev = guardar_transicion(
            ev,
            version,
            por=por,
            accion="enviada",
            antes=antes,
            despues={
                **instantanea(ev),
                "indice": str(indice),
                "plazo_alegaciones": plazo.isoformat(),
            },
            campos={
                "estado": E.ENVIADA,
                "enviada_en": timezone.now(),
                "plazo_alegaciones": plazo,
                "indice": indice,
                "supera_estandar": supera,
            },
        )
        notificar(ev.empleado, "enviada", ev)
        pdf_al_confirmar(ev)
        return ev


def reconocer_evaluacion(
    *, evaluacion: Evaluacion, version: int | None, comentario: str = "", por
) -> Evaluacion:
    """The employee acknowledges receipt and may comment. Receiving is not
    agreeing: the appeal stays open until `plazo_alegaciones`."""
    with transaction.atomic():
        ev = bloquear(evaluacion, version)
        comprobar_estado(ev, _("dar por recibida"), (E.ENVIADA,))
        antes = instantanea(ev)
        ev.estado, ev.comentario_empleado = E.RECONOCIDA, comentario.strip()
        return guardar_transicion(
            ev,
            version,
            por=por,
            accion="recibida",
            antes=antes,
            despues=instantanea(ev),
            campos={
                "estado": E.RECONOCIDA,
                "comentario_empleado": ev.comentario_empleado,
                "reconocida_en": timezone.now(),
            },
        )
