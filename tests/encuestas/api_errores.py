"""The common error shape of the API (comun.errores_api), checked the same way
by every API test."""

import re

from comun.errores_api import CODIGOS

# pydantic's and ninja's English, which must not reach a client.
INGLES = re.compile(
    r"\b(should|required|Input|Field|Value error|Unauthorized|Forbidden|Not Found|"
    r"Cannot parse|Too many)\b"
)


def comprobar_error(respuesta, estado: int) -> dict:
    """Assert that `respuesta` is an error with status `estado` in the common
    shape, in Spanish; return its `error` object."""
    assert respuesta.status_code == estado, respuesta.content
    assert respuesta["Content-Type"].startswith("application/json")
    cuerpo = respuesta.json()
    assert set(cuerpo) == {"error"}, cuerpo
    error = cuerpo["error"]
    assert set(error) == {"codigo", "mensaje", "detalles"}, error
    assert error["codigo"] == CODIGOS[estado]
    assert isinstance(error["mensaje"], str) and error["mensaje"].strip()
    assert isinstance(error["detalles"], list)
    for detalle in error["detalles"]:
        assert set(detalle) == {"campo", "mensaje", "indice"}, detalle
        assert isinstance(detalle["campo"], str)
        assert detalle["indice"] is None or isinstance(detalle["indice"], int)
        assert detalle["mensaje"] and not INGLES.search(detalle["mensaje"]), detalle
    assert not INGLES.search(error["mensaje"]), error
    return error
