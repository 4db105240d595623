"""Who may see or do what with the organisation's records.

Roles are groups; object rules (a supervisor's team is every direct and
indirect report) live here so every app asks the same question the same way.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from comun.acceso_admin import Regla

from .models import Empleado, Rol
from .selectors import empleado_de, es_de_su_equipo, ids_del_equipo, roles_de


def tiene_rol(usuario, *roles: str) -> bool:
    if not getattr(usuario, "is_authenticated", False):
        return False
    if usuario.is_superuser:
        return True
    return bool(roles_de(usuario) & set(roles))


def es_supervisor(usuario) -> bool:
    return tiene_rol(usuario, Rol.SUPERVISOR)


def es_direccion(usuario) -> bool:
    return tiene_rol(usuario, Rol.DIRECCION)


def es_calidad(usuario) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD)


def puede_importar_plantilla(usuario) -> bool:
    """Loading staff files changes everyone's records: the quality team (in the admin)."""
    if not getattr(usuario, "is_authenticated", False) or not usuario.is_staff:
        return False
    return usuario.is_superuser or tiene_rol(usuario, Rol.CALIDAD)


def puede_ver_empleado(usuario, empleado: Empleado) -> bool:
    """Oneself; one's team (direct and indirect) as supervisor; anyone as dirección."""
    if not getattr(usuario, "is_authenticated", False):
        return False
    if usuario.is_superuser or tiene_rol(usuario, Rol.DIRECCION):
        return True
    propio = empleado_de(usuario)
    if propio is None:
        return False
    if propio.pk == empleado.pk:
        return True
    return tiene_rol(usuario, Rol.SUPERVISOR) and es_de_su_equipo(propio, empleado)


def puede_ver_registro_tratamientos(usuario) -> bool:
    """The register of processing activities (RGPD art. 30): the data-protection
    officer and the management that answers for it."""
    return tiene_rol(usuario, Rol.DPD, Rol.DIRECCION)


def puede_exportar_datos(usuario, empleado: Empleado) -> bool:
    """An employee's data export (RGPD arts. 15 and 20): the employee, and the
    data-protection officer who answers requests. Not the supervisor."""
    if not getattr(usuario, "is_authenticated", False):
        return False
    if tiene_rol(usuario, Rol.DPD):
        return True
    propio = empleado_de(usuario)
    return propio is not None and propio.pk == empleado.pk


def rol_requerido(*roles: str):
    """View decorator: anonymous users go to the login page, others without the role get 403."""

    def decorador(vista):
        @wraps(vista)
        def envoltura(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not tiene_rol(request.user, *roles):
                raise PermissionDenied
            return vista(request, *args, **kwargs)

        return envoltura

    return decorador


# The admins (comun.acceso_admin) ask these rules before Django's permissions.
def lee_organizacion(usuario) -> bool:
    """Offices, services, positions and the competency dictionary: the pages
    show them to dirección and calidad."""
    return tiene_rol(usuario, Rol.DIRECCION, Rol.CALIDAD)


def lee_personal(usuario) -> bool:
    return tiene_rol(usuario, Rol.DIRECCION, Rol.CALIDAD, Rol.SUPERVISOR)


def _empleados_visibles(usuario, empleados):
    """Calidad keeps the staff records (it loads them); others as on the pages."""
    if tiene_rol(usuario, Rol.DIRECCION, Rol.CALIDAD):
        return empleados
    propio = empleado_de(usuario)
    if propio is None:
        return empleados.none()
    return empleados.filter(pk__in={propio.pk} | ids_del_equipo(propio))


ADMIN_ORGANIZACION = Regla(ver=lee_organizacion, configurar=es_calidad)
ADMIN_EMPLEADO = Regla(
    ver=lee_personal,
    configurar=es_calidad,
    ver_objeto=lambda u, e: es_calidad(u) or puede_ver_empleado(u, e),
    filtrar=_empleados_visibles,
)
