import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors
from .models import Empleado, Rol
from .navegacion import paneles_para
from .permissions import puede_ver_empleado, rol_requerido

logger = logging.getLogger(__name__)

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


def _broker_responde() -> tuple[bool, str]:
    from config.celery import app

    try:
        with app.connection_for_write() as conexion:
            conexion.ensure_connection(max_retries=1, timeout=2)
        return True, "ok"
    except Exception as exc:  # any broker failure means "down" for the probe
        logger.warning("El broker no responde: %s", exc)
        return False, type(exc).__name__


def _bd_responde() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, "ok"
    except Exception as exc:  # any database failure means "down" for the probe
        logger.warning("La base de datos no responde: %s", exc)
        return False, type(exc).__name__


@never_cache
@require_GET
def health(request):
    bd_ok, bd_detalle = _bd_responde()
    broker_ok, broker_detalle = _broker_responde()
    ok = bd_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            "database": {"ok": bd_ok, "detail": bd_detalle},
            "broker": {"ok": broker_ok, "detail": broker_detalle},
        },
        status=200 if ok else 503,
    )
