from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from . import selectors
from .models import Empleado, Rol
from .navegacion import paneles_para
from .permissions import puede_ver_empleado, rol_requerido

ROL_PRINCIPAL = [Rol.DIRECCION, Rol.CALIDAD, Rol.SUPERVISOR, Rol.EMPLEADO]


@login_required
def inicio(request):
    """The home page of the user's role(s): each app contributes its panels."""
    roles = selectors.roles_de(request.user)
    empleado = selectors.empleado_de(request.user)
    principal = next((r for r in ROL_PRINCIPAL if r in roles), None)
    paneles = []
    for panel in paneles_para(roles, request.user.is_superuser):
        contexto = panel.contexto(request, empleado)
        if contexto is not None:
            paneles.append({"plantilla": panel.plantilla, "contexto": contexto})
    return render(
        request,
        "organizacion/inicio.html",
        {
            "empleado": empleado,
            "rol_principal": Rol(principal).label if principal else None,
            "paneles": paneles,
        },
    )


@rol_requerido(Rol.DIRECCION, Rol.CALIDAD)
def oficinas(request):
    return render(
        request,
        "organizacion/oficinas.html",
        {
            "oficinas": selectors.oficinas_con_plantilla(),
            "resumen": selectors.resumen_organizacion(),
        },
    )


@rol_requerido(Rol.SUPERVISOR)
def equipo(request):
    supervisor = selectors.empleado_de(request.user)
    if supervisor is None:
        raise PermissionDenied
    return render(
        request,
        "organizacion/equipo.html",
        {"supervisor": supervisor, "equipo": selectors.equipo_de(supervisor)},
    )


@login_required
def empleado(request, pk: int):
    try:
        ficha = selectors.ficha_empleado(pk)
    except Empleado.DoesNotExist as exc:
        raise Http404 from exc
    if not puede_ver_empleado(request.user, ficha):
        raise PermissionDenied
    return render(request, "organizacion/empleado.html", {"ficha": ficha})
