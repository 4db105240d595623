"""Who may use mejora: management (dirección) and quality staff (calidad) only.

Both read everything; quality staff configure (indicators, targets, manual
values, cartas, self-assessments); management also approves reports.
"""

from comun.acceso_admin import Regla
from organizacion.models import Rol
from organizacion.permissions import tiene_rol

ROLES_MEJORA = (Rol.DIRECCION, Rol.CALIDAD)


def puede_ver(usuario) -> bool:
    return tiene_rol(usuario, *ROLES_MEJORA)


def puede_configurar(usuario) -> bool:
    return tiene_rol(usuario, *ROLES_MEJORA)


def puede_aprobar_informe(usuario) -> bool:
    return tiene_rol(usuario, Rol.DIRECCION)


def puede_puntuar(usuario, autoevaluacion) -> bool:
    return puede_ver(usuario) and autoevaluacion.miembros.filter(pk=usuario.pk).exists()


# The admins (comun.acceso_admin) ask this rule before Django's permissions
# (which keep dirección read-only there: it approves reports on the pages).
ADMIN_MEJORA = Regla(ver=puede_ver, configurar=puede_configurar)
