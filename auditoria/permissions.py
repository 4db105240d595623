"""Who reads the access log: the data-protection officer (and superusers)."""

from organizacion.models import Rol
from organizacion.permissions import tiene_rol


def puede_ver_registro(usuario) -> bool:
    return tiene_rol(usuario, Rol.DPD)
