"""Celery glue for mejora: each task loads ids and calls one service."""

from celery import shared_task
from django.utils import timezone

from comun.colas import en_lote

from . import services


@shared_task(name="mejora.tasks.recalcular_indicadores", acks_late=True)
def recalcular_indicadores(
    periodos: list[str] | None = None,
    codigos: list[str] | None = None,
    completo: bool = False,
) -> int:
    """Nightly (beat) and on demand: rebuild the rollup. Upserts: safe to rerun."""
    periodos = periodos or services.periodos_por_defecto(
        timezone.localdate(), completo=completo
    )
    return services.recalcular_indicadores(periodos=periodos, codigos=codigos)


@shared_task(
    name="mejora.tasks.generar_pdf_informe",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def generar_pdf_informe(informe_id: int, version: int) -> str | None:
    """Runs on the "pdf" queue. Idempotent per (informe, version)."""
    informe = services.generar_informe(informe_id=informe_id, version=version)
    return informe.sha256 if informe else None


@shared_task(name="mejora.tasks.recordar_acciones_vencidas")
def recordar_acciones_vencidas() -> int:
    return services.enviar_recordatorios(hoy=timezone.localdate())


@shared_task(name="mejora.tasks.informe_programado")
def informe_programado(tipo: str) -> int | None:
    # Nobody is waiting for it: its PDF must not delay one a person asked for.
    with en_lote():
        informe = services.programar_informes(hoy=timezone.localdate(), tipo=tipo)
    return informe.pk if informe else None
