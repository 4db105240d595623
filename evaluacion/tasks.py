"""Celery tasks: take ids, call one service, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="evaluacion.tasks.abrir_campanas_vencidas", acks_late=True)
def abrir_campanas_vencidas() -> dict:
    return services.abrir_campanas_vencidas()


@shared_task(name="evaluacion.tasks.recordar_evaluadores_atrasados", acks_late=True)
def recordar_evaluadores_atrasados() -> int:
    return services.enviar_recordatorios()


@shared_task(
    name="evaluacion.tasks.generar_pdf_evaluacion",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def generar_pdf_evaluacion(evaluacion_id: int) -> str:
    from .pdf import guardar_pdf_evaluacion

    return guardar_pdf_evaluacion(evaluacion_id)
