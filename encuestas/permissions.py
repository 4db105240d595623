"""Who sees which survey results and alerts."""

from django.db.models import Q

from comun.acceso_admin import Regla
from organizacion.models import Empleado, Oficina, Rol
from organizacion.permissions import tiene_rol
from organizacion.selectors import empleado_de, ids_del_equipo


def ve_todo(usuario) -> bool:
    return bool(getattr(usuario, "is_superuser", False)) or tiene_rol(
        usuario, Rol.DIRECCION, Rol.CALIDAD
    )


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
        Oficina.objects.filter(
            Q(responsable=propio) | Q(pk=propio.oficina_id)
        ).values_list("pk", flat=True)
    )
    ids |= set(
        Empleado.objects.filter(pk__in=equipo).values_list("oficina_id", flat=True)
    )
    return sorted(ids)


def puede_ver_oficina(usuario, oficina_id: int) -> bool:
    visibles = oficinas_visibles(usuario)
    return visibles is None or oficina_id in visibles


def puede_gestionar_alerta(usuario, alerta) -> bool:
    return alerta.pk in alertas_que_gestiona(usuario, [alerta])


def alertas_que_gestiona(usuario, alertas) -> set[int]:
    """Of `alertas`, the ids `usuario` may open and handle: calidad all of them,
    the person responsible hers, a supervisor those of the offices she sees.
    Dirección reads the tray but does not open an alert (it holds a contact)."""
    if getattr(usuario, "is_superuser", False) or tiene_rol(usuario, Rol.CALIDAD):
        return {a.pk for a in alertas}
    propio = empleado_de(usuario)
    visibles = oficinas_visibles(usuario) if tiene_rol(usuario, Rol.SUPERVISOR) else []
    return {
        a.pk
        for a in alertas
        if (propio is not None and a.responsable_id == propio.pk)
        or visibles is None
        or a.oficina_id in visibles
    }


def puede_invitar(usuario) -> bool:
    empleado = empleado_de(usuario)
    return empleado is not None and empleado.fecha_baja is None


# The admins (comun.acceso_admin) ask these rules before Django's permissions.
def configura_encuestas(usuario) -> bool:
    return tiene_rol(usuario, Rol.CALIDAD)


def _alertas_visibles(usuario, alertas):
    """An alert holds a contact and the answer's comment: the same rows as the
    tray's `alertas_que_gestiona`."""
    if tiene_rol(usuario, Rol.CALIDAD):
        return alertas
    propio = empleado_de(usuario)
    visibles = oficinas_visibles(usuario) if tiene_rol(usuario, Rol.SUPERVISOR) else []
    if visibles is None:
        return alertas
    condicion = Q(oficina_id__in=visibles)
    if propio is not None:
        condicion |= Q(responsable_id=propio.pk)
    return alertas.filter(condicion)


ADMIN_CONFIGURACION = Regla(ver=configura_encuestas, configurar=configura_encuestas)
ADMIN_ALERTA = Regla(
    ver=lambda u: tiene_rol(u, Rol.CALIDAD, Rol.SUPERVISOR),
    ver_objeto=puede_gestionar_alerta,
    filtrar=_alertas_visibles,
)
