"""Public pages: the survey by token, the kiosk and the online-office embed link.

No sign-in, no JavaScript needed. Errors never reveal whether a token exists
beyond the 404 page every unknown address gets.
"""

from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from comun.red import ip_cliente

from . import sede, seguridad, selectors, services
from .app_settings import ajustes
from .forms import EnvioEncuestaForm
from .models import IDIOMAS, Invitacion, ItemVersion, Kiosco
from .presentacion import pregunta_para_ciudadania
from .privacidad import AEPD_URL, textos_privacidad
from .textos import NOMBRES_IDIOMA, texto, textos_de

COOKIE_QUIOSCO = "quiosco_{pk}"


def _idioma(request) -> str:
    return services.idioma_de(
        request.GET.get("idioma") or request.POST.get("idioma") or "",
        "",
        translation.get_language_from_request(request),
    )


def _ip(request) -> str:
    return ip_cliente(request)


def _limite_ip(request) -> bool:
    # Counted once per request, however many paths ask.
    if not hasattr(request, "_limite_ip"):
        maximo, segundos = ajustes.IP_LIMITE
        request._limite_ip = maximo > 0 and seguridad.limite_superado(
            "ip", seguridad.hash_ip(_ip(request)), maximo, segundos
        )
    return request._limite_ip


def _contexto(contexto: dict, idioma: str) -> dict:
    return {
        **contexto,
        "t": textos_de(idioma),
        "tp": textos_privacidad(idioma),
        "idioma": idioma,
        "idiomas": [(c, NOMBRES_IDIOMA[c]) for c in IDIOMAS],
    }


def _cabeceras(respuesta, idioma: str):
    respuesta["Content-Language"] = idioma
    respuesta["Referrer-Policy"] = (
        "same-origin"  # the token must not leak to other sites
    )
    respuesta["X-Robots-Tag"] = "noindex"
    return respuesta


def _render(request, plantilla: str, idioma: str, contexto: dict, status: int = 200):
    with translation.override(idioma):
        respuesta = render(
            request, plantilla, _contexto(contexto, idioma), status=status
        )
    return _cabeceras(respuesta, idioma)


def _html_anonimo(plantilla: str, idioma: str, contexto: dict) -> str:
    # Rendered without the request: what an anonymous visitor sees.
    with translation.override(idioma):
        return render_to_string(plantilla, _contexto(contexto, idioma))


@lru_cache(maxsize=len(IDIOMAS))
def _html_gracias(idioma: str) -> bytes:
    return _html_anonimo("encuestas/publica/gracias.html", idioma, {}).encode()


def _gracias(request, idioma: str):
    """The thank-you page is the same for every citizen, so each process renders it
    once per language: the hot path of a submit does no template work."""
    if _sesion_de_personal(request):  # staff trying the survey see their own header
        return _render(request, "encuestas/publica/gracias.html", idioma, {})
    return _cabeceras(HttpResponse(_html_gracias(idioma)), idioma)


# (survey, language) -> (the survey's lines it was rendered from, the page,
# encoded once: a response of bytes is not encoded again).
_FORMULARIOS_EN_BLANCO: dict[tuple[int, str], tuple[list, bytes]] = {}


def _formulario_en_blanco(request, token: str, pagina: services.Pagina):
    """The blank form a citizen opens is the same page for every token of a survey
    and language (the form posts to its own address): each process renders it
    once, and again when `lineas_de` reloads the survey's lines (they are the same
    list object until then)."""
    if _sesion_de_personal(request):
        return _render(
            request,
            _PLANTILLAS[pagina.plantilla],
            pagina.idioma,
            _contexto_encuesta(token, pagina),
        )
    clave = (pagina.encuesta_id, pagina.idioma)
    guardado = _FORMULARIOS_EN_BLANCO.get(clave)
    if guardado is None or guardado[0] is not pagina.lineas:
        html = _html_anonimo(
            _PLANTILLAS[pagina.plantilla],
            pagina.idioma,
            _contexto_encuesta(token, pagina),
        ).encode()
        guardado = _FORMULARIOS_EN_BLANCO[clave] = (pagina.lineas, html)
    return _cabeceras(HttpResponse(guardado[1]), pagina.idioma)


def _preguntas(lineas, idioma: str, *, paso: int, datos, errores) -> list[dict]:
    preguntas = []
    for linea in lineas:
        version = linea.item_version
        codigo = version.item.codigo
        es_contacto = version.tipo == ItemVersion.Tipo.CONTACTO
        if (paso == 1 and es_contacto) or (paso == 2 and not es_contacto):
            continue
        preguntas.append(
            pregunta_para_ciudadania(
                version,
                idioma,
                obligatoria=linea.obligatorio,
                valor=str(datos.get(codigo, "")),
                error=errores.get(codigo),
            )
        )
    return preguntas


