"""The one NinjaAPI instance of Ventanilla, mounted at /api/v1/.

Apps add their routers here. Every error is a JSON answer with a message
(`{"mensaje": ...}`); malformed input of any kind is a 4xx, never a 500.
"""

import logging

from django.core.exceptions import RequestDataTooBig
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="Ventanilla API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description="Eventos de atención, invitaciones a encuestas y resultados agregados.",
)


@api.exception_handler(ValidationError)
def _validacion(request, exc):
    errores = [
        {"campo": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query", "payload")),
         "mensaje": e.get("msg", "")}
        for e in exc.errors
    ]
    return api.create_response(request, {"mensaje": "Datos no válidos.", "errores": errores}, status=422)


@api.exception_handler(AuthenticationError)
def _autenticacion(request, exc):
    return api.create_response(request, {"mensaje": "Falta la clave de la API o no es válida."}, status=401)


@api.exception_handler(HttpError)
def _http(request, exc):
    return api.create_response(request, {"mensaje": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _demasiado_grande(request, exc):
    return api.create_response(request, {"mensaje": "La petición es demasiado grande."}, status=413)


from encuestas.api import router as encuestas_router  # noqa: E402  (routers import `api`-free modules)

api.add_router("/", encuestas_router)
