"""Cartas de servicios: the follow-up of a commitment in a period."""

from django.db import transaction

from ..models import Compromiso, SeguimientoCompromiso
from ..periodos import Periodo


@transaction.atomic
def registrar_seguimiento(
    *, compromiso: Compromiso, periodo: str, causa: str, acciones
) -> SeguimientoCompromiso:
    """The cause of a commitment's result in a period and the improvement actions
    linked to it: one follow-up per commitment and period, replaced when saved
    again."""
    Periodo.de(periodo)
    seguimiento, _creado = SeguimientoCompromiso.objects.get_or_create(
        compromiso=compromiso, periodo=periodo
    )
    seguimiento.causa = causa
    seguimiento.full_clean()
    seguimiento.save()
    seguimiento.acciones.set(acciones)
    return seguimiento
