"""Findings (strengths, areas for improvement) and the improvement actions."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from comun.idioma import en_idioma_de

from .. import analisis, selectors
from ..models import (
    AccionMejora,
    Hallazgo,
)
from ..periodos import Periodo


@transaction.atomic
def proponer_hallazgos(
    *, periodo: str, ambito_clave: str = "organizacion"
) -> list[Hallazgo]:
    """Strengths and areas for improvement from the data: a target met even at the
    unfavourable end of the interval is a strength; a target missed, or a
    significant worsening, is an area. Proposals already edited by management
    keep their text and state."""
    p = Periodo.de(periodo)
    propuestos = []
    for t in selectors.analisis_indicadores(p, ambito_clave):
        propuesta = analisis.hallazgo_de(t)
        if propuesta is None:
            continue
        tipo, texto = propuesta
        ind = t["indicador"]
        h, creado = Hallazgo.objects.get_or_create(
            periodo=periodo,
            tipo=tipo,
            indicador=ind,
            ambito_clave=ambito_clave,
            automatico=True,
            defaults={
                "texto": texto,
                "criterio": ind.criterios.order_by("modelo__codigo", "orden").first(),
            },
        )
        if not creado and h.editado_por_id is None:
            h.texto = texto
            h.save(update_fields=["texto"])
        propuestos.append(h)
    return propuestos


@transaction.atomic
def editar_hallazgo(*, hallazgo: Hallazgo, texto: str, estado: str, por) -> Hallazgo:
    hallazgo.texto, hallazgo.estado, hallazgo.editado_por = texto, estado, por
    hallazgo.full_clean()
    hallazgo.save()
    return hallazgo


# --- Improvement actions -------------------------------------------------------


@transaction.atomic
def guardar_accion(*, accion: AccionMejora) -> AccionMejora:
    if accion.fecha_fin < accion.fecha_inicio:
        raise ValidationError(_("La fecha límite no puede ser anterior al inicio."))
    if accion.estado == AccionMejora.Estado.CERRADA:
        accion.progreso = 100
    accion.full_clean()
    accion.save()
    return accion


def enviar_recordatorios(*, hoy: date) -> int:
    """E-mail the owner of each overdue open action once per day (idempotent)."""
    vencidas = (
        AccionMejora.objects.filter(fecha_fin__lt=hoy)
        .exclude(
            estado__in=[AccionMejora.Estado.CERRADA, AccionMejora.Estado.CANCELADA]
        )
        .exclude(recordatorio_enviado=hoy)
        .select_related("responsable__usuario", "responsable_usuario")
        .order_by("pk")
    )
    enviados = 0
    for accion in vencidas:
        with transaction.atomic():
            # Claim the row first so a concurrent run cannot send it twice.
            if (
                not AccionMejora.objects.filter(pk=accion.pk)
                .exclude(recordatorio_enviado=hoy)
                .update(recordatorio_enviado=hoy)
            ):
                continue
            usuario = accion.responsable_usuario or (
                accion.responsable.usuario if accion.responsable else None
            )
            if usuario and usuario.email:
                with en_idioma_de(usuario):
                    asunto = _("Acción de mejora vencida: %(t)s") % {"t": accion.titulo}
                    cuerpo = _(
                        "La acción «%(t)s» venció el %(f)s y sigue "
                        "en estado %(e)s (%(p)d %%)."
                    ) % {
                        "t": accion.titulo,
                        "f": formats.date_format(accion.fecha_fin, "SHORT_DATE_FORMAT"),
                        "e": accion.get_estado_display(),
                        "p": accion.progreso,
                    }
                send_mail(asunto, cuerpo, settings.DEFAULT_FROM_EMAIL, [usuario.email])
                enviados += 1
    return enviados
