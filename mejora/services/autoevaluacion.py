"""Self-assessment: the team, individual scores, the consensus and closing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    Ambito,
    Autoevaluacion,
    ModeloCalidad,
    PuntuacionFinal,
    PuntuacionIndividual,
    Subcriterio,
)
from ..periodos import Periodo
from .ambito import ambito_valido


def _subcriterio_del_modelo(autoevaluacion: Autoevaluacion, subcriterio: Subcriterio):
    if subcriterio.criterio.modelo_id != autoevaluacion.modelo_id:
        raise ValidationError(
            _("El subcriterio no pertenece al modelo de esta autoevaluación.")
        )


@transaction.atomic
def crear_autoevaluacion(
    *,
    modelo: ModeloCalidad,
    titulo: str,
    periodo: str,
    miembros,
    ambito: str = Ambito.ORGANIZACION,
    oficina=None,
    canal: str = "",
) -> Autoevaluacion:
    Periodo.de(periodo)
    ambito, oficina, canal = ambito_valido(ambito, oficina, canal)
    a = Autoevaluacion(
        modelo=modelo,
        titulo=titulo,
        periodo=periodo,
        ambito=ambito,
        oficina=oficina,
        canal=canal,
    )
    a.full_clean()
    a.save()
    a.miembros.set(miembros)
    return a


@transaction.atomic
def puntuar(
    *,
    autoevaluacion: Autoevaluacion,
    miembro,
    subcriterio: Subcriterio,
    puntuacion: int,
    comentario: str = "",
) -> PuntuacionIndividual:
    if autoevaluacion.estado != Autoevaluacion.Estado.ABIERTA:
        raise ValidationError(
            _("La autoevaluación ya no admite puntuaciones individuales.")
        )
    if not autoevaluacion.miembros.filter(pk=miembro.pk).exists():
        raise ValidationError(_("Solo puntúan los miembros del equipo evaluador."))
    _subcriterio_del_modelo(autoevaluacion, subcriterio)
    p = PuntuacionIndividual.objects.filter(
        autoevaluacion=autoevaluacion, subcriterio=subcriterio, miembro=miembro
    ).first() or PuntuacionIndividual(
        autoevaluacion=autoevaluacion, subcriterio=subcriterio, miembro=miembro
    )
    p.puntuacion, p.comentario = puntuacion, comentario
    p.full_clean()
    p.save()
    return p


@transaction.atomic
def fijar_puntuacion_final(
    *,
    autoevaluacion: Autoevaluacion,
    subcriterio: Subcriterio,
    puntuacion: int,
    evidencias: str = "",
    puntos_fuertes: str = "",
    areas_mejora: str = "",
) -> PuntuacionFinal:
    if autoevaluacion.estado == Autoevaluacion.Estado.CERRADA:
        raise ValidationError(_("La autoevaluación está cerrada."))
    _subcriterio_del_modelo(autoevaluacion, subcriterio)
    f = PuntuacionFinal.objects.filter(
        autoevaluacion=autoevaluacion, subcriterio=subcriterio
    ).first()
    f = f or PuntuacionFinal(autoevaluacion=autoevaluacion, subcriterio=subcriterio)
    f.puntuacion, f.evidencias, f.puntos_fuertes, f.areas_mejora = (
        puntuacion,
        evidencias,
        puntos_fuertes,
        areas_mejora,
    )
    f.full_clean()
    f.save()
    if autoevaluacion.estado == Autoevaluacion.Estado.ABIERTA:
        Autoevaluacion.objects.filter(pk=autoevaluacion.pk).update(
            estado=Autoevaluacion.Estado.CONSENSO
        )
    return f


@transaction.atomic
def cerrar_autoevaluacion(*, autoevaluacion: Autoevaluacion) -> Autoevaluacion:
    autoevaluacion.estado = Autoevaluacion.Estado.CERRADA
    autoevaluacion.save(update_fields=["estado"])
    return autoevaluacion
