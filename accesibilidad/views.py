"""The public statement with its communication form (no sign-in, no JavaScript),
and the quality team's list of communications to answer."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from comun.red import ip_cliente
from encuestas.models import IDIOMAS
from encuestas.seguridad import hash_ip, limite_superado
from encuestas.services import idioma_de
from encuestas.textos import NOMBRES_IDIOMA

from . import selectors, services
from .app_settings import ajustes
from .declaracion import declaracion as leer_declaracion
from .forms import ComunicacionForm, FiltroComunicacionesForm, RespuestaForm
from .models import Comunicacion
from .permissions import puede_gestionar_comunicaciones
from .presentacion import para_pagina
from .textos import textos_de

SAL_RECIBIDA = "accesibilidad.recibida"
POR_PAGINA = 50


def _idioma(request) -> str:
    return idioma_de(
        request.GET.get("idioma") or request.POST.get("idioma") or "",
        "",
        translation.get_language_from_request(request),
    )


def _render(request, plantilla: str, idioma: str, contexto: dict, status: int = 200):
    t = textos_de(idioma)
    with translation.override(idioma):
        respuesta = render(
            request,
            plantilla,
            {
                **contexto,
                "t": t,
                "idioma": idioma,
                "idiomas": [(c, NOMBRES_IDIOMA[c]) for c in IDIOMAS],
            },
            status=status,
        )
    respuesta["Content-Language"] = idioma
    return respuesta


def _demasiadas(request) -> bool:
    maximo, segundos = ajustes.LIMITE_IP
    return limite_superado(
        "accesibilidad", hash_ip(ip_cliente(request)), maximo, segundos
    )


@require_http_methods(["GET", "HEAD", "POST"])
def declaracion(request):
    idioma = _idioma(request)
    t = textos_de(idioma)
    status = 200
    if request.method == "POST":
        if _demasiadas(request):
            return _render(
                request,
                "accesibilidad/mensaje.html",
                idioma,
                {"titulo": t["formulario"], "texto": t["demasiadas"]},
                status=429,
            )
        formulario = ComunicacionForm(request.POST, t=t)
        if formulario.is_valid():
            comunicacion = services.registrar_comunicacion(
                **formulario.cleaned_data, idioma=idioma
            )
            firma = signing.dumps(comunicacion.pk, salt=SAL_RECIBIDA)
            return redirect(
                f"{reverse('accesibilidad:recibida')}?"
                + urlencode({"r": firma, "idioma": idioma})
            )
        status = 400
    else:
        formulario = ComunicacionForm(t=t)
    return _render(
        request,
        "accesibilidad/declaracion.html",
        idioma,
        {
            "d": para_pagina(leer_declaracion(), t, idioma),
            "formulario": formulario,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD"])
def recibida(request):
    """The acknowledgement, reached by a signed id: nobody reads another's."""
    try:
        pk = signing.loads(request.GET.get("r", ""), salt=SAL_RECIBIDA, max_age=86400)
    except signing.BadSignature as error:
        raise Http404 from error
    comunicacion = get_object_or_404(Comunicacion, pk=pk)
    idioma = _idioma(request)
    t = textos_de(idioma)
    return _render(
        request,
        "accesibilidad/recibida.html",
        idioma,
        {
            "texto": t["recibida_texto"]
            .replace("{referencia}", comunicacion.referencia)
            .replace("{fecha_limite}", f"{comunicacion.plazo:%d/%m/%Y}"),
            "sin_correo": not comunicacion.correo,
        },
    )


def _autorizar(request):
    if not puede_gestionar_comunicaciones(request.user):
        raise PermissionDenied


@login_required
def comunicaciones(request):
    _autorizar(request)
    filtro = FiltroComunicacionesForm(request.GET or {"estado": "recibida"})
    if not filtro.is_valid():
        return render(
            request,
            "accesibilidad/comunicaciones.html",
            {"filtro": filtro, "filas": []},
            status=400,
        )
    filas = list(
        selectors.comunicaciones(estado=filtro.cleaned_data["estado"])[:POR_PAGINA]
    )
    return render(
        request,
        "accesibilidad/comunicaciones.html",
        {
            "filtro": filtro,
            "filas": filas,
            "hoy": timezone.localdate(),
            "vencidas": selectors.vencidas(),
            "por_pagina": POR_PAGINA,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comunicacion(request, pk: int):
    _autorizar(request)
    comunicacion = get_object_or_404(selectors.comunicaciones(), pk=pk)
    status = 200
    error = ""
    formulario = RespuestaForm(request.POST or None)
    if request.method == "POST":
        if formulario.is_valid():
            try:
                services.cerrar_comunicacion(
                    comunicacion=comunicacion,
                    respuesta=formulario.cleaned_data["respuesta"],
                    por=request.user,
                )
            except ValidationError as e:
                error, status = " ".join(e.messages), 409
            else:
                return redirect("accesibilidad:comunicacion", pk=comunicacion.pk)
        else:
            status = 400
    return render(
        request,
        "accesibilidad/comunicacion.html",
        {
            "c": comunicacion,
            "formulario": formulario,
            "error": error,
            "hoy": timezone.localdate(),
        },
        status=status,
    )
