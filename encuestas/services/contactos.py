"""Contacts of the citizens invited by SMS or e-mail, kept only as keyed hashes:
the fatigue rule (one invitation per contact every ENCUESTAS_FATIGA_DIAS), opt-outs
(also by the unsubscribe link of each message) and the purge of what the rule no
longer needs."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import seguridad, sql
from ..app_settings import ajustes
from ..models import ContactoHash, Invitacion


def _rescatar_bajas_antiguas(contactos: list[str]) -> None:
    """An opt-out stored with the old key (derived from SECRET_KEY) is rewritten
    with the new one the first time its contact shows up again."""
    antiguas = {seguridad.hash_contacto_antiguo(c): c for c in contactos}
    halladas = list(
        ContactoHash.objects.filter(hash__in=antiguas, clave_antigua=True).values_list(
            "hash", flat=True
        )
    )
    if not halladas:
        return
    ContactoHash.objects.filter(hash__in=halladas).delete()
    sql.bloquear_contactos(
        sorted({seguridad.hash_contacto(antiguas[h]) for h in halladas}), baja=True
    )


def aplicar_fatiga(contacto: str) -> str | None:
    """Apply the fatigue rule and opt-out on the contact's keyed hash; only the day
    of the last invitation is kept."""
    return aplicar_fatiga_en_lote([contacto])[0]


def aplicar_fatiga_en_lote(contactos: list[str]) -> list[str | None]:
    """`aplicar_fatiga` of each contact in turn (a contact twice: the second
    time it is fatigued), with a fixed number of queries. Returns, per contact,
    None (invite) or why not: "baja" or "fatiga".

    Every hash is locked (inserted if new) in one statement in ascending order,
    then read: a concurrent batch with the same contact waits for this one and
    sees its invitation; locked in one order, two batches cannot deadlock."""
    if not contactos:
        return []
    _rescatar_bajas_antiguas(contactos)
    hashes = [seguridad.hash_contacto(c) for c in contactos]
    sql.bloquear_contactos(sorted(set(hashes)))
    estado = {
        h: (ultima, baja)
        for h, ultima, baja in ContactoHash.objects.filter(hash__in=hashes).values_list(
            "hash", "ultima_invitacion_el", "baja"
        )
    }
    hoy = timezone.localdate()
    ventana = timedelta(days=ajustes.FATIGA_DIAS)
    motivos, invitadas = [], set()
    for h in hashes:
        ultima, baja = estado[h]
        if baja:
            motivos.append("baja")
        elif ultima and hoy - ultima < ventana:
            motivos.append("fatiga")
        else:
            estado[h] = (hoy, baja)
            invitadas.add(h)
            motivos.append(None)
    if invitadas:
        ContactoHash.objects.filter(hash__in=invitadas).update(ultima_invitacion_el=hoy)
    return motivos


@transaction.atomic
def purgar_contactos() -> int:
    """Delete the hashes the fatigue rule no longer needs (last invitation at least
    ENCUESTAS_FATIGA_DIAS days ago); opt-outs are kept for as long as they stand.
    Returns how many were deleted."""
    limite = timezone.localdate() - timedelta(days=ajustes.FATIGA_DIAS)
    borrados, _ = (
        ContactoHash.objects.filter(baja=False)
        .filter(Q(ultima_invitacion_el__lte=limite) | Q(ultima_invitacion_el=None))
        .delete()
    )
    return borrados


def validar_contacto(contacto: str, medio: str) -> None:
    if medio == Invitacion.Medio.EMAIL:
        validate_email(contacto)
    elif medio == Invitacion.Medio.SMS:
        digitos = seguridad.normalizar_contacto(contacto)
        if not (len(digitos) == 9 and digitos[0] in "67"):
            raise ValidationError(_("Teléfono móvil no válido."))


@transaction.atomic
def dar_de_baja(*, contacto: str) -> None:
    _rescatar_bajas_antiguas([contacto])
    sql.bloquear_contactos([seguridad.hash_contacto(contacto)], baja=True)


@transaction.atomic
def emitir_token_baja(*, contacto: str) -> str:
    """A fresh token for the unsubscribe link of the message about to be sent to
    `contacto`; only its keyed hash is stored, on the contact's hash row (created
    if the purge removed it), replacing the previous one. The row has no relation
    to any invitation or response, so the link cannot tell who answered what."""
    hash_contacto = seguridad.hash_contacto(contacto)
    sql.bloquear_contactos([hash_contacto])
    token = seguridad.nuevo_token()
    ContactoHash.objects.filter(hash=hash_contacto).update(
        baja_token_hash=seguridad.hash_token_baja(token)
    )
    return token


@transaction.atomic
def dar_de_baja_por_token(*, token: str) -> bool:
    """Opt out the contact the unsubscribe link was sent to; idempotent. False when
    the token is malformed or unknown (a later message replaced it, or the purge
    removed the contact's row)."""
    if not seguridad.token_valido(token):
        return False
    return bool(
        ContactoHash.objects.filter(
            baja_token_hash=seguridad.hash_token_baja(token)
        ).update(baja=True)
    )
