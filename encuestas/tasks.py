from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from comun.enlaces import enlace_absoluto

from . import resumenes, services
from .app_settings import ajustes


@shared_task(
    bind=True,
    max_retries=5,
    default_retry_delay=60,
    name="encuestas.tasks.enviar_invitacion",
)
def enviar_invitacion(self, invitacion_id: int) -> None:
    try:
        services.enviar(invitacion_id)
    except Exception as exc:  # gateway down: retry later, the contact stays until sent
        raise self.retry(exc=exc) from exc


@shared_task(
    bind=True,
    max_retries=5,
    default_retry_delay=60,
    name="encuestas.tasks.enviar_invitaciones",
)
def enviar_invitaciones(self, invitacion_ids: list[int]) -> None:
    """A batch's invitations in one message (one publish per API batch, not one
    per invitation). Each is sent and committed on its own, as by
    enviar_invitacion: a redelivery skips those already sent, and a retry
    carries only those that failed."""
    fallidas, error = [], None
    for invitacion_id in invitacion_ids:
        try:
            services.enviar(invitacion_id)
        except Exception as exc:  # gateway down: the rest still go out
            fallidas.append(invitacion_id)
            error = exc
    if fallidas:
        raise self.retry(args=[fallidas], exc=error)


@shared_task(name="encuestas.tasks.avisar_alerta")
def avisar_alerta(alerta_id: int) -> None:
    from django.urls import reverse

    from .models import Alerta

    alerta = (
        Alerta.objects.select_related("responsable__usuario", "oficina")
        .filter(pk=alerta_id)
        .first()
    )
    if not alerta or not alerta.responsable or not alerta.responsable.usuario.email:
        return
    enlace = enlace_absoluto(reverse("encuestas:alerta", args=[alerta.pk]))
    send_mail(
        f"Nueva alerta de encuesta en {alerta.oficina.nombre}",
        f"Una persona con una valoración baja pide que la contacten. Plazo: {alerta.plazo:%d/%m/%Y %H:%M}.\n{enlace}",
        settings.DEFAULT_FROM_EMAIL,
        [alerta.responsable.usuario.email],
    )


@shared_task(name="encuestas.tasks.enviar_queja")
def enviar_queja(queja_id: int) -> None:
    from .models import Queja

    queja = Queja.objects.select_related("oficina").filter(pk=queja_id).first()
    if queja:
        send_mail(
            f"Queja o sugerencia {queja.numero} ({queja.oficina.nombre})",
            queja.texto,
            settings.DEFAULT_FROM_EMAIL,
            [ajustes.QUEJAS_EMAIL],
        )


@shared_task(name="encuestas.tasks.consolidar_resumenes", ignore_result=True)
def consolidar_resumenes() -> int:
    """Beat, every ENCUESTAS_CONSOLIDAR_SEGUNDOS: queued responses into the rollups."""
    return resumenes.consolidar()


@shared_task(name="encuestas.tasks.purgar_contactos", ignore_result=True)
def purgar_contactos() -> int:
    """Beat, daily: contact hashes the fatigue rule no longer needs."""
    return services.purgar_contactos()
