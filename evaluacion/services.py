"""Every operation that changes an evaluation, a campaign or a framework.

The evaluation workflow is an explicit state machine:

    pendiente → autoevaluacion → en_evaluacion → enviada → reconocida → cerrada
                                                        ↘     ↓
                                                          alegada → revisada → cerrada

Receiving ("reconocida") is not agreeing: the person may still appeal until the
deadline, so a sent or received evaluation closes only once it is over.

Each transition checks the current state (a clear ValidationError otherwise),
the optimistic-lock `version` the user's form carried (no lost updates) and
writes one audit row with the values before and after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizacion.models import (
    CompetenciaMarco,
    DescriptorNivel,
    Empleado,
    MarcoCompetencial,
    NivelEscala,
    NivelRequerido,
    Oficina,
)

from .calendario import sumar_dias_habiles
from .models import (
    AuditoriaEvaluacion,
    Campana,
    Evaluacion,
    Puntuacion,
    RecordatorioEvaluador,
)

E = Evaluacion.Estado
ESTADOS_ENVIADA_SET = {E.ENVIADA, E.RECONOCIDA, E.ALEGADA, E.REVISADA, E.CERRADA}
ESTADOS_SIN_ENVIAR = (E.PENDIENTE, E.AUTOEVALUACION, E.EN_EVALUACION)


class ConflictoDeEdicion(ValidationError):
    """Someone else saved the evaluation after this form was loaded."""


MENSAJE_CONFLICTO = gettext_lazy(
    "Otra persona ha modificado esta evaluación mientras usted la editaba. "
    "Sus cambios no se han guardado: recargue la página para ver la versión actual."
)


# --- Frameworks -----------------------------------------------------------------


def congelar_marco(*, marco: MarcoCompetencial) -> MarcoCompetencial:
    """Freeze a framework version: evaluations point at its wording from now on."""
    if marco.congelado_en is None:
        MarcoCompetencial.objects.filter(pk=marco.pk, congelado_en__isnull=True).update(
            congelado_en=timezone.now()
        )
        marco.refresh_from_db(fields=["congelado_en"])
    return marco


@transaction.atomic
def nueva_version_marco(*, marco: MarcoCompetencial) -> MarcoCompetencial:
    """Copy scale, wording and descriptors into a new, editable version.

    The new version becomes the current one when the copied one was current.
    """
    ultima = (
        MarcoCompetencial.objects.filter(nombre=marco.nombre)
        .order_by("-version")
        .first()
    )
    era_vigente = marco.vigente
    if era_vigente:
        MarcoCompetencial.objects.filter(pk=marco.pk).update(vigente=False)
    nuevo = MarcoCompetencial.objects.create(
        nombre=marco.nombre, version=ultima.version + 1, vigente=era_vigente
    )
    NivelEscala.objects.bulk_create(
        NivelEscala(
            marco=nuevo, valor=n.valor, etiqueta=n.etiqueta, es_estandar=n.es_estandar
        )
        for n in marco.niveles.all()
    )
    for cm in marco.competencias.prefetch_related("descriptores"):
        copia = CompetenciaMarco.objects.create(
            marco=nuevo,
            competencia_id=cm.competencia_id,
            nombre=cm.nombre,
            definicion=cm.definicion,
            orden=cm.orden,
        )
        DescriptorNivel.objects.bulk_create(
            DescriptorNivel(
                competencia_marco=copia, nivel=d.nivel, descriptor=d.descriptor
            )
            for d in cm.descriptores.all()
        )
    return nuevo


def escala_de(marco: MarcoCompetencial) -> tuple[int, int]:
    valores = list(marco.niveles.values_list("valor", flat=True))
    if not valores:
        raise ValidationError(_("El marco competencial no tiene escala de niveles."))
    return min(valores), max(valores)


# --- Opening campaigns ------------------------------------------------------------


@dataclass
class _Jerarquia:
    supervisor: dict[int, int | None]
    oficina: dict[int, int]
    activos: set[int]
    responsable: dict[int, int | None]
    superior: dict[int, int | None]

    def evaluador(self, empleado_id: int) -> int | None:
        """The nearest active person above: the supervisor, walking up the chain;
        failing that, the head of the office or of the units above it."""
        vistos = {empleado_id}
        actual = self.supervisor.get(empleado_id)
        while actual is not None and actual not in vistos:
            if actual in self.activos:
                return actual
            vistos.add(actual)
            actual = self.supervisor.get(actual)
        oficina, oficinas_vistas = self.oficina.get(empleado_id), set()
        while oficina is not None and oficina not in oficinas_vistas:
            oficinas_vistas.add(oficina)
            responsable = self.responsable.get(oficina)
            if (
                responsable is not None
                and responsable not in vistos
                and responsable in self.activos
            ):
                return responsable
            oficina = self.superior.get(oficina)
        return None


def _jerarquia(dia: date) -> _Jerarquia:
    filas = list(Empleado.objects.values_list("id", "supervisor_id", "oficina_id"))
    oficinas = list(
        Oficina.objects.values_list("id", "responsable_id", "unidad_superior_id")
    )
    return _Jerarquia(
        supervisor={i: s for i, s, _o in filas},
        oficina={i: o for i, _s, o in filas},
        activos=set(Empleado.objects.activos(dia).values_list("id", flat=True)),
        responsable={i: r for i, r, _s in oficinas},
        superior={i: s for i, _r, s in oficinas},
    )


def empleados_en_alcance(campana: Campana, dia: date):
    qs = Empleado.objects.activos(dia)
    oficinas = list(campana.oficinas.values_list("id", flat=True))
    puestos = list(campana.puestos.values_list("id", flat=True))
    if oficinas:
        qs = qs.filter(oficina_id__in=oficinas)
    if puestos:
        qs = qs.filter(puesto_id__in=puestos)
    return qs


def _crear_evaluaciones(campana: Campana, dia: date) -> dict:
    jerarquia = _jerarquia(dia)
    en_alcance = list(
        empleados_en_alcance(campana, dia).values_list("id", "oficina_id", "puesto_id")
    )
    nuevas, sin_evaluador = [], []
    for empleado_id, oficina_id, puesto_id in en_alcance:
        evaluador = jerarquia.evaluador(empleado_id)
        if evaluador is None:
            sin_evaluador.append(empleado_id)
            continue
        revisor = jerarquia.evaluador(evaluador)
        nuevas.append(
            Evaluacion(
                campana=campana,
                empleado_id=empleado_id,
                evaluador_id=evaluador,
                revisor_id=revisor if revisor != empleado_id else None,
                oficina_id=oficina_id,
                puesto_id=puesto_id,
            )
        )
    antes = Evaluacion.objects.filter(campana=campana).count()
    # The unique (campaign, employee) constraint makes a second run a no-op.
    Evaluacion.objects.bulk_create(nuevas, ignore_conflicts=True, batch_size=1000)
    creadas = Evaluacion.objects.filter(campana=campana).count() - antes

    competencias = list(
        CompetenciaMarco.objects.filter(marco=campana.marco).values_list(
            "competencia_id", "orden"
        )
    )
    canales_competencia: dict[int, set[int]] = {}
    Through = CompetenciaMarco._meta.get_field(
        "competencia"
    ).related_model.canales.through
    for comp_id, canal_id in Through.objects.filter(
        competencia_id__in=[c for c, _o in competencias]
    ).values_list("competencia_id", "canal_id"):
        canales_competencia.setdefault(comp_id, set()).add(canal_id)
    requeridos: dict[tuple[int, int], int] = {
        (p, c): n
        for p, c, n in NivelRequerido.objects.values_list(
            "puesto_id", "competencia_id", "nivel"
        )
    }
    sin_puntuaciones = list(
        Evaluacion.objects.filter(
            campana=campana, puntuaciones__isnull=True
        ).values_list("id", "empleado_id", "puesto_id")
    )
    canales_empleado: dict[int, set[int]] = {}
    EmpleadoCanal = Empleado.canales.through
    for emp_id, canal_id in EmpleadoCanal.objects.filter(
        empleado_id__in=Evaluacion.objects.filter(
            campana=campana, puntuaciones__isnull=True
        ).values("empleado_id")
    ).values_list("empleado_id", "canal_id"):
        canales_empleado.setdefault(emp_id, set()).add(canal_id)
    puntuaciones = []
    for ev_id, emp_id, puesto_id in sin_puntuaciones:
        mis_canales = canales_empleado.get(emp_id, set())
        for comp_id, orden in competencias:
            propios = canales_competencia.get(comp_id)
            # A competency tied to channels applies to people attending one of them.
            if propios and mis_canales and not (propios & mis_canales):
                continue
            puntuaciones.append(
                Puntuacion(
                    evaluacion_id=ev_id,
                    competencia_id=comp_id,
                    orden=orden,
                    nivel_requerido=requeridos.get((puesto_id, comp_id)),
                )
            )
    Puntuacion.objects.bulk_create(puntuaciones, ignore_conflicts=True, batch_size=5000)
    return {"creadas": creadas, "sin_evaluador": sin_evaluador}


def abrir_campana(*, campana: Campana, hoy: date | None = None) -> dict:
    """Open a campaign (freezing its framework) and create the missing evaluations.

    Idempotent: on an open campaign it only adds people who entered the scope since.
    """
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        c = (
            Campana.objects.select_for_update()
            .select_related("marco")
            .get(pk=campana.pk)
        )
        if c.estado not in (Campana.Estado.BORRADOR, Campana.Estado.ABIERTA):
            raise ValidationError(
                _("No se puede abrir una campaña en estado «%(estado)s».")
                % {"estado": c.get_estado_display()}
            )
        congelar_marco(marco=c.marco)
        if c.estado == Campana.Estado.BORRADOR:
            c.estado = Campana.Estado.ABIERTA
            c.abierta_en = timezone.now()
            c.save(update_fields=["estado", "abierta_en"])
        resultado = _crear_evaluaciones(c, hoy)
    campana.estado, campana.abierta_en = c.estado, c.abierta_en
    return resultado


def abrir_campanas_vencidas(*, hoy: date | None = None) -> dict:
    """Daily job: open due campaigns, top up open ones, move expired ones to closing."""
    hoy = hoy or timezone.localdate()
    resumen = {"abiertas": [], "creadas": 0, "en_cierre": []}
    for campana in Campana.objects.filter(
        estado__in=[Campana.Estado.BORRADOR, Campana.Estado.ABIERTA],
        fecha_apertura__lte=hoy,
    ).order_by("fecha_apertura", "pk"):
        if campana.estado == Campana.Estado.ABIERTA and campana.evaluacion_hasta < hoy:
            Campana.objects.filter(pk=campana.pk, estado=Campana.Estado.ABIERTA).update(
                estado=Campana.Estado.EN_CIERRE
            )
            resumen["en_cierre"].append(campana.pk)
            continue
        era_borrador = campana.estado == Campana.Estado.BORRADOR
        resultado = abrir_campana(campana=campana, hoy=hoy)
        if era_borrador:
            resumen["abiertas"].append(campana.pk)
        resumen["creadas"] += resultado["creadas"]
    return resumen


# --- The workflow -----------------------------------------------------------------


def _instantanea(ev: Evaluacion, puntuaciones=None) -> dict:
    datos = {"estado": ev.estado}
    for campo in (
        "comentario_evaluador",
        "comentario_empleado",
        "alegacion",
        "decision",
        "motivos_decision",
    ):
        if getattr(ev, campo):
            datos[campo] = getattr(ev, campo)
    if puntuaciones is not None:
        datos["puntuaciones"] = {
            p.competencia.codigo: {
                k: v
                for k, v in (
                    ("nivel", p.nivel),
                    ("autoevaluacion", p.autoevaluacion),
                    ("evidencia", p.evidencia),
                )
                if v not in (None, "")
            }
            for p in puntuaciones
        }
    return datos


def _bloquear(evaluacion: Evaluacion, version: int | None) -> Evaluacion:
    ev = (
        Evaluacion.objects.select_for_update()
        .select_related("campana__marco", "oficina", "empleado", "evaluador")
        .get(pk=evaluacion.pk)
    )
    if version is not None and ev.version != int(version):
        raise ConflictoDeEdicion(MENSAJE_CONFLICTO, code="conflicto")
    return ev


def _comprobar_estado(ev: Evaluacion, accion: str, permitidos) -> None:
    if ev.estado not in permitidos:
        raise ValidationError(
            _("No se puede %(accion)s una evaluación en estado «%(estado)s».")
            % {"accion": accion, "estado": ev.get_estado_display()},
            code="estado",
        )


def _guardar(
    ev: Evaluacion,
    version: int | None,
    *,
    por,
    accion: str,
    antes: dict,
    despues: dict,
    campos: dict,
) -> Evaluacion:
    """Conditional update on the version: the database refuses a lost update even
    where SELECT ... FOR UPDATE is a no-op (SQLite)."""
    actual = ev.version
    campos = {**campos, "modificada_en": timezone.now()}
    filas = (
        Evaluacion.objects.filter(pk=ev.pk, version=actual)
        .exclude(estado=E.CERRADA)
        .update(version=actual + 1, **campos)
    )
    if filas != 1:
        raise ConflictoDeEdicion(MENSAJE_CONFLICTO, code="conflicto")
    for campo, valor in campos.items():
        setattr(ev, campo, valor)
    ev.version = actual + 1
    ev._estado_en_bd = ev.estado
    AuditoriaEvaluacion.objects.create(
        evaluacion=ev,
        usuario=por if getattr(por, "is_authenticated", False) else None,
        accion=accion,
        antes=antes,
        despues=despues,
    )
    return ev


def _puntuaciones(ev: Evaluacion) -> list[Puntuacion]:
    return list(ev.puntuaciones.select_related("competencia").order_by("orden"))


def _validar_nivel(valor, minimo: int, maximo: int, competencia) -> int | None:
    if valor in (None, ""):
        return None
    try:
        valor = int(valor)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("Nivel no válido en %(c)s.") % {"c": competencia.codigo}
        ) from exc
    if not minimo <= valor <= maximo:
        raise ValidationError(
            _("El nivel de %(c)s debe estar entre %(min)s y %(max)s.")
            % {"c": competencia.codigo, "min": minimo, "max": maximo}
        )
    return valor


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
        ev = _bloquear(evaluacion, version)
        _comprobar_estado(ev, _("autoevaluar"), (E.PENDIENTE, E.AUTOEVALUACION))
        if not ev.campana.con_autoevaluacion:
            raise ValidationError(_("Esta campaña no tiene autoevaluación."))
        minimo, maximo = escala_de(ev.campana.marco)
        puntuaciones = _puntuaciones(ev)
        antes = _instantanea(ev, puntuaciones)
        for p in puntuaciones:
            if p.competencia_id in niveles:
                p.autoevaluacion = _validar_nivel(
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
        return _guardar(
            ev,
            version,
            por=por,
            accion="autoevaluación terminada"
            if finalizar
            else "autoevaluación guardada",
            antes=antes,
            despues=_instantanea(ev, puntuaciones),
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
        ev = _bloquear(evaluacion, version)
        _comprobar_estado(
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
        puntuaciones = _puntuaciones(ev)
        antes = _instantanea(ev, puntuaciones)
        for p in puntuaciones:
            if p.competencia_id in datos:
                fila = datos[p.competencia_id]
                p.nivel = _validar_nivel(
                    fila.get("nivel"), minimo, maximo, p.competencia
                )
                p.evidencia = (fila.get("evidencia") or "").strip()
        Puntuacion.objects.bulk_update(puntuaciones, ["nivel", "evidencia"])
        ev.estado = E.EN_EVALUACION
        campos = {"estado": ev.estado}
        if comentario is not None:
            ev.comentario_evaluador = comentario.strip()
            campos["comentario_evaluador"] = ev.comentario_evaluador
        return _guardar(
            ev,
            version,
            por=por,
            accion="puntuaciones guardadas",
            antes=antes,
            despues=_instantanea(ev, puntuaciones),
            campos=campos,
        )


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


def _pdf_al_confirmar(ev: Evaluacion) -> None:
    from .tasks import generar_pdf_evaluacion

    transaction.on_commit(lambda: generar_pdf_evaluacion.delay(ev.pk))


def enviar_evaluacion(
    *, evaluacion: Evaluacion, version: int | None, por, hoy: date | None = None
) -> Evaluacion:
    """Send the scored evaluation; the appeal deadline starts the next day."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        ev = _bloquear(evaluacion, version)
        _comprobar_estado(ev, _("enviar"), (E.EN_EVALUACION,))
        puntuaciones = _puntuaciones(ev)
        _comprobar_completa(ev, puntuaciones)
        indice, supera = calcular_resultado(ev.campana, puntuaciones)
        antes = _instantanea(ev)
        ev.estado = E.ENVIADA
        plazo = sumar_dias_habiles(
            hoy,
            ev.campana.dias_alegaciones,
            provincia=ev.oficina.provincia,
            municipio=ev.oficina.municipio,
        )
        ev = _guardar(
            ev,
            version,
            por=por,
            accion="enviada",
            antes=antes,
            despues={
                **_instantanea(ev),
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
        _notificar(ev.empleado, "enviada", ev)
        _pdf_al_confirmar(ev)
        return ev


def reconocer_evaluacion(
    *, evaluacion: Evaluacion, version: int | None, comentario: str = "", por
) -> Evaluacion:
    """The employee acknowledges receipt and may comment. Receiving is not
    agreeing: the appeal stays open until `plazo_alegaciones`."""
    with transaction.atomic():
        ev = _bloquear(evaluacion, version)
        _comprobar_estado(ev, _("dar por recibida"), (E.ENVIADA,))
        antes = _instantanea(ev)
        ev.estado, ev.comentario_empleado = E.RECONOCIDA, comentario.strip()
        return _guardar(
            ev,
            version,
            por=por,
            accion="recibida",
            antes=antes,
            despues=_instantanea(ev),
            campos={
                "estado": E.RECONOCIDA,
                "comentario_empleado": ev.comentario_empleado,
                "reconocida_en": timezone.now(),
            },
        )


def alegar_evaluacion(
    *,
    evaluacion: Evaluacion,
    version: int | None,
    texto: str,
    por,
    hoy: date | None = None,
) -> Evaluacion:
    """The employee appeals, within the deadline counted in working days, whether
    or not they already acknowledged receipt."""
    hoy = hoy or timezone.localdate()
    texto = (texto or "").strip()
    with transaction.atomic():
        ev = _bloquear(evaluacion, version)
        _comprobar_estado(ev, _("alegar"), (E.ENVIADA, E.RECONOCIDA))
        if ev.plazo_alegaciones and hoy > ev.plazo_alegaciones:
            raise ValidationError(
                _("El plazo de alegaciones terminó el %(fecha)s.")
                % {"fecha": ev.plazo_alegaciones.strftime("%d/%m/%Y")}
            )
        if not texto:
            raise ValidationError(_("Escriba el texto de la alegación."))
        if ev.revisor_id is None:
            raise ValidationError(
                _(
                    "No hay una segunda persona en la línea jerárquica que pueda revisar la alegación; "
                    "contacte con Calidad."
                )
            )
        antes = _instantanea(ev)
        ev.estado, ev.alegacion = E.ALEGADA, texto
        ev = _guardar(
            ev,
            version,
            por=por,
            accion="alegada",
            antes=antes,
            despues=_instantanea(ev),
            campos={
                "estado": E.ALEGADA,
                "alegacion": texto,
                "alegada_en": timezone.now(),
            },
        )
        _notificar(ev.revisor, "alegada", ev)
        return ev


def revisar_alegacion(
    *,
    evaluacion: Evaluacion,
    version: int | None,
    decision: str,
    motivos: str,
    niveles: dict[int, int] | None = None,
    por,
) -> Evaluacion:
    """The reviewer (the evaluator's own supervisor) decides, with reasons; when
    the appeal is upheld the levels may change."""
    motivos = (motivos or "").strip()
    with transaction.atomic():
        ev = _bloquear(evaluacion, version)
        _comprobar_estado(ev, _("revisar"), (E.ALEGADA,))
        if decision not in Evaluacion.Decision.values:
            raise ValidationError(_("Elija una decisión."))
        if not motivos:
            raise ValidationError(_("Explique los motivos de la decisión."))
        puntuaciones = _puntuaciones(ev)
        antes = _instantanea(ev, puntuaciones)
        if niveles and decision != Evaluacion.Decision.DESESTIMADA:
            minimo, maximo = escala_de(ev.campana.marco)
            for p in puntuaciones:
                if p.competencia_id in niveles and niveles[p.competencia_id] not in (
                    None,
                    "",
                ):
                    p.nivel = _validar_nivel(
                        niveles[p.competencia_id], minimo, maximo, p.competencia
                    )
            Puntuacion.objects.bulk_update(puntuaciones, ["nivel"])
        indice, supera = calcular_resultado(ev.campana, puntuaciones)
        ev.estado, ev.decision, ev.motivos_decision = E.REVISADA, decision, motivos
        ev = _guardar(
            ev,
            version,
            por=por,
            accion="alegación revisada",
            antes=antes,
            despues={**_instantanea(ev, puntuaciones), "indice": str(indice)},
            campos={
                "estado": E.REVISADA,
                "decision": decision,
                "motivos_decision": motivos,
                "revisada_en": timezone.now(),
                "indice": indice,
                "supera_estandar": supera,
            },
        )
        _notificar(ev.empleado, "revisada", ev)
        _pdf_al_confirmar(ev)
        return ev


class CierreEnPlazoDeAlegaciones(ValidationError):
    """Closing a sent or received evaluation while the person may still appeal."""


def motivo_para_no_cerrar(ev: Evaluacion, hoy: date | None = None) -> str | None:
    """Why a sent or received evaluation cannot be closed yet (the appeal window
    is open: receiving is not waiving it), and from when it can; None when the
    deadline does not stand in the way."""
    hoy = hoy or timezone.localdate()
    if not ev.en_plazo_de_alegar(hoy):
        return None
    return _(
        "Todavía no se puede cerrar: la persona evaluada puede presentar "
        "alegaciones hasta el %(plazo)s, aunque ya la haya dado por recibida. "
        "Podrá cerrarla a partir del %(desde)s."
    ) % {
        "plazo": ev.plazo_alegaciones.strftime("%d/%m/%Y"),
        "desde": (ev.plazo_alegaciones + timedelta(days=1)).strftime("%d/%m/%Y"),
    }


def cerrar_evaluacion(
    *, evaluacion: Evaluacion, version: int | None, por, hoy: date | None = None
) -> Evaluacion:
    """Close an evaluation: reviewed, or sent or received with the appeal
    deadline over."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        ev = _bloquear(evaluacion, version)
        motivo = motivo_para_no_cerrar(ev, hoy)
        if motivo:
            raise CierreEnPlazoDeAlegaciones(motivo, code="plazo_alegaciones")
        _comprobar_estado(ev, _("cerrar"), (E.ENVIADA, E.RECONOCIDA, E.REVISADA))
        antes = _instantanea(ev)
        ev.estado = E.CERRADA
        ev = _guardar(
            ev,
            version,
            por=por,
            accion="cerrada",
            antes=antes,
            despues=_instantanea(ev),
            campos={"estado": E.CERRADA, "cerrada_en": timezone.now()},
        )
        _pdf_al_confirmar(ev)
        return ev


def cerrar_campana(*, campana: Campana, por, hoy: date | None = None) -> dict:
    """Close a campaign and every evaluation that can be closed. Refused while
    appeals are pending or appeal deadlines still running."""
    hoy = hoy or timezone.localdate()
    with transaction.atomic():
        c = Campana.objects.select_for_update().get(pk=campana.pk)
        if c.estado == Campana.Estado.CERRADA:
            raise ValidationError(_("La campaña ya está cerrada."))
        if c.estado == Campana.Estado.BORRADOR:
            raise ValidationError(
                _("No se puede cerrar una campaña que no se ha abierto.")
            )
        abiertas = c.evaluaciones.filter(
            Q(estado=E.ALEGADA)
            | Q(estado__in=(E.ENVIADA, E.RECONOCIDA), plazo_alegaciones__gte=hoy)
        ).count()
        if abiertas:
            raise ValidationError(
                _(
                    "Quedan %(n)s evaluaciones con alegaciones pendientes o en plazo de alegar."
                )
                % {"n": abiertas}
            )
        ahora = timezone.now()
        cerrables = c.evaluaciones.exclude(estado=E.CERRADA)
        ids = list(cerrables.values_list("pk", flat=True))
        estados = dict(cerrables.values_list("pk", "estado"))
        cerrables.update(estado=E.CERRADA, cerrada_en=ahora, version=F("version") + 1)
        AuditoriaEvaluacion.objects.bulk_create(
            AuditoriaEvaluacion(
                evaluacion_id=pk,
                usuario=por if getattr(por, "is_authenticated", False) else None,
                accion="cerrada con la campaña",
                antes={"estado": estados[pk]},
                despues={"estado": E.CERRADA},
            )
            for pk in ids
        )
        c.estado, c.cerrada_en = Campana.Estado.CERRADA, ahora
        c.save(update_fields=["estado", "cerrada_en"])
    campana.estado = c.estado
    return {"cerradas": len(ids)}


# --- Notifications ---------------------------------------------------------------


def _notificar(destinatario: Empleado | None, motivo: str, ev: Evaluacion) -> None:
    if destinatario is None or not destinatario.usuario.email:
        return
    asunto = {
        "enviada": _("Tiene una evaluación de competencias para revisar"),
        "alegada": _("Tiene una alegación a una evaluación que revisar"),
        "revisada": _("Su alegación ha sido revisada"),
    }[motivo]
    cuerpo = render_to_string(
        "evaluacion/email/aviso.txt",
        {
            "motivo": motivo,
            "evaluacion": ev,
            "destinatario": destinatario,
            "sitio": settings.SITE_URL,
        },
    )
    correo = destinatario.usuario.email
    transaction.on_commit(
        lambda: send_mail(asunto, cuerpo, None, [correo], fail_silently=True)
    )


def enviar_recordatorios(*, hoy: date | None = None) -> int:
    """One e-mail per late evaluator and day (the unique row makes reruns no-ops)."""
    hoy = hoy or timezone.localdate()
    atrasados = (
        Evaluacion.objects.filter(
            campana__estado__in=[Campana.Estado.ABIERTA, Campana.Estado.EN_CIERRE],
            campana__evaluacion_hasta__lt=hoy,
            estado__in=ESTADOS_SIN_ENVIAR,
        )
        .values("evaluador_id")
        .annotate(n=Count("id"))
        .order_by("evaluador_id")
    )
    enviados = 0
    for fila in atrasados:
        with transaction.atomic():
            _registro, creado = RecordatorioEvaluador.objects.get_or_create(
                evaluador_id=fila["evaluador_id"],
                fecha=hoy,
                defaults={"pendientes": fila["n"]},
            )
            if not creado:
                continue
            evaluador = Empleado.objects.select_related("usuario").get(
                pk=fila["evaluador_id"]
            )
            if evaluador.usuario.email:
                cuerpo = render_to_string(
                    "evaluacion/email/recordatorio.txt",
                    {
                        "evaluador": evaluador,
                        "n": fila["n"],
                        "sitio": settings.SITE_URL,
                    },
                )
                correo = evaluador.usuario.email
                transaction.on_commit(
                    lambda c=correo, b=cuerpo: send_mail(
                        _("Evaluaciones de competencias fuera de plazo"), b, None, [c]
                    )
                )
                enviados += 1
    return enviados


# --- Development plan ---------------------------------------------------------------


def asignar_curso_recomendado(
    *, evaluacion: Evaluacion, competencia_id: int, curso_id: int, por
):
    """One click on a gap: enrol the person in a course that develops that
    competency (origin «recomendación», through formacion) and remember why."""
    from formacion import selectors as formacion_selectors
    from formacion import services as formacion_services
    from formacion.models import Matricula

    from .models import RecomendacionCurso

    if evaluacion.estado not in ESTADOS_ENVIADA_SET:
        raise ValidationError(
            _("El plan de desarrollo se abre cuando la evaluación se ha enviado.")
        )
    puntuacion = (
        evaluacion.puntuaciones.select_related("competencia")
        .filter(competencia_id=competencia_id)
        .first()
    )
    if (
        puntuacion is None
        or puntuacion.nivel is None
        or puntuacion.nivel_requerido is None
        or (puntuacion.nivel >= puntuacion.nivel_requerido)
    ):
        raise ValidationError(_("Esa competencia no tiene brecha en esta evaluación."))
    curso = (
        formacion_selectors.cursos_que_desarrollan([puntuacion.competencia])
        .filter(pk=curso_id)
        .first()
    )
    if curso is None:
        raise ValidationError(
            _("Ese curso no desarrolla la competencia %(c)s.")
            % {"c": puntuacion.competencia}
        )
    with transaction.atomic():
        matricula = formacion_services.matricular(
            empleado=evaluacion.empleado,
            curso=curso,
            origen=Matricula.Origen.RECOMENDACION,
            por=por,
        )
        recomendacion, creada = RecomendacionCurso.objects.get_or_create(
            evaluacion=evaluacion,
            competencia_id=competencia_id,
            curso=curso,
            defaults={
                "matricula": matricula,
                "asignada_por": por
                if getattr(por, "is_authenticated", False)
                else None,
            },
        )
        if not creada and recomendacion.matricula_id != matricula.pk:
            recomendacion.matricula = matricula
            recomendacion.save(update_fields=["matricula"])
        if creada:
            AuditoriaEvaluacion.objects.create(
                evaluacion=evaluacion,
                usuario=por if getattr(por, "is_authenticated", False) else None,
                accion="curso recomendado asignado",
                despues={
                    "competencia": puntuacion.competencia.codigo,
                    "curso": curso.title,
                },
            )
    return matricula
