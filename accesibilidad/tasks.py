"""Celery tasks: ids in, one service; each sends its e-mail once, so a retry is safe."""

from celery import shared_task

from . import services

OPCIONES_CORREO = {
    "acks_late": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name="accesibilidad.tasks.avisar_unidad", **OPCIONES_CORREO)
def avisar_unidad(comunicacion_id: int) -> bool:
    return services.avisar_unidad(comunicacion_id=comunicacion_id)


@shared_task(name="accesibilidad.tasks.enviar_respuesta", **OPCIONES_CORREO)
def enviar_respuesta(comunicacion_id: int) -> bool:
    return services.enviar_respuesta(comunicacion_id=comunicacion_id)
