"""Appeals: the person evaluated appeals within the deadline, and the reviewer
(the evaluator's own supervisor) decides with reasons, changing levels when
the appeal is upheld."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Evaluacion, Puntuacion
from . import transiciones
from .avisos import notificar
from .flujo import calcular_resultado
from .marcos import escala_de

E = Evaluacion.Estado


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
        ev = transiciones.bloquear(evaluacion, version)
        transiciones.comprobar_estado(ev, _("alegar"), (E.ENVIADA, E.RECONOCIDA))
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
        antes = transiciones.instantanea(ev)
        ev.estado, ev.alegacion = E.ALEGADA, texto
        ev = transiciones.guardar_transicion(
            ev,
            version,
            por=por,
            accion="alegada",
            antes=antes,
            despues=transiciones.instantanea(ev),
            campos={
                "estado": E.ALEGADA,
                "alegacion": texto,
                "alegada_en": timezone.now(),
            },
        )
        notificar(ev.revisor, "alegada", ev)
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
        ev = transiciones.bloquear(evaluacion, version)
        transiciones.comprobar_estado(ev, _("revisar"), (E.ALEGADA,))
        if decision not in Evaluacion.Decision.values:
            raise ValidationError(_("Elija una decisión."))
        if not motivos:
            raise ValidationError(_("Explique los motivos de la decisión."))
        puntuaciones = transiciones.puntuaciones_de(ev)
        antes = transiciones.instantanea(ev, puntuaciones)
        if niveles and decision != Evaluacion.Decision.DESESTIMADA:
            minimo, maximo = escala_de(ev.campana.marco)
            for p in puntuaciones:
                if p.competencia_id in niveles and niveles[p.competencia_id] not in (
                    None,
                    "",
                ):
                    p.nivel = transiciones.validar_nivel(
                        niveles[p.competencia_id], minimo, maximo, p.competencia
                    )
            Puntuacion.objects.bulk_update(puntuaciones, ["nivel"])
        indice, supera = calcular_resultado(ev.campana, puntuaciones)
        ev.estado, ev.decision, ev.motivos_decision = E.REVISADA, decision, motivos
        ev = transiciones.guardar_transicion(
            ev,
            version,
            por=por,
            accion="alegación revisada",
            antes=antes,
            despues={
                **transiciones.instantanea(ev, puntuaciones),
                "indice": str(indice),
            },
            campos={
                "estado": E.REVISADA,
                "decision": decision,
                "motivos_decision": motivos,
                "revisada_en": timezone.now(),
                "indice": indice,
                "supera_estandar": supera,
            },
        )
        notificar(ev.empleado, "revisada", ev)
        transiciones.pdf_al_confirmar(ev)
        return ev
