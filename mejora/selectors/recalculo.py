"""Reads of the recalculation record: which periods to recompute tonight, and
when the figures of a period were computed (shown on the dashboard)."""

from datetime import datetime

from django.db.models import Q, QuerySet

from comun.latido import caducado, limite

from ..models import CalculoPeriodo, PeriodoPendiente


def calculo_interrumpido(
    calculo: CalculoPeriodo, ahora: datetime | None = None
) -> bool:
    """Interrupted: recorded so, or still "en curso" with a stale heartbeat."""
    if calculo.estado == CalculoPeriodo.Estado.INTERRUMPIDO:
        return True
    return calculo.estado == CalculoPeriodo.Estado.EN_CURSO and caducado(
        calculo.latido, ahora
    )


def calculos_interrumpidos(ahora: datetime | None = None) -> QuerySet[CalculoPeriodo]:
    """Runs still "en curso" whose worker stopped beating."""
    return CalculoPeriodo.objects.filter(estado=CalculoPeriodo.Estado.EN_CURSO).filter(
        Q(latido__isnull=True) | Q(latido__lt=limite(ahora))
    )


def _ultimos_completos(periodos=None) -> dict[str, CalculoPeriodo]:
    """The latest run of every indicator of each period (runs of some codes only,
    after a manual value, say nothing of the others)."""
    qs = CalculoPeriodo.objects.filter(codigos=[])
    if periodos is not None:
        qs = qs.filter(periodo__in=list(periodos))
    ultimos: dict[str, CalculoPeriodo] = {}
    for c in qs.order_by("periodo", "-iniciado_en"):
        ultimos.setdefault(c.periodo, c)
    return ultimos


def periodos_a_recalcular(
    actuales: list[str], ahora: datetime | None = None
) -> list[str]:
    """`actuales`, then the periods marked pending (survey data consolidated since
    their last run) and those whose last run failed or was interrupted; not a
    period whose run is still beating."""
    fallidos = [
        p
        for p, c in _ultimos_completos().items()
        if c.estado == CalculoPeriodo.Estado.ERROR or calculo_interrumpido(c, ahora)
    ]
    pendientes = PeriodoPendiente.objects.order_by("periodo").values_list(
        "periodo", flat=True
    )
    resultado = list(actuales)
    for p in [*pendientes, *sorted(fallidos)]:
        if p not in resultado:
            resultado.append(p)
    return resultado


def estado_calculo(periodo: str, ahora: datetime | None = None) -> dict:
    """{"calculado_en": end of the last completed run of the period or None,
    "fallo": the latest run if it failed or was interrupted after it, "en_curso"}."""
    ultimo = _ultimos_completos([periodo]).get(periodo)
    completado = (
        CalculoPeriodo.objects.filter(
            periodo=periodo, codigos=[], estado=CalculoPeriodo.Estado.COMPLETADO
        )
        .order_by("-iniciado_en")
        .first()
    )
    fallo = (
        ultimo
        if ultimo
        and (
            ultimo.estado == CalculoPeriodo.Estado.ERROR
            or calculo_interrumpido(ultimo, ahora)
        )
        else None
    )
    return {
        "calculado_en": completado.terminado_en if completado else None,
        "fallo": fallo,
        "en_curso": bool(
            ultimo and ultimo.estado == CalculoPeriodo.Estado.EN_CURSO and not fallo
        ),
    }
