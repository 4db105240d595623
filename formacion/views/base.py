"""What every training view shares: the person behind the request, and a
service's refusal as one message."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from organizacion.selectors import empleado_de


def empleado_o_403(request):
    empleado = empleado_de(request.user)
    if empleado is None:
        raise PermissionDenied(_("Tu usuario no tiene ficha de empleado/a."))
    return empleado


def mensaje_error(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for ms in exc.message_dict.values() for m in ms)
    return " ".join(exc.messages)
