"""Alerts (a low score with consent to be contacted) and complaints routed to
«quejas y sugerencias» with a receipt number."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Oficina

from ..app_settings import ajustes
from ..models import Alerta, NotaAlerta, Queja, Respuesta
from ..redaccion import redactar


def plazo_de_alerta(ahora: datetime) -> datetime:
    return ahora + timedelta(hours=ajustes.PLAZO_ALERTA_HORAS)


def abrir_alerta(
    respuesta: Respuesta, puntuacion: int, contacto: str, *, ahora=None
) -> Alerta:
    """A low score whose citizen asked to be contacted: an alert for the office's
    manager, due in ENCUESTAS_PLAZO_ALERTA_HORAS. (On PostgreSQL the submit's
    one statement, `sql._sql_envio`, writes the same row.)"""
    ahora = ahora or timezone.now()
    oficina = Oficina.objects.only("responsable_id").get(pk=respuesta.oficina_id)
    alerta = Alerta.objects.create(
        respuesta=respuesta,
        oficina_id=respuesta.oficina_id,
        responsable_id=oficina.responsable_id,
        plazo=plazo_de_alerta(ahora),
        contacto=contacto,
        puntuacion=puntuacion,
        creada_en=ahora,
    )
    if oficina.responsable_id:
        avisar_de_alerta(alerta.pk)
    return alerta


def avisar_de_alerta(alerta_id: int) -> None:
    """Tell the office's manager, once the alert is committed."""
    from ..tasks import avisar_alerta

    transaction.on_commit(lambda: avisar_alerta.delay(alerta_id))


@transaction.atomic
def cambiar_estado_alerta(
    *, alerta: Alerta, estado: str, autor, nota: str = ""
) -> Alerta:
    alerta = Alerta.objects.select_for_update().get(pk=alerta.pk)
    if alerta.estado == Alerta.Estado.CERRADA:
        raise ValidationError(_("La alerta ya está cerrada."))
    if estado not in Alerta.Estado.values:
        raise ValidationError(_("Estado no válido."))
    alerta.estado = estado
    if estado == Alerta.Estado.CERRADA:
        alerta.contacto = ""  # the citizen's contact lives only while it is needed
        alerta.cerrada_en = timezone.now()
    alerta.full_clean()
    alerta.save()
    nota = (nota or "").strip()
    NotaAlerta.objects.create(
        alerta=alerta, autor=autor, texto=redactar(nota)[:2000], estado=estado
    )
    return alerta


@transaction.atomic
def remitir_queja(*, respuesta: Respuesta, por) -> Queja:
    existente = Queja.objects.filter(respuesta=respuesta).first()
    if existente:
        return existente
    if not respuesta.comentario:
        raise ValidationError(_("La respuesta no tiene comentario que remitir."))
    ahora = timezone.now()
    anterior = (
        Queja.objects.select_for_update()
        .filter(numero__startswith=f"QS-{ahora:%Y}-")
        .order_by("-numero")
        .first()
    )
    siguiente = int(anterior.numero.rsplit("-", 1)[1]) + 1 if anterior else 1
    queja = Queja.objects.create(
        numero=f"QS-{ahora:%Y}-{siguiente:06d}",
        respuesta=respuesta,
        oficina_id=respuesta.oficina_id,
        texto=respuesta.comentario,
        remitida_por=por,
    )
    destino = ajustes.QUEJAS_EMAIL
    if destino:
        from ..tasks import enviar_queja

        transaction.on_commit(lambda: enviar_queja.delay(queja.pk))
    return queja
