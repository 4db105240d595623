"""The project's 400, 403, 404 and 500 pages (DEBUG off: the pilot and production).

Staff pages keep the usual layout. Pages a citizen reaches (the survey, the kiosk,
certificate verification, the public content) get their own: in the citizen's
language (`?idioma=`, else the browser's), without the staff header or menu. The
500 pages are plain HTML with inline style: they must render when the thing that
failed is the template machinery, the database or the static files' manifest (the
CSP allows that <style> by its hash, config.cabeceras).
"""

from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from config.cabeceras import permitir_estilos_de
from encuestas.textos import NOMBRES_IDIOMA
from encuestas.textos import texto as texto_ciudadania

# Addresses that citizens reach without signing in.
PREFIJOS_CIUDADANIA = ("/e/", "/quiosco/", "/verificar/")
# The public Wagtail content (cartas de servicios): for citizens, when signed out.
PREFIJO_CONTENIDOS = "/contenidos/"

# The citizen languages and their names, as the survey offers them.
IDIOMAS = tuple(NOMBRES_IDIOMA)

# Title and text of each page, looked up in the citizen's language.
TEXTOS = {
    400: (
        _("Petición no válida"),
        _(
            "La dirección o el formulario contienen caracteres que no se admiten. Vuelva atrás, revise lo escrito e inténtelo de nuevo."
        ),
    ),
    404: (
        _("Página no encontrada"),
        _(
            "La dirección no existe o el enlace ya no es válido. Compruebe que la ha escrito completa o pida un enlace nuevo en la oficina."
        ),
    ),
    403: (
        _("Acceso no permitido"),
        _("Esta página no está disponible desde este dispositivo o con este enlace."),
    ),
    500: (
        _("Algo ha fallado"),
        _(
            "Se ha producido un error inesperado. Nada de lo que ya estaba guardado se ha perdido. Inténtelo de nuevo dentro de unos minutos."
        ),
    ),
}


def es_de_ciudadania(request) -> bool:
    ruta = request.path
    if ruta.startswith(PREFIJOS_CIUDADANIA):
        return True
    usuario = getattr(request, "user", None)
    return ruta.startswith(PREFIJO_CONTENIDOS) and not (
        usuario is not None and usuario.is_authenticated
    )


def idioma_de_ciudadania(request) -> str:
    """`?idioma=` as the public pages use it (or the survey form's hidden field),
    else the browser's, else Spanish."""
    pedido = request.GET.get("idioma", "")
    if not pedido and request.method == "POST":
        try:
            pedido = request.POST.get("idioma", "")
        except Exception:  # an error page must not fail on a malformed body
            pedido = ""
    if pedido in IDIOMAS:
        return pedido
    try:
        navegador = translation.get_language_from_request(request)
    except Exception:  # a 500 page must not fail on a malformed header
        navegador = ""
    navegador = (navegador or "").split("-")[0]
    return navegador if navegador in IDIOMAS else settings.LANGUAGE_CODE


def _pagina_ciudadania(request, estado: int):
    idioma = idioma_de_ciudadania(request)
    with translation.override(idioma):
        titulo, texto = (str(t) for t in TEXTOS[estado])
    contexto = {
        "estado": estado,
        "idioma": idioma,
        "titulo": titulo,
        "texto": texto,
        "idiomas": [(c, NOMBRES_IDIOMA[c]) for c in IDIOMAS],
        "declaracion_accesibilidad": texto_ciudadania(
            idioma, "declaracion_accesibilidad"
        ),
    }
    if estado == 500:
        # No request context processors (they read the database and the session).
        html = loader.get_template("errores/500_ciudadania.html").render(contexto)
        respuesta = permitir_estilos_de(
            HttpResponseServerError(html), "errores/500_ciudadania.html"
        )
    else:
        with translation.override(idioma):
            respuesta = render(
                request, "errores/ciudadania.html", contexto, status=estado
            )
    respuesta["Content-Language"] = idioma
    respuesta["X-Robots-Tag"] = "noindex"
    return respuesta


def peticion_no_valida(request, exception=None):
    if es_de_ciudadania(request):
        return _pagina_ciudadania(request, 400)
    return render(request, "400.html", status=400)


def prohibido(request, exception=None):
    if es_de_ciudadania(request):
        return _pagina_ciudadania(request, 403)
    return render(request, "403.html", status=403)


def no_encontrado(request, exception=None):
    if es_de_ciudadania(request):
        return _pagina_ciudadania(request, 404)
    return render(request, "404.html", status=404)


def error_servidor(request):
    try:
        if es_de_ciudadania(request):
            return _pagina_ciudadania(request, 500)
    except Exception:  # the Spanish page below needs nothing that can fail
        pass
    try:
        return permitir_estilos_de(
            HttpResponseServerError(loader.get_template("500.html").render()),
            "500.html",
        )
    except Exception:
        with translation.override("es"):
            titulo, texto = (str(t) for t in TEXTOS[500])
        return HttpResponseServerError(
            f'<!doctype html><html lang="es"><title>{escape(titulo)}</title>'
            f"<h1>{escape(titulo)}</h1><p>{escape(texto)}</p></html>"
        )
