"""Who sees which survey results and alerts."""

from django.db.models import Q

from organizacion.models import Empleado, Oficina, Rol
from organizacion.permissions import tiene_rol
from organizacion.selectors import empleado_de, ids_del_equipo


def ve_todo(usuario) -> bool:
    return bool(getattr(usuario, "is_superuser", False)) or tiene_rol(usuario, Rol.DIRECCION, Rol.CALIDAD)


def oficinas_visibles(usuario) -> list[int] | None:
    """None = every office (dirección, calidad); a supervisor sees the offices
    they head and those where their team works; anyone else none."""
    if ve_todo(usuario):
        return None
    if not tiene_rol(usuario, Rol.SUPERVISOR):
        return []
    propio = empleado_de(usuario)
    if propio is None:
        return []
    equipo = ids_del_equipo(propio)
    ids = set(
        Oficina.objects.filter(Q(responsable=propio) | Q(pk=propio.oficina_id)).values_list("pk", flat=True)
    )
    ids |= set(Empleado.objects.filter(pk__in=equipo).values_list("oficina_id", flat=True))
    return sorted(ids)


def puede_ver_oficina(usuario, oficina_id: int) -> bool:
    visibles = oficinas_visibles(usuario)
    return visibles is None or oficina_id in visibles


def puede_gestionar_alerta(usuario, alerta) -> bool:
    if getattr(usuario, "is_superuser", False) or tiene_rol(usuario, Rol.CALIDAD):
        return True
    propio = empleado_de(usuario)
    if propio is not None and alerta.responsable_id == propio.pk:
        return True
    return tiene_rol(usuario, Rol.SUPERVISOR) and puede_ver_oficina(usuario, alerta.oficina_id)


def puede_invitar(usuario) -> bool:
    empleado = empleado_de(usuario)
    return empleado is not None and empleado.fecha_baja is None
