from celery import shared_task

from . import services
from .models import Empleado


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def enviar_bienvenida(self, empleado_id: int) -> bool:
    """Send the welcome e-mail with a link to set the password; idempotent."""
    empleado = Empleado.objects.select_related("usuario").filter(pk=empleado_id).first()
    if empleado is None:
        return False
    try:
        return services.enviar_bienvenida(empleado=empleado)
    except OSError as exc:  # SMTP down: try again later
        raise self.retry(exc=exc) from exc


@shared_task(name="organizacion.tasks.ejecutar_importacion")
def ejecutar_importacion(importacion_id: int) -> int | None:
    """Import a stored staff file; idempotent (see the service)."""
    importacion = services.ejecutar_importacion(importacion_id=importacion_id)
    return importacion.pk if importacion else None


@shared_task(name="organizacion.tasks.aplicar_conservacion", ignore_result=True)
def aplicar_conservacion() -> dict[str, int]:
    """Beat, nightly: every retention policy; idempotent (a second run finds
    nothing left past its cut-off)."""
    return {
        r.codigo: r.afectados for r in services.aplicar_conservacion(simulacion=False)
    }
