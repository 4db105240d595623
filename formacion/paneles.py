"""Training panels on the role home page."""

from organizacion.models import Rol
from organizacion.navegacion import registrar_panel

from . import selectors


def _mi_formacion(request, empleado):
    if empleado is None:
        return None
    datos = selectors.mi_formacion(empleado)
    return {
        "fm_pendientes": datos["asignadas"][:5] + datos["en_curso"][:5],
        "fm_n_asignadas": len(datos["asignadas"]),
        "fm_n_en_curso": len(datos["en_curso"]),
        "fm_n_completadas": len(datos["completadas"]),
        "fm_horas": datos["horas_este_anio"],
    }


def _equipo(request, empleado):
    if empleado is None:
        return None
    ids = selectors.equipo_ids_de(request.user)
    if ids is None or not ids:
        return None
    return selectors.resumen_equipo(empleado_ids=ids)


def registrar():
    registrar_panel(
        "formacion/paneles/mi_formacion.html", set(Rol.values), _mi_formacion, orden=30
    )
    registrar_panel(
        "formacion/paneles/equipo.html", {Rol.SUPERVISOR}, _equipo, orden=31
    )
