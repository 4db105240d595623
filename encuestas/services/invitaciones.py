"""Invitations: minting one (single-use token, counted as offered), counting its
first opening, and sending it by SMS or e-mail before forgetting the contact."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from comun.enlaces import enlace_absoluto

from .. import resumenes, seguridad, sql
from ..envio import a_gsm7, enviar_correo, sms_backend
from ..models import Atencion, Encuesta, Invitacion
from ..textos import texto
from .banco import encuesta_para
from .contactos import emitir_token_baja


def enlace_de(token: str) -> str:
    return enlace_absoluto(reverse("e:responder", args=[token]))


def enlace_baja_de(token: str, idioma: str) -> str:
    # In the message's language: the phone's own may be another.
    return enlace_absoluto(reverse("e:baja", args=[token]) + f"?idioma={idioma}")


@dataclass(frozen=True)
class InvitacionPedida:
    """An invitation to mint for a stored attention event."""

    atencion: Atencion
    encuesta: Encuesta
    medio: str
    dias: int
    contacto: str = ""
    # Keep a seed the token derives from: the server can give the link again.
    recuperable: bool = False


def crear_invitaciones(pedidas: list[InvitacionPedida]) -> list[tuple[Invitacion, str]]:
    """Mint invitations (single-use tokens), each counted as offered on its
    attention's day, and mark their events as invited: one INSERT and one UPDATE
    however many. Returns (invitation, token) in order."""
    ahora = timezone.now()
    nuevas, tokens = [], []
    for p in pedidas:
        semilla = seguridad.nueva_semilla() if p.recuperable else ""
        token = (
            seguridad.token_de_semilla(semilla) if semilla else seguridad.nuevo_token()
        )
        tokens.append(token)
        nuevas.append(
            Invitacion(
                atencion=p.atencion,
                encuesta=p.encuesta,
                oficina_id=p.atencion.oficina_id,
                canal_id=p.atencion.canal_id,
                token_hash=seguridad.hash_token(token),
                semilla=semilla,
                medio=p.medio,
                estado=(
                    Invitacion.Estado.PENDIENTE
                    if p.contacto
                    else Invitacion.Estado.ENVIADA
                ),
                creada_en=ahora,
                caduca_en=ahora + timedelta(days=p.dias),
                contacto=p.contacto,
                enviada_en=None if p.contacto else ahora,
            )
        )
    if not nuevas:
        return []
    sql.insertar_invitaciones(nuevas)
    Atencion.objects.filter(pk__in=[p.atencion.pk for p in pedidas]).update(
        invitada=True
    )
    for p in pedidas:
        p.atencion.invitada = True
        resumenes.sumar_embudo(
            # offered on the attention's day
            fecha=timezone.localdate(p.atencion.fecha),
            oficina_id=p.atencion.oficina_id,
            canal_id=p.atencion.canal_id,
            servicio_id=p.atencion.servicio_id,
            ofrecidas=1,
        )
    return list(zip(nuevas, tokens, strict=True))


def crear_invitacion(
    *,
    atencion: Atencion,
    medio: str,
    dias: int,
    contacto: str = "",
    recuperable: bool = False,
) -> tuple[Invitacion, str]:
    pedida = InvitacionPedida(
        atencion=atencion,
        encuesta=encuesta_para(atencion.canal),
        medio=medio,
        dias=dias,
        contacto=contacto,
        recuperable=recuperable,
    )
    return crear_invitaciones([pedida])[0]


def marcar_abierta(invitacion: Invitacion) -> None:
    """Opening never burns the token (scanners open links); it only counts once."""
    if (
        invitacion.abierta_en is not None
        or invitacion.estado == Invitacion.Estado.RESPONDIDA
    ):
        return
    ahora = timezone.now()
    servicio_id = invitacion.atencion.servicio_id if invitacion.atencion_id else None
    if connection.vendor == "postgresql" and not resumenes.embudo_diferido():
        # One statement: the low-score step of a citizen's submit runs this.
        sql.abrir_invitacion(
            invitacion_id=invitacion.pk,
            ahora=ahora,
            fecha=timezone.localdate(ahora),
            oficina_id=invitacion.oficina_id,
            canal_id=invitacion.canal_id,
            servicio_id=servicio_id or 0,
            fragmento=resumenes.fragmento(),
        )
    else:
        _abrir_por_orm(invitacion, ahora, servicio_id)
    invitacion.abierta_en = ahora


def _abrir_por_orm(invitacion: Invitacion, ahora, servicio_id: int | None) -> None:
    with transaction.atomic():
        actualizadas = Invitacion.objects.filter(
            pk=invitacion.pk, abierta_en__isnull=True
        ).update(abierta_en=ahora, estado=Invitacion.Estado.ABIERTA)
        if actualizadas:
            resumenes.sumar_embudo(
                fecha=timezone.localdate(ahora),
                oficina_id=invitacion.oficina_id,
                canal_id=invitacion.canal_id,
                servicio_id=servicio_id,
                abiertas=1,
            )


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
    # Every message carries its unsubscribe link (it reaches the opt-out).
    idioma = (invitacion.atencion.idioma if invitacion.atencion_id else "") or "es"
    baja = enlace_baja_de(emitir_token_baja(contacto=invitacion.contacto), idioma)
    if invitacion.medio == Invitacion.Medio.SMS:
        mensaje = a_gsm7(texto(idioma, "sms").format(enlace=enlace, baja=baja))
        sms_backend().enviar(invitacion.contacto, mensaje)
    else:
        mensaje = texto(idioma, "correo").format(
            enlace=enlace,
            baja=baja,
            privacidad=enlace_absoluto(reverse("e:privacidad") + f"?idioma={idioma}"),
        )
        enviar_correo(invitacion.contacto, texto(idioma, "asunto_correo"), mensaje)
    invitacion.contacto = ""
    invitacion.estado = Invitacion.Estado.ENVIADA
    invitacion.enviada_en = timezone.now()
    invitacion.save(update_fields=["contacto", "estado", "enviada_en"])
