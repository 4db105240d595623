"""Who handles the accessibility communications: the quality team (and superusers)."""

from organizacion.models import Rol
from organizacion.permissions import tiene_rol


def puede_gestionar_comunicaciones(usuario) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD)
