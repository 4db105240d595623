"""Reads of the report's generation: in progress, or interrupted (its worker
died: the heartbeat stopped)."""

from datetime import datetime

from django.db.models import Q, QuerySet

from comun.latido import caducado, limite

from ..models import Informe


def informe_interrumpido(informe: Informe, ahora: datetime | None = None) -> bool:
    """Generating, but its last heartbeat is older than the threshold."""
    return informe.estado == Informe.Estado.GENERANDO and caducado(
        informe.latido, ahora
    )


def informes_interrumpidos(ahora: datetime | None = None) -> QuerySet[Informe]:
    """Every report whose generation stopped beating (for operators and the
    multi-node rehearsal: empty once every generation has finished)."""
    return Informe.objects.filter(estado=Informe.Estado.GENERANDO).filter(
        Q(latido__isnull=True) | Q(latido__lt=limite(ahora))
    )
