import json
import re
import urllib.request
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from encuestas import services
from encuestas.models import Atencion, Invitacion
from encuestas.services import integraciones
from encuestas.services.integraciones import EVENTOS_POR_TRANSACCION
from organizacion.models import Canal
from tests.comun.test_errores_api import comprobar_error
from tests.factories import (
    EmpleadoFactory,
    OficinaFactory,
    ServicioFactory,
    responder_con,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/atenciones"


@pytest.fixture
def entorno(db):
    oficina = OficinaFactory(canales=["presencial", "telefonico"])
    ajena = OficinaFactory(canales=["presencial"])
    integracion, clave = services.crear_integracion(
        nombre="Gestor de colas",
        oficinas=[oficina],
        canales=Canal.objects.filter(codigo__in=["presencial", "telefonico"]),
    )
    return {
        "oficina": oficina,
        "ajena": ajena,
        "integracion": integracion,
        "clave": clave,
    }


def _post(client, clave, cuerpo, **extra):
    datos = cuerpo if isinstance(cuerpo, (str, bytes)) else json.dumps(cuerpo)
    return client.post(
        URL,
        datos,
        content_type=extra.pop("content_type", "application/json"),
        HTTP_AUTHORIZATION=f"Bearer {clave}",
        **extra,
    )


def _item(oficina, ref="T-1", **kw):
    return {
        "oficina": oficina.codigo_dir3,
        "canal": "presencial",
        "fecha": "2026-11-20T10:15:00+01:00",
        "referencia": ref,
        **kw,
    }


def test_openapi_y_docs(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200 and "/api/v1/atenciones" in r.json()["paths"]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_docs_sin_internet_recursos_propios_servidos(live_server):
    """Swagger UI comes from the project's static files: no external host, and
    every script, stylesheet and icon the page names answers 200 here."""
    with urllib.request.urlopen(f"{live_server.url}/api/v1/docs") as r:
        pagina = r.read().decode()
    referencias = re.findall(r'(?:src|href)="([^"]+)"', pagina)
    assert any(x.endswith(".js") for x in referencias)
    assert any(x.endswith(".css") for x in referencias)
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", pagina, re.I), pagina
    for referencia in referencias:
        assert referencia.startswith("/"), referencia
        with urllib.request.urlopen(live_server.url + referencia) as r:
            assert r.status == 200 and r.read(), referencia
    # The schema the page loads, also local.
    esquema = re.search(r'"url": "(/[^"]+)"', pagina).group(1)
    with urllib.request.urlopen(live_server.url + esquema) as r:
        assert r.status == 200 and "/api/v1/atenciones" in json.load(r)["paths"]


def test_sin_clave_o_clave_mala(client, entorno):
    assert client.post(URL, "{}", content_type="application/json").status_code == 401
    assert _post(client, "vt_mala", {"atenciones": []}).status_code == 401
    r = client.post(
        URL,
        json.dumps({"atenciones": [_item(entorno["oficina"])]}),
        content_type="application/json",
        HTTP_X_API_KEY=entorno["clave"],
    )
    assert r.status_code == 201


def test_lote_crea_invitaciones_con_enlace_e_idempotente(client, entorno):
    empleado = EmpleadoFactory(oficina=entorno["oficina"])
    servicio = ServicioFactory()
    lote = {
        "atenciones": [
            _item(
                entorno["oficina"],
                "T-1",
                empleado=empleado.identificador,
                servicio=servicio.codigo,
                idioma="gl",
                espera_segundos=300,
            ),
            _item(
                entorno["oficina"],
                "T-2",
                canal="telefonico",
                telefono="+34 612 345 678",
            ),
        ]
    }
    r = _post(client, entorno["clave"], lote)
    assert r.status_code == 201, r.content
    resultados = r.json()["resultados"]
    assert [x["estado"] for x in resultados] == ["invitada", "invitada"]
    assert all(
        x["enlace"].startswith("http") and "/e/" in x["enlace"] for x in resultados
    )
    atencion = Atencion.objects.get(referencia_externa="T-1")
    assert (
        atencion.empleado == empleado
        and atencion.servicio == servicio
        and atencion.idioma == "gl"
    )
    r2 = _post(client, entorno["clave"], lote)
    assert r2.status_code == 200
    assert [x["enlace"] for x in r2.json()["resultados"]] == [
        x["enlace"] for x in resultados
    ]
    assert [x["estado"] for x in r2.json()["resultados"]] == ["existente", "existente"]
    assert Atencion.objects.count() == 2 and Invitacion.objects.count() == 2
    token = resultados[0]["enlace"].rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/e/{token}/").status_code == 200


def test_el_enlace_devuelto_sigue_el_host_de_la_peticion_o_site_url(
    client, entorno, settings
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost"]
    r = _post(
        client,
        entorno["clave"],
        {"atenciones": [_item(entorno["oficina"], "H-1")]},
        HTTP_HOST="localhost:8123",
    )
    assert r.json()["resultados"][0]["enlace"].startswith("http://localhost:8123/e/")
    settings.SITE_URL = "https://ventanilla.example.es"
    r = _post(
        client,
        entorno["clave"],
        {"atenciones": [_item(entorno["oficina"], "H-2")]},
        HTTP_HOST="localhost:8123",
    )
    assert r.json()["resultados"][0]["enlace"].startswith(
        "https://ventanilla.example.es/e/"
    )


def test_todo_o_nada_con_error_por_item(client, entorno):
    lote = {
        "atenciones": [
            _item(entorno["oficina"], "OK-1"),
            _item(entorno["ajena"], "X-1"),
            _item(entorno["oficina"], "X-2", servicio="no-existe"),
            _item(entorno["oficina"], "X-3", canal="telematico"),
        ]
    }
    r = _post(client, entorno["clave"], lote)
    assert r.status_code == 422
    errores = comprobar_error(r, 422)["detalles"]
    assert {(e["indice"], e["campo"]) for e in errores} == {
        (1, "oficina"),
        (2, "servicio"),
        (3, "canal"),
    }
    assert not Atencion.objects.exists()


def test_error_durante_el_registro_deshace_todo(client, entorno):
    # The office does not serve this channel: found by the service, after item 0 was saved.
    oficina = entorno["oficina"]
    oficina.canales.set(Canal.objects.filter(codigo="presencial"))
    lote = {
        "atenciones": [_item(oficina, "A"), _item(oficina, "B", canal="telefonico")]
    }
    r = _post(client, entorno["clave"], lote)
    assert comprobar_error(r, 422)["detalles"][0]["indice"] == 1
    assert not Atencion.objects.exists() and not Invitacion.objects.exists()


def test_error_de_validacion_al_final_de_un_lote_largo_no_guarda_nada(client, entorno):
    # Checked before any write: an item past the first transaction still stores nothing.
    oficina = entorno["oficina"]
    oficina.canales.set(Canal.objects.filter(codigo="presencial"))
    n = 2 * EVENTOS_POR_TRANSACCION + 3
    lote = {"atenciones": [_item(oficina, f"A{i}") for i in range(n)]}
    lote["atenciones"][-1]["canal"] = "telefonico"
    r = _post(client, entorno["clave"], lote)
    assert [e["indice"] for e in comprobar_error(r, 422)["detalles"]] == [n - 1]
    assert not Atencion.objects.exists() and not Invitacion.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_lote_grande_se_escribe_en_transacciones_acotadas(client, entorno):
    # Short write transactions on SQLite: other writers (staff, the consolidator)
    # get its lock between them instead of waiting for the whole batch.
    # PostgreSQL locks rows: the whole batch in one transaction.
    n = 2 * EVENTOS_POR_TRANSACCION + 5
    lote = {"atenciones": [_item(entorno["oficina"], f"R{i}") for i in range(n)]}
    por_transaccion, actual = [], [0]

    columnas = len(Atencion._meta.concrete_fields) - 1  # all but the id

    def contar(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith('INSERT INTO "ENCUESTAS_ATENCION"'):
            # Events, not statements: an array per column on PostgreSQL (unnest).
            por_columna = isinstance(params[0], list)
            actual[0] += len(params[0]) if por_columna else len(params) // columnas
        return execute(sql, params, many, context)

    commit = connection.commit

    def commit_contado():
        commit()
        if actual[0]:
            por_transaccion.append(actual[0])
            actual[0] = 0

    connection.commit = commit_contado
    try:
        with connection.execute_wrapper(contar):
            r = _post(client, entorno["clave"], lote)
    finally:
        del connection.commit
    assert r.status_code == 201, r.content
    assert sum(por_transaccion) == n == Atencion.objects.count()
    if connection.vendor == "sqlite":
        assert len(por_transaccion) == 3
        assert max(por_transaccion) <= EVENTOS_POR_TRANSACCION
    else:
        assert por_transaccion == [n]


@pytest.mark.django_db(transaction=True)
def test_lote_cortado_a_medias_se_completa_al_reenviarlo_sin_duplicar(
    client, entorno, monkeypatch
):
    n = EVENTOS_POR_TRANSACCION + 5
    lote = {"atenciones": [_item(entorno["oficina"], f"R{i}") for i in range(n)]}
    original = integraciones._escribir
    llamadas = [0]
    # SQLite: the second transaction fails; PostgreSQL: its only one.
    sqlite = connection.vendor == "sqlite"
    quedan = EVENTOS_POR_TRANSACCION if sqlite else 0

    def falla(*args, **kw):
        llamadas[0] += 1
        if llamadas[0] == (2 if sqlite else 1):
            raise OperationalError("database is locked")
        return original(*args, **kw)

    monkeypatch.setattr(integraciones, "_escribir", falla)
    with pytest.raises(OperationalError):
        _post(client, entorno["clave"], lote)
    # The committed transaction stays; the interrupted one left nothing behind.
    assert Atencion.objects.count() == quedan
    monkeypatch.setattr(integraciones, "_escribir", original)
    r = _post(client, entorno["clave"], lote)
    assert r.status_code == 201
    estados = [x["estado"] for x in r.json()["resultados"]]
    assert estados == ["existente"] * quedan + ["invitada"] * (n - quedan)
    assert Atencion.objects.count() == n == Invitacion.objects.count()


def test_lote_demasiado_grande_y_vacio(client, entorno):
    lote = {"atenciones": [_item(entorno["oficina"], f"R{i}") for i in range(1001)]}
    assert _post(client, entorno["clave"], lote).status_code == 422
    assert _post(client, entorno["clave"], {"atenciones": []}).status_code == 422


@pytest.mark.parametrize(
    "cuerpo, tipo",
    [
        ("{malo", "application/json"),
        ("", "application/json"),
        ("atenciones=1", "application/x-www-form-urlencoded"),
        ("[]", "application/json"),
        ('{"atenciones": "no"}', "application/json"),
        ('{"atenciones": [{"oficina": 5}]}', "application/json"),
        (
            '{"atenciones": [{"oficina": "A\\u0000", "canal": "presencial", "fecha": "2026-01-01T00:00:00"}]}',
            "application/json",
        ),
        (
            '{"atenciones": [{"oficina": "A", "canal": "presencial", "fecha": "ayer"}]}',
            "application/json",
        ),
        (
            '{"atenciones": [{"oficina": "A", "canal": "presencial", "fecha": "2026-01-01", "espera_segundos": 1e400}]}',
            "application/json",
        ),
        ("\xff\xfe", "text/plain"),
    ],
)
def test_entrada_malformada_4xx_json(client, entorno, cuerpo, tipo):
    r = _post(
        client,
        entorno["clave"],
        cuerpo.encode("latin-1") if "\xff" in cuerpo else cuerpo,
        content_type=tipo,
    )
    assert r.status_code in (400, 422), r.content
    comprobar_error(r, r.status_code)


def test_cuerpo_enorme(client, entorno, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    r = _post(
        client,
        entorno["clave"],
        {"atenciones": [_item(entorno["oficina"], "x" * 70)] * 20},
    )
    assert r.status_code in (413, 400)
    comprobar_error(r, r.status_code)


def test_limite_por_clave(client, entorno, settings):
    settings.ENCUESTAS_API_LIMITE = (2, 60)
    for _ in range(2):
        assert _post(client, entorno["clave"], {"atenciones": []}).status_code == 422
    r = _post(client, entorno["clave"], {"atenciones": []})
    comprobar_error(r, 429)


def test_revocada_deja_de_funcionar(client, entorno):
    services.revocar_integracion(integracion=entorno["integracion"])
    assert (
        _post(
            client, entorno["clave"], {"atenciones": [_item(entorno["oficina"])]}
        ).status_code
        == 401
    )


def test_resultados_agregados_con_supresion(client, entorno, settings):
    settings.ENCUESTAS_MIN_N_OFICINA = 3
    for sat in ("5", "4", "1"):
        responder_con(entorno["oficina"], {"SAT": sat})
    responder_con(entorno["ajena"], {"SAT": "5"})
    hoy = timezone.localdate()
    r = client.get(
        "/api/v1/resultados",
        {"desde": hoy - timedelta(days=7), "hasta": hoy},
        HTTP_AUTHORIZATION=f"Bearer {entorno['clave']}",
    )
    assert r.status_code == 200, r.content
    datos = r.json()
    assert [o["oficina"] for o in datos["oficinas"]] == [
        entorno["oficina"].codigo_dir3
    ]  # scope
    csat = datos["oficinas"][0]["csat"]
    assert csat["valor"] == pytest.approx(66.67, abs=0.01) and csat["n"] == 3
    settings.ENCUESTAS_MIN_N_OFICINA = 4
    r = client.get(
        "/api/v1/resultados",
        {"desde": hoy, "hasta": hoy},
        HTTP_AUTHORIZATION=f"Bearer {entorno['clave']}",
    )
    assert r.json()["oficinas"][0]["csat"] == {
        "valor": None,
        "n": 3,
        "ic_inf": None,
        "ic_sup": None,
        "suprimido": True,
        "complementaria": False,
    }
    r = client.get(
        "/api/v1/resultados",
        {"desde": hoy, "hasta": hoy, "oficina": entorno["ajena"].codigo_dir3},
        HTTP_AUTHORIZATION=f"Bearer {entorno['clave']}",
    )
    assert r.status_code == 403
    r = client.get(
        "/api/v1/resultados",
        {"desde": "mal", "hasta": hoy},
        HTTP_AUTHORIZATION=f"Bearer {entorno['clave']}",
    )
    assert r.status_code == 422


# --- property-based fuzz: no input produces a 5xx ----------------------------------------

json_libre = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda hijos: (
        st.lists(hijos, max_size=4)
        | st.dictionaries(st.text(max_size=12), hijos, max_size=5)
    ),
    max_leaves=20,
)
campo = st.sampled_from(
    [
        "oficina",
        "canal",
        "fecha",
        "referencia",
        "servicio",
        "empleado",
        "resultado",
        "espera_segundos",
        "gestion_segundos",
        "idioma",
        "telefono",
        "email",
    ]
)
item_casi_valido = st.dictionaries(
    campo, json_libre | st.text(max_size=100) | st.integers(), max_size=12
)


@hsettings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    cuerpo=st.one_of(
        json_libre,
        st.fixed_dictionaries({"atenciones": st.lists(item_casi_valido, max_size=5)}),
        st.fixed_dictionaries({"atenciones": json_libre}),
    )
)
def test_fuzz_atenciones_nunca_5xx(client, entorno, settings, cuerpo):
    settings.ENCUESTAS_API_LIMITE = (0, 60)
    r = _post(client, entorno["clave"], cuerpo)
    assert r.status_code < 500, (cuerpo, r.content)
    assert r["Content-Type"].startswith("application/json")


@hsettings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    params=st.dictionaries(
        st.sampled_from(["desde", "hasta", "oficina", "canal", "x"]),
        st.text(max_size=20),
        max_size=5,
    )
)
def test_fuzz_resultados_nunca_5xx(client, entorno, settings, params):
    settings.ENCUESTAS_API_LIMITE = (0, 60)
    r = client.get(
        "/api/v1/resultados", params, HTTP_AUTHORIZATION=f"Bearer {entorno['clave']}"
    )
    assert r.status_code < 500, (params, r.content)


@hsettings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    cuerpo=st.binary(max_size=200),
    tipo=st.sampled_from(["application/json", "text/plain", "multipart/form-data", ""]),
)
def test_fuzz_bytes_nunca_5xx(client, entorno, settings, cuerpo, tipo):
    settings.ENCUESTAS_API_LIMITE = (0, 60)
    r = client.generic(
        "POST",
        URL,
        cuerpo,
        content_type=tipo,
        HTTP_AUTHORIZATION=f"Bearer {entorno['clave']}",
    )
    assert r.status_code < 500, (cuerpo, r.content)


@pytest.mark.parametrize("codigo", ["28%00079", "28%0A079", "%1B"])
def test_un_caracter_de_control_en_el_filtro_de_resultados_es_un_422(
    client, entorno, codigo
):
    # A NUL reached the office lookup, and PostgreSQL answered it with a 500.
    r = client.get(
        "/api/v1/resultados?desde=2026-01-01&hasta=2026-01-31&oficina=" + codigo,
        HTTP_AUTHORIZATION=f"Bearer {entorno['clave']}",
    )
    error = comprobar_error(r, 422)
    assert [d["campo"] for d in error["detalles"]] == ["oficina"]
    assert "caracteres de control" in error["detalles"][0]["mensaje"]


def test_un_caracter_de_control_en_un_evento_del_lote_es_un_422(client, entorno):
    item = _item(entorno["oficina"], ref="T-\ud800")
    r = _post(client, entorno["clave"], {"atenciones": [item]})
    error = comprobar_error(r, 422)
    assert [d["campo"] for d in error["detalles"]] == ["atenciones.0.referencia"]
    assert not Atencion.objects.exists()


def test_con_la_cache_caida_la_clave_se_comprueba_en_la_base(client, entorno):
    from tests.encuestas.test_seguridad import CACHE_CAIDA

    with override_settings(CACHES=CACHE_CAIDA):
        r = _post(client, entorno["clave"], {"atenciones": [_item(entorno["oficina"])]})
        assert r.status_code in (200, 201, 207), r.content
        services.revocar_integracion(integracion=entorno["integracion"])
        r = _post(client, entorno["clave"], {"atenciones": [_item(entorno["oficina"])]})
    assert r.status_code == 401
