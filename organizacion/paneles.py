"""The organisation's own panels on the role home pages."""

from django.db.models import Count

from . import selectors
from .models import Rol
from .navegacion import registrar_panel


def _mi_oficina(request, empleado):
    if empleado is None:
        return None
    oficina = empleado.oficina
    return {
        "oficina": oficina,
        "canales_oficina": list(oficina.canales.all()),
        "mis_canales": list(empleado.canales.all()),
        "n_companeros": selectors.companeros_de_oficina(empleado).count(),
    }


def _mi_equipo(request, empleado):
    if empleado is None:
        return None
    equipo = selectors.equipo_de(empleado)
    directos = selectors.ids_del_equipo(empleado, solo_directos=True)
    por_oficina = list(
        equipo.order_by()
        .values("oficina__nombre")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    return {
        "equipo_total": equipo.count(),
        "equipo_directos": list(equipo.filter(pk__in=directos)[:50]),
        "n_directos": len(directos),
        "equipo_por_oficina": por_oficina,
    }


def _organizacion(request, empleado):
    return {"resumen": selectors.resumen_organizacion()}


def _proteccion_datos(request, empleado):
    return {}


def registrar():
    registrar_panel(
        "organizacion/paneles/mi_oficina.html", set(Rol.values), _mi_oficina, orden=10
    )
    registrar_panel(
        "organizacion/paneles/mi_equipo.html", {Rol.SUPERVISOR}, _mi_equipo, orden=20
    )
    registrar_panel(
        "organizacion/paneles/organizacion.html",
        {Rol.DIRECCION, Rol.CALIDAD},
        _organizacion,
        orden=5,
    )
    # The DPD may be external, with no employee record: the home page is theirs too.
    registrar_panel(
        "organizacion/paneles/proteccion_datos.html",
        {Rol.DPD},
        _proteccion_datos,
        orden=6,
    )
