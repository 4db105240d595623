"""The one NinjaAPI instance of Ventanilla, mounted at /api/v1/.

Apps add their routers here. Every error, of every endpoint, has the shape of
comun.errores_api (`{"error": {"codigo", "mensaje", "detalles"}}`, in Spanish);
malformed input of any kind is a 4xx, never a 500. The interactive docs
(/api/v1/docs) load Swagger UI from the project's static files ('ninja' is an
installed app), so they work without internet.
"""

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import (
    AuthenticationError,
    AuthorizationError,
    HttpError,
    ValidationError,
)

from comun.errores_api import detalles_de_validacion, error

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="Ventanilla API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description=(
        "Eventos de atención, invitaciones a encuestas y resultados agregados.\n\n"
        "Todos los errores responden con el mismo JSON: "
        '`{"error": {"codigo": "...", "mensaje": "...", "detalles": '
        '[{"campo": "...", "mensaje": "...", "indice": 0}]}}`. '
        "Códigos: peticion_no_valida (400), no_autenticado (401), prohibido (403), "
        "no_encontrado (404), demasiado_grande (413), datos_no_validos (422), "
        "demasiadas_peticiones (429)."
    ),
)


def respuesta_de_error(request, estado: int, mensaje: str, detalles=()):
    return api.create_response(request, error(estado, mensaje, detalles), status=estado)


@api.exception_handler(ValidationError)
def _validacion(request, exc):
    return respuesta_de_error(
        request, 422, _("Datos no válidos."), detalles_de_validacion(exc.errors)
    )


@api.exception_handler(AuthenticationError)
def _autenticacion(request, exc):
    return respuesta_de_error(
        request, 401, _("Falta la clave de la API o no es válida.")
    )


@api.exception_handler(AuthorizationError)
def _autorizacion(request, exc):
    return respuesta_de_error(request, 403, _("La clave no tiene acceso a esto."))


# ninja's own messages, in English, and what the client reads instead.
_MENSAJES_DE_NINJA = {
    "Cannot parse request body": gettext_lazy(
        "El cuerpo de la petición no es JSON válido (o no es UTF-8)."
    ),
    "CSRF check Failed": gettext_lazy("Falta el token CSRF."),
    "Too many requests.": gettext_lazy("Demasiadas peticiones; espere un poco."),
}


@api.exception_handler(HttpError)
def _http(request, exc):
    mensaje = str(exc)
    for ingles, espanol in _MENSAJES_DE_NINJA.items():
        if mensaje.startswith(ingles):
            mensaje = str(espanol)
    return respuesta_de_error(request, exc.status_code, mensaje)


@api.exception_handler(Http404)
def _no_encontrado(request, exc):
    return respuesta_de_error(request, 404, _("No existe."))


@api.exception_handler(RequestDataTooBig)
def _demasiado_grande(request, exc):
    return respuesta_de_error(request, 413, _("La petición es demasiado grande."))


def ruta_desconocida(request, resto=""):
    """Any other address under /api/: the same JSON 404, not the HTML page."""
    return respuesta_de_error(request, 404, _("Esta dirección no existe en la API."))


from encuestas.api import router as encuestas_router  # noqa: E402  (routers import `api`-free modules)

api.add_router("/", encuestas_router)
