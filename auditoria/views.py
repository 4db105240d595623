"""The DPD's page: the access log filtered, by keyset pages, and its CSV export
(an export of personal data too, so it is logged like any other)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from comun.exportacion import respuesta_csv

from . import selectors
from .forms import FiltroAccesosForm, cursor
from .models import AccesoDatos
from .permissions import puede_ver_registro
from .services import registrar_acceso

POR_PAGINA = 50


def _filtro_o_400(request):
    if not puede_ver_registro(request.user):
        raise PermissionDenied
    filtro = FiltroAccesosForm(request.GET)
    if not filtro.is_valid():
        return filtro, render(
            request,
            "auditoria/registro.html",
            {"filtro": filtro, "error": filtro.primer_error(), "filas": []},
            status=400,
        )
    return filtro, None


@login_required
def registro(request):
    filtro, error = _filtro_o_400(request)
    if error is not None:
        return error
    antes = filtro.cleaned_data["antes"]
    filas, siguiente = selectors.pagina(
        selectors.accesos(**filtro.filtros()), antes=antes, tamano=POR_PAGINA
    )
    sin_cursor = request.GET.copy()
    sin_cursor.pop("antes", None)
    return render(
        request,
        "auditoria/registro.html",
        {
            "filtro": filtro,
            "filas": filas,
            "sin_cursor": sin_cursor.urlencode(),
            "siguiente": cursor(*siguiente) if siguiente is not None else "",
            "paginada": antes is not None,
        },
    )


@login_required
def exportar_csv(request):
    filtro, error = _filtro_o_400(request)
    if error is not None:
        return error
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.REGISTRO,
        accion=AccesoDatos.Accion.EXPORTAR,
    )
    return respuesta_csv(
        selectors.filas_exportacion(selectors.accesos(**filtro.filtros())),
        nombre=f"registro-accesos-{timezone.localdate():%Y%m%d}",
        cabecera=selectors.COLUMNAS,
    )
