"""Campaigns: the list, progress, heatmap and calibration within the user's
scope, and opening and closing them."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso
from organizacion.models import Oficina, Rol
from organizacion.permissions import tiene_rol
from organizacion.selectors import empleado_de, ids_del_equipo

from .. import permissions as perm
from .. import selectors, services
from ..forms import FiltroOficinaForm
from ..models import Campana

# People per page of the heatmap: the whole organisation is thousands.
POR_PAGINA = 50


def _ambito(request, campana: Campana) -> dict:
    """Dirección and calidad see the whole campaign (filterable by office);
    a supervisor sees their team, direct and indirect."""
    if not perm.puede_ver_campanas(request.user):
        raise PermissionDenied
    filtro = FiltroOficinaForm(request.GET)
    if not filtro.is_valid():
        raise ValidationError(_("Oficina no válida."))
    oficina_id = filtro.cleaned_data["oficina"]
    if request.user.is_superuser or tiene_rol(request.user, Rol.DIRECCION, Rol.CALIDAD):
        return {"empleado_ids": None, "oficina_id": oficina_id, "global": True}
    yo = empleado_de(request.user)
    if yo is None:
        raise PermissionDenied
    return {
        "empleado_ids": ids_del_equipo(yo),
        "oficina_id": oficina_id,
        "global": False,
    }


def _campana_y_ambito(request, pk):
    campana = get_object_or_404(Campana.objects.select_related("marco"), pk=pk)
    try:
        ambito = _ambito(request, campana)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc
    return campana, ambito


def _oficinas_filtro(ambito):
    return (
        list(Oficina.objects.activas().only("id", "nombre")) if ambito["global"] else []
    )


@login_required
def campanas(request):
    if not perm.puede_ver_campanas(request.user):
        raise PermissionDenied
    return render(
        request,
        "evaluacion/campanas.html",
        {
            "campanas": list(selectors.campanas()),
            "configura": perm.puede_configurar(request.user),
        },
    )


@login_required
def campana(request, pk: int):
    campana, ambito = _campana_y_ambito(request, pk)
    progreso = selectors.progreso_por_evaluador(
        campana, empleado_ids=ambito["empleado_ids"], oficina_id=ambito["oficina_id"]
    )
    totales = {
        k: sum(f[k] for f in progreso)
        for k in ("total", "hechas", "pendientes", "atrasadas", "alegadas")
    }
    return render(
        request,
        "evaluacion/campana.html",
        {
            "campana": campana,
            "progreso": progreso,
            "totales": totales,
            "ambito": ambito,
            "oficinas": _oficinas_filtro(ambito),
            "configura": perm.puede_configurar(request.user),
        },
    )


def _vista_de_campana(request, pk: int, selector: Callable, plantilla: str, **opciones):
    """A campaign page whose figures come from one selector over the scope:
    individual people's or evaluators' levels, so the access is logged."""
    campana, ambito = _campana_y_ambito(request, pk)
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.CAMPANA,
        accion=AccesoDatos.Accion.VER,
        objeto=campana,
    )
    datos = selector(
        campana,
        empleado_ids=ambito["empleado_ids"],
        oficina_id=ambito["oficina_id"],
        **opciones,
    )
    return render(
        request,
        plantilla,
        {
            "campana": campana,
            "ambito": ambito,
            "oficinas": _oficinas_filtro(ambito),
            **datos,
        },
    )


@login_required
def mapa(request, pk: int):
    return _vista_de_campana(
        request,
        pk,
        selectors.mapa_de_calor,
        "evaluacion/mapa.html",
        pagina=request.GET.get("pagina"),
        por_pagina=POR_PAGINA,
    )


@login_required
def calibracion(request, pk: int):
    return _vista_de_campana(
        request, pk, selectors.calibracion, "evaluacion/calibracion.html"
    )


def _operar_campana(request, pk: int, operacion: Callable, exito: Callable):
    """Quality staff open or close a campaign: `operacion(campana)` and its
    result in `exito(resultado)`, or the service's refusal, as a message."""
    if not perm.puede_configurar(request.user):
        raise PermissionDenied
    campana = get_object_or_404(Campana, pk=pk)
    try:
        r = operacion(campana)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, exito(r))
    return redirect(campana)


@require_POST
@login_required
def cerrar_campana(request, pk: int):
    return _operar_campana(
        request,
        pk,
        lambda c: services.cerrar_campana(campana=c, por=request.user),
        lambda r: (
            _("Campaña cerrada: %(n)s evaluaciones cerradas.") % {"n": r["cerradas"]}
        ),
    )


@require_POST
@login_required
def abrir_campana(request, pk: int):
    return _operar_campana(
        request,
        pk,
        lambda c: services.abrir_campana(campana=c),
        lambda r: (
            _("Campaña abierta: %(n)s evaluaciones creadas.") % {"n": r["creadas"]}
        ),
    )
