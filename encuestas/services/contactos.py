"""Contacts of the citizens invited by SMS or e-mail, kept only as keyed hashes:
the fatigue rule (one invitation per contact every ENCUESTAS_FATIGA_DIAS), opt-outs
and the purge of what the rule no longer needs."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import seguridad
from ..app_settings import ajustes
from ..models import ContactoHash, Invitacion


def _rescatar_baja_antigua(contacto: str, h: str) -> None:
    """An opt-out stored with the old key (derived from SECRET_KEY) is rewritten
    with the new one the first time its contact shows up again."""
    antigua = ContactoHash.objects.filter(
        hash=seguridad.hash_contacto_antiguo(contacto), clave_antigua=True
    )
    if antigua.exists():
        antigua.delete()
        ContactoHash.objects.update_or_create(hash=h, defaults={"baja": True})


def aplicar_fatiga(contacto: str) -> str | None:
    """Apply the fatigue rule and opt-out on the contact's keyed hash; only the day
    of the last invitation is kept."""
    h = seguridad.hash_contacto(contacto)
    _rescatar_baja_antigua(contacto, h)
    registro, _creado = ContactoHash.objects.select_for_update().get_or_create(hash=h)
    if registro.baja:
        return "baja"
    hoy = timezone.localdate()
    dias = ajustes.FATIGA_DIAS
    if registro.ultima_invitacion_el and (
        hoy - registro.ultima_invitacion_el < timedelta(days=dias)
    ):
        return "fatiga"
    registro.ultima_invitacion_el = hoy
    registro.save(update_fields=["ultima_invitacion_el"])
    return None


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
    h = seguridad.hash_contacto(contacto)
    _rescatar_baja_antigua(contacto, h)
    ContactoHash.objects.update_or_create(hash=h, defaults={"baja": True})
