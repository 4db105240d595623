"""Reads of the accessibility communications."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import Comunicacion


def comunicaciones(*, estado: str = "") -> QuerySet[Comunicacion]:
    """Open ones first, by deadline; `estado` filters (empty: all)."""
    consulta = Comunicacion.objects.select_related("cerrada_por").order_by(
        "estado", "plazo", "pk"
    )
    return consulta.filter(estado=estado) if estado else consulta


def vencidas() -> int:
    """Open communications past their deadline."""
    return Comunicacion.objects.filter(
        estado=Comunicacion.Estado.RECIBIDA, plazo__lt=timezone.localdate()
    ).count()
