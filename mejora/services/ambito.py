"""The scope every write of mejora validates the same way."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organizacion.models import Canal, Oficina

from ..models import (
    Ambito,
)


def ambito_valido(
    ambito: str, oficina: Oficina | None, canal: str
) -> tuple[str, Oficina | None, str]:
    """(ambito, oficina, canal) with only the fields of that scope kept; an office
    scope needs its office, a channel scope an existing channel."""
    if ambito == Ambito.OFICINA and oficina is None:
        raise ValidationError(_("Indique la oficina."))
    if ambito == Ambito.CANAL and not Canal.objects.filter(codigo=canal).exists():
        raise ValidationError(_("Canal desconocido: %(c)s") % {"c": canal})
    return (
        ambito,
        oficina if ambito == Ambito.OFICINA else None,
        canal if ambito == Ambito.CANAL else "",
    )
