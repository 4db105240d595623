import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# DIR3 unit and office codes: nine characters, a prefix for the level of the
# administration (E state, A regional, L local, EA/GE agencies, O offices, ...)
# followed by digits.
DIR3_RE = re.compile(
    r"^(?:E\d{8}|EA\d{7}|GE\d{7}|A\d{8}|L\d{8}|LA\d{7}|O\d{8}|I\d{8}|J\d{8}|U\d{8})$"
)
SIA_RE = re.compile(r"^\d{3,7}$")


def normalizar_dir3(valor: str) -> str:
    return (valor or "").strip().upper()


def validar_dir3(valor: str) -> None:
    if not DIR3_RE.match(normalizar_dir3(valor)):
        raise ValidationError(
            _(
                "«%(valor)s» no es un código DIR3 válido: nueve caracteres, un prefijo "
                "(E, EA, GE, A, L, LA, O, I, J o U) y dígitos, p. ej. L01280796."
            ),
            code="dir3",
            params={"valor": valor},
        )


def validar_sia(valor: str) -> None:
    if valor and not SIA_RE.match(valor.strip()):
        raise ValidationError(
            _("«%(valor)s» no es un código SIA válido: entre 3 y 7 dígitos."),
            code="sia",
            params={"valor": valor},
        )
