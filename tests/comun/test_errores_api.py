"""comun.errores_api: every endpoint of the API answers its errors with the one
common JSON shape, in Spanish: invalid body or query, bad JSON, no key, a key
without access, too many requests, an unknown address. The endpoints come from
the OpenAPI schema, so a new one is covered without editing this.
`comprobar_error` is also what tests/encuestas/test_api.py checks with."""

import re

import pytest
from django.core.cache import cache

from comun.errores_api import CODIGOS
from config.api import api
from encuestas import services
from organizacion.models import Canal
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db

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


@pytest.fixture(autouse=True)
def _limites_limpios():
    """The rate-limit counters live in the cache: none carried between tests."""
    cache.clear()
    yield
    cache.clear()


def _operaciones():
    esquema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [
        (ruta, metodo.upper(), operacion)
        for ruta, metodos in esquema["paths"].items()
        for metodo, operacion in metodos.items()
    ]


OPERACIONES = _operaciones()


def test_el_recorrido_ve_todos_los_endpoints():
    assert {(r, m) for r, m, _o in OPERACIONES} >= {
        ("/api/v1/atenciones", "POST"),
        ("/api/v1/resultados", "GET"),
    }


@pytest.fixture
def clave(db):
    oficina = OficinaFactory(canales=["presencial"])
    _integracion, clave = services.crear_integracion(
        nombre="Recorrido", oficinas=[oficina], canales=Canal.objects.all()
    )
    return clave


def _llamar(client, ruta, metodo, *, clave=None, cuerpo=None, query=None):
    cabeceras = {"HTTP_AUTHORIZATION": f"Bearer {clave}"} if clave else {}
    if metodo == "GET":
        return client.get(ruta, query or {}, **cabeceras)
    return client.generic(
        metodo,
        ruta,
        cuerpo if cuerpo is not None else "{}",
        content_type="application/json",
        **cabeceras,
    )


def _invalidos(operacion) -> dict:
    """A value no declared parameter accepts: too long, not a date, not a choice."""
    return {
        p["name"]: "no-valido-" + "x" * 300
        for p in operacion.get("parameters", [])
        if p["in"] == "query"
    }


@pytest.mark.parametrize("ruta, metodo, operacion", OPERACIONES)
def test_datos_no_validos_422_con_detalles_por_campo(
    client, clave, ruta, metodo, operacion
):
    if "requestBody" in operacion:
        r = _llamar(client, ruta, metodo, clave=clave, cuerpo='{"x": [1]}')
    else:
        r = _llamar(client, ruta, metodo, clave=clave, query=_invalidos(operacion))
    error = comprobar_error(r, 422)
    assert error["detalles"], error
    assert all(d["campo"] for d in error["detalles"]), error
    # ninja's own location words never reach the client.
    assert not any(
        re.match(r"(body|query|lote|filtro)\b", d["campo"]) for d in error["detalles"]
    ), error


@pytest.mark.parametrize(
    "ruta, metodo, operacion",
    [o for o in OPERACIONES if "requestBody" in o[2]],
)
def test_json_roto_400(client, clave, ruta, metodo, operacion):
    comprobar_error(_llamar(client, ruta, metodo, clave=clave, cuerpo="{malo"), 400)


@pytest.mark.parametrize("ruta, metodo, operacion", OPERACIONES)
def test_sin_clave_o_con_clave_mala_401(client, clave, ruta, metodo, operacion):
    assert operacion.get("security"), "todo endpoint de la API pide clave"
    comprobar_error(_llamar(client, ruta, metodo), 401)
    comprobar_error(_llamar(client, ruta, metodo, clave="vt_mala"), 401)


@pytest.mark.parametrize("ruta, metodo, operacion", OPERACIONES)
def test_demasiadas_peticiones_429(client, clave, settings, ruta, metodo, operacion):
    settings.ENCUESTAS_API_LIMITE = (1, 60)
    _llamar(client, ruta, metodo, clave=clave)
    comprobar_error(_llamar(client, ruta, metodo, clave=clave), 429)


def test_clave_sin_acceso_403(client):
    propia = OficinaFactory(canales=["presencial"])
    ajena = OficinaFactory(canales=["presencial"])
    _i, clave = services.crear_integracion(
        nombre="Corta", oficinas=[propia], canales=Canal.objects.all()
    )
    r = _llamar(
        client,
        "/api/v1/resultados",
        "GET",
        clave=clave,
        query={
            "desde": "2026-01-01",
            "hasta": "2026-01-31",
            "oficina": ajena.codigo_dir3,
        },
    )
    comprobar_error(r, 403)


@pytest.mark.parametrize("ruta", ["/api/v1/no-existe", "/api/v1/atenciones/1/x"])
def test_direccion_desconocida_404(client, clave, ruta):
    comprobar_error(_llamar(client, ruta, "GET", clave=clave), 404)


def test_cuerpo_demasiado_grande_413(client, clave, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    r = _llamar(
        client,
        "/api/v1/atenciones",
        "POST",
        clave=clave,
        cuerpo='{"a": "%s"}' % ("x" * 500),
    )
    comprobar_error(r, 413)


def test_el_formato_de_error_esta_en_el_esquema_openapi():
    esquema = api.get_openapi_schema(path_prefix="/api/v1/")
    for _ruta, _metodo, operacion in OPERACIONES:
        for estado in ("401", "422", "429"):
            referencia = {str(k): v for k, v in operacion["responses"].items()}[estado][
                "content"
            ]["application/json"]["schema"]["$ref"]
            nombre = referencia.rsplit("/", 1)[1]
            assert set(esquema["components"]["schemas"][nombre]["properties"]) == {
                "error"
            }
