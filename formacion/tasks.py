"""Celery tasks: load ids, call one service; idempotent and safe to retry."""

from celery import shared_task

from . import services
from .models import Certificado


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def generar_pdf_certificado(self, certificado_id: int) -> str | None:
    certificado = Certificado.objects.filter(pk=certificado_id).first()
    if certificado is None:
        return None
    return services.generar_pdf(certificado=certificado).sha256


@shared_task
def tareas_diarias_formacion() -> dict:
    """Date rules (overdue, expiry) then renewal windows; never completion."""
    resultado = services.actualizar_estados()
    resultado["renovaciones"] = services.abrir_renovaciones()
    return resultado


@shared_task
def enviar_recordatorios_formacion() -> dict:
    return services.enviar_recordatorios()
