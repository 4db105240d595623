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
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import sede, seguridad, services
from .models import IDIOMAS, Invitacion, ItemVersion, Kiosco
from .presentacion import pregunta_para_ciudadania
from .textos import NOMBRES_IDIOMA, texto, textos_de

COOKIE_QUIOSCO = "quiosco_{pk}"


def _idioma(request, preferido: str = "") -> str:
    pedido = request.GET.get("idioma") or request.POST.get("idioma") or ""
    if pedido in IDIOMAS:
        return pedido
    if preferido in IDIOMAS:
        return preferido
    del_navegador = translation.get_language_from_request(request)
    return del_navegador if del_navegador in IDIOMAS else "es"


def _ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _limite_ip(request) -> bool:
    # Counted once per request, however many paths ask.
    if not hasattr(request, "_limite_ip"):
        maximo, segundos = getattr(settings, "ENCUESTAS_IP_LIMITE", (60, 60))
        request._limite_ip = maximo > 0 and seguridad.limite_superado(
            "ip", seguridad.hash_ip(_ip(request)), maximo, segundos
        )
    return request._limite_ip


def _contexto(contexto: dict, idioma: str) -> dict:
    return {
        **contexto,
        "t": textos_de(idioma),
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


@lru_cache(maxsize=len(IDIOMAS))
def _html_gracias(idioma: str) -> str:
    # Rendered without the request: what an anonymous visitor sees.
    with translation.override(idioma):
        return render_to_string("encuestas/publica/gracias.html", _contexto({}, idioma))


def _gracias(request, idioma: str):
    """The thank-you page is the same for every citizen, so each process renders it
    once per language: the hot path of a submit does no template work."""
    if (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and request.user.is_authenticated
    ):  # staff trying the survey see their own header
        return _render(request, "encuestas/publica/gracias.html", idioma, {})
    return _cabeceras(HttpResponse(_html_gracias(idioma)), idioma)


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


def _envio_directo(request, token):
    """The usual submit (first page, valid values, nothing unusual) in one round
    trip; None sends it down the careful path below, which handles every case."""
    idioma = request.POST.get("idioma", "")
    try:
        encuesta_id = int(request.POST.get("encuesta", ""))
    except ValueError:
        return None
    if idioma not in IDIOMAS or _limite_ip(request):
        return None
    datos = {k: v for k, v in request.POST.items() if k.isupper() and len(k) <= 20}
    if services.responder_directo(
        token=token,
        encuesta_id=encuesta_id,
        datos=datos,
        comentario=request.POST.get("comentario", "")[:5000],
        idioma=idioma,
    ):
        return _gracias(request, idioma)
    return None


def _sesion_de_personal(request) -> bool:
    """A signed-in member of staff: citizens never sign in, so an answer sent from
    that browser is an employee answering (or testing) a survey."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and request.user.is_authenticated
    )


# No CSRF cookie: the unguessable single-use token in the address is the only
# credential (no session, nothing ambient for another site to ride on), and a
# citizen whose browser refuses cookies can still answer.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def responder(request, token):
    personal = request.method == "POST" and _sesion_de_personal(request)
    if request.method == "POST" and request.POST.get("paso") == "1" and not personal:
        directa = _envio_directo(request, token)
        if directa is not None:
            return directa
    invitacion = services.invitacion_por_token(token)
    if invitacion is None or invitacion.medio == Invitacion.Medio.QUIOSCO:
        raise Http404
    idioma = _idioma(
        request, invitacion.atencion.idioma if invitacion.atencion_id else ""
    )
    if invitacion.estado == Invitacion.Estado.RESPONDIDA:
        return _render(
            request,
            "encuestas/publica/respondida.html",
            idioma,
            {},
            409 if request.method == "POST" else 200,
        )
    if invitacion.caducada:
        return _render(request, "encuestas/publica/caducada.html", idioma, {}, 410)
    lineas = services.lineas_de(invitacion.encuesta_id)
    tiene_contacto = any(
        li.item_version.tipo == ItemVersion.Tipo.CONTACTO for li in lineas
    )
    tiene_comentario = any(
        li.item_version.tipo == ItemVersion.Tipo.TEXTO for li in lineas
    )
    contexto = {
        "token": token,
        "tiene_comentario": tiene_comentario,
        "encuesta_id": invitacion.encuesta_id,
    }

    # "Abierta" counts a person who sent the form at least once, not a GET: link
    # scanners and previews open every link they see.
    if request.method == "GET":
        return _render(
            request,
            "encuestas/publica/encuesta.html",
            idioma,
            {
                **contexto,
                "paso": 1,
                "preguntas": _preguntas(lineas, idioma, paso=1, datos={}, errores={}),
            },
        )

    if _limite_ip(request):
        return _render(
            request,
            "encuestas/publica/mensaje.html",
            idioma,
            {
                "titulo": "Demasiados envíos",
                "texto": "Espere un minuto y vuelva a intentarlo.",
            },
            429,
        )
    services.marcar_abierta(invitacion)
    datos = {k: v for k, v in request.POST.items() if k.isupper() and len(k) <= 20}
    comentario = request.POST.get("comentario", "")[:5000]
    paso = 2 if request.POST.get("paso") == "2" else 1
    valores, errores = services.validar_valores(
        lineas, datos, incluir_contacto=paso == 2
    )
    contacto = request.POST.get("contacto", "").strip()[:254]
    if paso == 2 and datos.get("CONTACTO") == "1" and not contacto:
        errores["CONTACTO"] = texto(idioma, "contacto_falta")
    if errores:
        return _render(
            request,
            "encuestas/publica/encuesta.html",
            idioma,
            {
                **contexto,
                "paso": paso,
                "errores": True,
                "comentario": comentario,
                "ocultos": {k: v for k, v in datos.items() if k != "CONTACTO"}
                if paso == 2
                else {},
                "preguntas": _preguntas(
                    lineas, idioma, paso=paso, datos=datos, errores=errores
                ),
            },
            400,
        )
    if paso == 1 and tiene_contacto and services.puntuacion_baja(valores):
        # The server decides: the contact question only follows a low score.
        return _render(
            request,
            "encuestas/publica/encuesta.html",
            idioma,
            {
                **contexto,
                "paso": 2,
                "comentario": comentario,
                "ocultos": {k: str(v) for k, v in valores.items()},
                "preguntas": _preguntas(lineas, idioma, paso=2, datos={}, errores={}),
            },
        )
    try:
        services.responder(
            token=token,
            datos=datos,
            comentario=comentario,
            contacto=contacto if datos.get("CONTACTO") == "1" else "",
            idioma=idioma,
            invitacion=invitacion,
            reportable=not personal,
            motivo_no_reportable="sesion_personal" if personal else "",
        )
    except services.YaRespondida:
        return _render(request, "encuestas/publica/respondida.html", idioma, {}, 409)
    except services.Caducada:
        return _render(request, "encuestas/publica/caducada.html", idioma, {}, 410)
    except Invitacion.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError:
        return _render(
            request,
            "encuestas/publica/encuesta.html",
            idioma,
            {
                **contexto,
                "paso": 1,
                "errores": True,
                "preguntas": _preguntas(
                    lineas, idioma, paso=1, datos=datos, errores={}
                ),
            },
            400,
        )
    return _gracias(request, idioma)


def _mensaje(request, idioma: str, clave: str, status: int):
    return _render(
        request,
        "encuestas/publica/mensaje.html",
        idioma,
        {"titulo": texto(idioma, clave), "texto": texto(idioma, f"{clave}_texto")},
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
            return HttpResponseForbidden("Secreto de quiosco no válido.")
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
        "es",
        {"kiosco": kiosco, "secreto": secreto},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def quiosco(request, pk):
    kiosco = get_object_or_404(
        Kiosco.objects.select_related("oficina"), pk=pk, activo=True
    )
    if not _kiosco_autorizado(request, kiosco):
        return _render(
            request,
            "encuestas/publica/mensaje.html",
            "es",
            {
                "titulo": "Quiosco no registrado",
                "texto": "Este dispositivo no está registrado como quiosco.",
            },
            403,
        )
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
