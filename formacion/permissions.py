"""Who may see or do what in training."""

from organizacion.models import Rol
from organizacion.permissions import puede_ver_empleado, tiene_rol
from organizacion.selectors import empleado_de, es_de_su_equipo

from .models import Certificado, Matricula


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


def puede_revocar(usuario) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD)


def puede_asignar_a(usuario, empleado) -> bool:
    if tiene_rol(usuario, Rol.CALIDAD):
        return True
    propio = empleado_de(usuario)
    return (
        propio is not None
        and tiene_rol(usuario, Rol.SUPERVISOR)
        and es_de_su_equipo(propio, empleado)
    )
