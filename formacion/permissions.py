"""Who may see or do what in training."""

from comun.acceso_admin import Regla
from organizacion.models import Rol
from organizacion.permissions import puede_ver_empleado, tiene_rol
from organizacion.selectors import empleado_de, es_de_su_equipo, ids_del_equipo

from .models import Certificado, Expediente, FormacionExterna, Matricula


def puede_ver_matricula(usuario, matricula: Matricula) -> bool:
    """The person, their supervisors (team), dirección; calidad as course owner."""
    return tiene_rol(usuario, Rol.CALIDAD) or puede_ver_empleado(
        usuario, matricula.empleado
    )


def es_propia(usuario, matricula: Matricula) -> bool:
    empleado = empleado_de(usuario)
    return empleado is not None and empleado.pk == matricula.empleado_id


def puede_descargar_certificado(usuario, certificado: Certificado) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD) or puede_ver_empleado(
        usuario, certificado.empleado
    )


def puede_ver_evidencia_externa(usuario, formacion: FormacionExterna) -> bool:
    """Whoever sees the person's external training on the team page (their
    supervisors, dirección, calidad) and the person."""
    return tiene_rol(usuario, Rol.CALIDAD) or puede_ver_empleado(
        usuario, formacion.empleado
    )


def puede_revocar(usuario) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD)


# Who assigns courses and records external training (a supervisor, for her team).
# Dirección reads the team matrix but acts on no one's record.
ROLES_GESTION_EQUIPO = (Rol.SUPERVISOR, Rol.CALIDAD)


def puede_gestionar_equipo(usuario) -> bool:
    return tiene_rol(usuario, *ROLES_GESTION_EQUIPO)


def puede_asignar_a(usuario, empleado) -> bool:
    if tiene_rol(usuario, Rol.CALIDAD):
        return True
    propio = empleado_de(usuario)
    return (
        propio is not None
        and tiene_rol(usuario, Rol.SUPERVISOR)
        and es_de_su_equipo(propio, empleado)
    )


def puede_descargar_expediente(usuario, expediente: Expediente) -> bool:
    """The person, their supervisors (direct or indirect) and dirección may read it;
    only the person asks for it (see the `generar_expediente` view)."""
    return puede_ver_empleado(usuario, expediente.empleado)


# The admins (comun.acceso_admin) ask these rules before Django's permissions.
def configura_formacion(usuario) -> bool:
    """Question bank and assignment rules: the course owners."""
    return tiene_rol(usuario, Rol.CALIDAD)


def _de_su_equipo(usuario, registros):
    """Records about a person (extra time, external training): calidad all,
    a supervisor her team's, as `puede_asignar_a`."""
    if tiene_rol(usuario, Rol.CALIDAD):
        return registros
    propio = empleado_de(usuario)
    if propio is None or not tiene_rol(usuario, Rol.SUPERVISOR):
        return registros.none()
    return registros.filter(empleado_id__in=ids_del_equipo(propio))


ADMIN_CONFIGURACION = Regla(ver=configura_formacion, configurar=configura_formacion)
ADMIN_PERSONAL = Regla(
    ver=puede_gestionar_equipo,
    configurar=puede_gestionar_equipo,
    ver_objeto=lambda u, registro: puede_asignar_a(u, registro.empleado),
    filtrar=_de_su_equipo,
)
