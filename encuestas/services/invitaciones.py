"""Invitations: minting one (single-use token, counted as offered), counting its
first opening, and sending it by SMS or e-mail before forgetting the contact."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from comun.enlaces import enlace_absoluto

from .. import resumenes, seguridad
from ..envio import enviar_correo, sms_backend
from ..models import Atencion, Invitacion
from ..textos import texto
from .banco import encuesta_para


def enlace_de(token: str) -> str:
    return enlace_absoluto(reverse("e:responder", args=[token]))


def crear_invitacion(
    *,
    atencion: Atencion,
    medio: str,
    dias: int,
    contacto: str = "",
    recuperable: bool = False,
) -> tuple[Invitacion, str]:
    semilla = seguridad.nueva_semilla() if recuperable else ""
    token = seguridad.token_de_semilla(semilla) if semilla else seguridad.nuevo_token()
    ahora = timezone.now()
    invitacion = Invitacion.objects.create(
        atencion=atencion,
        encuesta=encuesta_para(atencion.canal),
        oficina_id=atencion.oficina_id,
        canal_id=atencion.canal_id,
        token_hash=seguridad.hash_token(token),
        semilla=semilla,
        medio=medio,
        estado=Invitacion.Estado.PENDIENTE if contacto else Invitacion.Estado.ENVIADA,
        caduca_en=ahora + timedelta(days=dias),
        contacto=contacto,
        enviada_en=None if contacto else ahora,
    )
    Atencion.objects.filter(pk=atencion.pk).update(invitada=True)
    atencion.invitada = True
    resumenes.sumar_embudo(
        fecha=timezone.localdate(atencion.fecha),  # offered on the attention's day
        oficina_id=atencion.oficina_id,
        canal_id=atencion.canal_id,
        servicio_id=atencion.servicio_id,
        ofrecidas=1,
    )
    return invitacion, token


def marcar_abierta(invitacion: Invitacion) -> None:
    """Opening never burns the token (scanners open links); it only counts once."""
    if (
        invitacion.abierta_en is not None
        or invitacion.estado == Invitacion.Estado.RESPONDIDA
    ):
        return
    ahora = timezone.now()
    with transaction.atomic():
        actualizadas = Invitacion.objects.filter(
            pk=invitacion.pk, abierta_en__isnull=True
        ).update(abierta_en=ahora, estado=Invitacion.Estado.ABIERTA)
        if actualizadas:
            servicio_id = (
                invitacion.atencion.servicio_id if invitacion.atencion_id else None
            )
            resumenes.sumar_embudo(
                fecha=timezone.localdate(ahora),
                oficina_id=invitacion.oficina_id,
                canal_id=invitacion.canal_id,
                servicio_id=servicio_id,
                abiertas=1,
            )
    invitacion.abierta_en = ahora


@transaction.atomic
def enviar(invitacion_id: int) -> None:
    """Send an SMS/e-mail invitation, then forget the contact (the keyed hash stays)."""
    invitacion = (
        Invitacion.objects.select_for_update(of=("self",))
        .select_related("atencion")
        .filter(pk=invitacion_id)
        .first()
    )
    if (
        invitacion is None
        or invitacion.estado != Invitacion.Estado.PENDIENTE
        or not invitacion.contacto
    ):
        return
    enlace = enlace_de(seguridad.token_de_semilla(invitacion.semilla))
    idioma = (invitacion.atencion.idioma if invitacion.atencion_id else "") or "es"
    mensaje = texto(idioma, "sms").format(enlace=enlace)
    if invitacion.medio == Invitacion.Medio.SMS:
        sms_backend().enviar(invitacion.contacto, mensaje)
    else:
        enviar_correo(invitacion.contacto, texto(idioma, "asunto_correo"), mensaje)
    invitacion.contacto = ""
    invitacion.estado = Invitacion.Estado.ENVIADA
    invitacion.enviada_en = timezone.now()
    invitacion.save(update_fields=["contacto", "estado", "enviada_en"])
