"""Closing: an evaluation once its appeal window is over or its appeal
reviewed, and a whole campaign when nothing is left pending."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AuditoriaEvaluacion, Campana, Evaluacion
from .transiciones import (
    bloquear,
    comprobar_estado,
    guardar_transicion,
    instantanea,
    pdf_al_confirmar,
)

E = Evaluacion.Estado


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
        ev = bloquear(evaluacion, version)
        motivo = motivo_para_no_cerrar(ev, hoy)
        if motivo:
            raise CierreEnPlazoDeAlegaciones(motivo, code="plazo_alegaciones")
        comprobar_estado(ev, _("cerrar"), (E.ENVIADA, E.RECONOCIDA, E.REVISADA))
        antes = instantanea(ev)
        ev.estado = E.CERRADA
        ev = guardar_transicion(
            ev,
            version,
            por=por,
            accion="cerrada",
            antes=antes,
            despues=instantanea(ev),
            campos={"estado": E.CERRADA, "cerrada_en": timezone.now()},
        )
        pdf_al_confirmar(ev)
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
