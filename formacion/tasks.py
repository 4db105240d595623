"""Celery tasks: load ids, call one service; idempotent and safe to retry."""

from celery import shared_task

from . import services
from .models import Certificado, Expediente

# The PDF tasks are idempotent (a stored file is never rendered again), so they
# are acknowledged after running and retried with backoff when storage fails.
OPCIONES_PDF = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "max_retries": 3,
}


@shared_task(**OPCIONES_PDF)
def generar_pdf_certificado(self, certificado_id: int) -> str | None:
    certificado = Certificado.objects.filter(pk=certificado_id).first()
    if certificado is None:
        return None
    return services.generar_pdf(certificado=certificado).sha256


@shared_task(**OPCIONES_PDF)
def generar_pdf_expediente(self, expediente_id: int) -> str | None:
    """Routed to the "pdf" queue by the `*.tasks.generar_pdf_*` rule."""
    expediente = Expediente.objects.filter(pk=expediente_id).first()
    if expediente is None:
        return None
    return services.generar_pdf_expediente(expediente=expediente).sha256


@shared_task
def tareas_diarias_formacion() -> dict:
    """Date rules (overdue, expiry) then renewal windows; never completion."""
    resultado = services.actualizar_estados()
    resultado["renovaciones"] = services.abrir_renovaciones()
    return resultado


@shared_task
def enviar_recordatorios_formacion() -> dict:
    return services.enviar_recordatorios()
