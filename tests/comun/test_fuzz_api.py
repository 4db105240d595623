"""Every operation of the API's OpenAPI schema, fuzzed: parameters and bodies
drawn from the schema itself with hostile values mixed in (control characters,
lone surrogates, integers past bigint, long strings, wrong types), raw bodies
that are not JSON, wrong methods. Not one answer may be a 5xx, and every answer
under /api/ is the API's JSON. Deterministic (derandomize) so CI is stable."""

import json

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from encuestas import services
from organizacion.models import Canal
from tests.comun.fuzz import (
    HOSTILES_CONTROL,
    HOSTILES_TEXTO,
    en_la_direccion,
    estrategia,
)
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PREFIJO = "/api/v1"
METODOS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def api(client, settings):
    settings.ENCUESTAS_API_LIMITE = (0, 60)  # no rate limit: the 429 hides the rest
    cache.clear()
    oficina = OficinaFactory(codigo_dir3="E00000001", canales=["presencial"])
    _, clave = services.crear_integracion(
        nombre="Fuzz", oficinas=[oficina], canales=Canal.objects.all()
    )
    esquema = client.get(f"{PREFIJO}/openapi.json").json()
    return {"clave": clave, "esquema": esquema}


def _operaciones(esquema):
    for ruta, metodos in esquema["paths"].items():
        for metodo, operacion in metodos.items():
            if metodo in METODOS:
                yield ruta, metodo, operacion


def _comprobar(respuesta, descripcion):
    assert respuesta.status_code < 500, (descripcion, respuesta.content[:500])
    assert respuesta["Content-Type"].startswith("application/json"), descripcion


def test_el_esquema_tiene_las_operaciones_que_se_prueban(api):
    operaciones = {(r, m) for r, m, _ in _operaciones(api["esquema"])}
    assert operaciones == {
        (f"{PREFIJO}/atenciones", "post"),
        (f"{PREFIJO}/resultados", "get"),
    }


@pytest.mark.parametrize(
    "ruta_metodo", [f"{PREFIJO}/atenciones post", f"{PREFIJO}/resultados get"]
)
def test_ninguna_entrada_de_la_api_da_un_5xx(client, api, ruta_metodo):
    ruta, metodo = ruta_metodo.split()
    esquema = api["esquema"]
    operacion = esquema["paths"][ruta][metodo]
    parametros = {
        p["name"]: estrategia(p.get("schema", {}), esquema)
        for p in operacion.get("parameters", [])
        if p["in"] == "query"
    }
    cuerpo = operacion.get("requestBody", {}).get("content", {})
    cuerpo = cuerpo.get("application/json", {}).get("schema")
    cabeceras = st.sampled_from(
        [
            {"HTTP_AUTHORIZATION": f"Bearer {api['clave']}"},
            {"HTTP_X_API_KEY": api["clave"]},
            {"HTTP_AUTHORIZATION": "Bearer " + "x" * 300},
            {"HTTP_AUTHORIZATION": "Bearer \x00"},
            {},
        ]
    )
    cuerpos = (
        st.one_of(
            estrategia(cuerpo, esquema).map(json.dumps),
            st.binary(max_size=60),
            st.sampled_from(HOSTILES_CONTROL + HOSTILES_TEXTO),
        )
        if cuerpo
        else st.just("")
    )

    @FUZZ
    @given(
        consulta=st.fixed_dictionaries({}, optional=parametros),
        cuerpo=cuerpos,
        cabecera=cabeceras,
    )
    def una_peticion(consulta, cuerpo, cabecera):
        direccion = (
            ruta
            + "?"
            + "&".join(f"{k}={en_la_direccion(v)}" for k, v in consulta.items())
        )
        if metodo == "get":
            respuesta = client.get(direccion, **cabecera)
        else:
            respuesta = client.generic(
                metodo.upper(),
                direccion,
                cuerpo,
                content_type="application/json",
                **cabecera,
            )
        _comprobar(respuesta, (metodo, direccion, cuerpo))

    una_peticion()


@pytest.mark.parametrize("metodo", METODOS + ("options", "head"))
@pytest.mark.parametrize(
    "ruta",
    [f"{PREFIJO}/atenciones", f"{PREFIJO}/resultados", f"{PREFIJO}/nada", "/api/v9/"],
)
def test_otro_metodo_u_otra_ruta_responde_el_json_de_la_api(client, api, metodo, ruta):
    respuesta = client.generic(
        metodo.upper(), ruta, HTTP_AUTHORIZATION=f"Bearer {api['clave']}"
    )
    assert respuesta.status_code < 500
    if metodo != "head":
        _comprobar(respuesta, (metodo, ruta))