def _sesion_de_personal(request) -> bool:
    """A signed-in member of staff: citizens never sign in, so an answer sent from
    that browser is an employee answering (or testing) a survey."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and request.user.is_authenticated
    )


_PLANTILLAS = {
    services.Plantilla.ENCUESTA: "encuestas/publica/encuesta.html",
    services.Plantilla.RESPONDIDA: "encuestas/publica/respondida.html",
    services.Plantilla.CADUCADA: "encuestas/publica/caducada.html",
    services.Plantilla.DEMASIADOS: "encuestas/publica/mensaje.html",
}


def _contexto_encuesta(token: str, pagina: services.Pagina) -> dict:
    return {
        "token": token,
        "tiene_comentario": any(
            li.item_version.tipo == ItemVersion.Tipo.TEXTO for li in pagina.lineas
        ),
        "encuesta_id": pagina.encuesta_id,
        "paso": pagina.paso,
        "errores": pagina.con_errores,
        "comentario": pagina.comentario,
        "ocultos": pagina.ocultos,
        "preguntas": _preguntas(
            pagina.lineas,
            pagina.idioma,
            paso=pagina.paso,
            datos=pagina.datos,
            errores=pagina.errores,
        ),
    }


# No CSRF cookie: the unguessable single-use token in the address is the only
# credential (no session, nothing ambient for another site to ride on), and a
# citizen whose browser refuses cookies can still answer.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def responder(request, token):
    envio = (
        EnvioEncuestaForm(request.POST).envio() if request.method == "POST" else None
    )
    try:
        pagina = services.responder_encuesta(
            token=token,
            envio=envio,
            idioma_pedido=request.GET.get("idioma") or (envio.idioma if envio else ""),
            idioma_navegador=translation.get_language_from_request(request),
            personal=envio is not None and _sesion_de_personal(request),
            demasiados=lambda: _limite_ip(request),
        )
    except Invitacion.DoesNotExist as exc:
        raise Http404 from exc
    if pagina.plantilla == services.Plantilla.GRACIAS:
        return _gracias(request, pagina.idioma)
    if envio is None and pagina.plantilla == services.Plantilla.ENCUESTA:
        return _formulario_en_blanco(request, token, pagina)
    if pagina.plantilla == services.Plantilla.ENCUESTA:
        contexto = _contexto_encuesta(token, pagina)
    elif pagina.plantilla == services.Plantilla.DEMASIADOS:
        contexto = {
            "titulo": texto(pagina.idioma, "demasiadas"),
            "texto": texto(pagina.idioma, "espere"),
        }
    else:
        contexto = {}
    return _render(
        request, _PLANTILLAS[pagina.plantilla], pagina.idioma, contexto, pagina.estado
    )


def _mensaje(request, idioma: str, clave: str, status: int, clave_texto: str = ""):
    return _render(
        request,
        "encuestas/publica/mensaje.html",
        idioma,
        {
            "titulo": texto(idioma, clave),
            "texto": texto(idioma, clave_texto or f"{clave}_texto"),
        },
        status,
    )


# No CSRF cookie, as in `responder`: the signature in the address is the
# credential, and a second POST of the same link lands on the same invitation.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def desde_sede(request, codigo_dir3, resultado):
    """End page of an online procedure, by a link only the administration can sign.

    Opening it (a person, or a mail or chat scanner following the link) shows a
    «Valorar» button and writes nothing; pressing it creates the event and the
    invitation of that procedure (offered) and goes to the survey."""
    idioma = _idioma(request)
    try:
        enlace = sede.verificar(
            codigo_dir3=codigo_dir3, resultado=resultado, datos=request.GET
        )
    except sede.EnlaceNoValido as exc:
        return _mensaje(request, idioma, exc.clave, exc.estado)
    if request.method != "POST":
        consulta = request.GET.copy()
        consulta.pop("idioma", None)
        return _render(
            request,
            "encuestas/publica/sede.html",
            idioma,
            {"consulta": consulta.urlencode()},
        )
    if _limite_ip(request):
        return _render(
            request,
            "encuestas/publica/mensaje.html",
            idioma,
            {"titulo": texto(idioma, "demasiadas"), "texto": texto(idioma, "espere")},
            429,
        )
    try:
        registro = services.registrar_desde_sede(
            integracion=enlace.integracion,
            oficina=enlace.oficina,
            canal=enlace.canal,
            servicio=enlace.servicio,
            referencia=enlace.ref,
            resultado=enlace.resultado,
            idioma=idioma,
        )
    except ValidationError:
        return _mensaje(request, idioma, "sede_no_existe", 404)
    invitacion = registro.invitacion
    if (
        invitacion is None
        or invitacion.estado == Invitacion.Estado.RESPONDIDA
        or not registro.token
    ):
        return _render(request, "encuestas/publica/respondida.html", idioma, {}, 409)
    if invitacion.caducada:
        return _render(request, "encuestas/publica/caducada.html", idioma, {}, 410)
    return HttpResponseRedirect(
        reverse("e:responder", args=[registro.token]) + f"?idioma={idioma}", status=303
    )


# --- data protection ---------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def privacidad(request):
    """The full privacy notice (second layer), in the citizen's language."""
    return _render(
        request,
        "encuestas/publica/privacidad.html",
        _idioma(request),
        {"aepd_url": AEPD_URL},
    )


