"""Celery glue for mejora: each task loads ids and calls one service."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from comun.colas import en_lote

from . import services


@shared_task(name="mejora.tasks.recalcular_indicadores", acks_late=True)
def recalcular_indicadores(
    periodos: list[str] | None = None,
    codigos: list[str] | None = None,
    completo: bool = False,
) -> list[str]:
    """Nightly (beat): queue one `recalcular_periodo` per period, the current ones
    and those whose data changed; with `periodos` or `completo`, those."""
    hoy = timezone.localdate()
    if periodos or completo:
        return services.encolar_recalculo(
            periodos or services.periodos_por_defecto(hoy, completo=True), codigos
        )
    return services.encargar_recalculo_nocturno(hoy=hoy)


@shared_task(
    name="mejora.tasks.recalcular_periodo",
    acks_late=True,
    soft_time_limit=settings.MEJORA_RECALCULO_LIMITE_SUAVE,
    time_limit=settings.MEJORA_RECALCULO_LIMITE,
)
def recalcular_periodo(periodo: str, codigos: list[str] | None = None) -> int:
    """One period, committed whole or not at all; upserts: safe to rerun."""
    return services.recalcular_periodo(periodo=periodo, codigos=codigos).filas


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