# No CSRF cookie, as in `responder`: the unguessable token in the address is the
# credential. Opening the link (a person or a mail scanner) only asks; the
# opt-out needs the button's POST.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def baja(request, token):
    idioma = _idioma(request)
    if request.method == "POST":
        if _limite_ip(request):
            return _mensaje(request, idioma, "demasiadas", 429, clave_texto="espere")
        hecha = services.dar_de_baja_por_token(token=token) or None
    else:
        hecha = selectors.baja_por_token(token)
    tp = textos_privacidad(idioma)
    if hecha is None:
        return _render(
            request,
            "encuestas/publica/mensaje.html",
            idioma,
            {"titulo": tp["baja_no_valida"], "texto": tp["baja_no_valida_texto"]},
            404,
        )
    if hecha:
        return _render(
            request,
            "encuestas/publica/mensaje.html",
            idioma,
            {"titulo": tp["baja_hecha"], "texto": tp["baja_hecha_texto"]},
        )
    return _render(request, "encuestas/publica/baja.html", idioma, {})


# --- kiosk ---------------------------------------------------------------------------


def _kiosco_autorizado(request, kiosco: Kiosco) -> bool:
    secreto = request.headers.get("X-Kiosco-Secreto")
    if not secreto:
        secreto = request.get_signed_cookie(
            COOKIE_QUIOSCO.format(pk=kiosco.pk), default="", salt="quiosco"
        )
    return services.kiosco_autentico(kiosco, secreto)


@never_cache
@require_http_methods(["GET", "POST"])
def quiosco_registrar(request, pk):
    """The registration URL (shown once to quality staff) stores the secret in a signed cookie."""
    kiosco = get_object_or_404(Kiosco, pk=pk, activo=True)
    secreto = request.POST.get("s") or request.GET.get("s") or ""
    if request.method == "POST":
        if not services.kiosco_autentico(kiosco, secreto):
            with translation.override(_idioma(request)):
                return HttpResponseForbidden(_("Secreto de quiosco no válido."))
        respuesta = HttpResponseRedirect(reverse("quiosco:inicio", args=[kiosco.pk]))
        respuesta.set_signed_cookie(
            COOKIE_QUIOSCO.format(pk=kiosco.pk),
            secreto,
            salt="quiosco",
            max_age=60 * 60 * 24 * 730,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return respuesta
    return _render(
        request,
        "encuestas/quiosco/registrar.html",
        _idioma(request),
        {"kiosco": kiosco, "secreto": secreto},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def quiosco(request, pk):
    kiosco = get_object_or_404(
        Kiosco.objects.select_related("oficina"), pk=pk, activo=True
    )
    if not _kiosco_autorizado(request, kiosco):
        idioma = _idioma(request)
        with translation.override(idioma):
            contexto = {
                "titulo": _("Quiosco no registrado"),
                "texto": _("Este dispositivo no está registrado como quiosco."),
            }
        return _render(request, "encuestas/publica/mensaje.html", idioma, contexto, 403)
    idioma = _idioma(request)
    if request.method == "POST":
        try:
            cara = int(request.POST.get("cara", ""))
            respuesta = services.responder_quiosco(
                kiosco=kiosco, cara=cara, idioma=idioma
            )
        except (ValueError, ValidationError):
            return _render(
                request,
                "encuestas/quiosco/caras.html",
                idioma,
                {"kiosco": kiosco, "error": True},
                400,
            )
        motivo = next(
            li.item_version
            for li in services.lineas_de(respuesta.encuesta_id)
            if li.item_version.item.codigo == "MOTIVO"
        )
        return _render(
            request,
            "encuestas/quiosco/seguimiento.html",
            idioma,
            {
                "kiosco": kiosco,
                "firma": signing.dumps(respuesta.pk, salt="quiosco-motivo"),
                "pregunta": motivo.texto(idioma),
                "opciones": [
                    (i, op.get(idioma) or op["es"])
                    for i, op in enumerate(motivo.opciones)
                ],
            },
        )
    return _render(request, "encuestas/quiosco/caras.html", idioma, {"kiosco": kiosco})


@never_cache
@require_POST
def quiosco_motivo(request, pk):
    kiosco = get_object_or_404(Kiosco, pk=pk, activo=True)
    if not _kiosco_autorizado(request, kiosco):
        return HttpResponseForbidden("Quiosco no registrado.")
    idioma = _idioma(request)
    try:
        respuesta_id = signing.loads(
            request.POST.get("firma", ""), salt="quiosco-motivo", max_age=180
        )
        if request.POST.get("motivo", "") != "":
            services.anadir_motivo_quiosco(
                respuesta_id=respuesta_id, motivo=int(request.POST["motivo"])
            )
    except (signing.BadSignature, ValueError, ValidationError, ObjectDoesNotExist):
        pass  # a stale or tampered follow-up is dropped; the tap itself is already stored
    return _render(
        request, "encuestas/quiosco/gracias.html", idioma, {"kiosco": kiosco}
    )
