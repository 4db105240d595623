"""Request id and JSON logs: the id comes in (if valid) or is made, goes back in the
response and into every log line of the request; LOG_FORMAT=json writes one JSON
object per line."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

RAIZ = Path(settings.BASE_DIR)

pytestmark = pytest.mark.django_db


def test_un_request_id_valido_se_conserva(client):
    respuesta = client.get("/health/live/", HTTP_X_REQUEST_ID="abc-123_DEF.456:789")
    assert respuesta["X-Request-ID"] == "abc-123_DEF.456:789"


@pytest.mark.parametrize(
    "entrante",
    [None, "", "corto", "con espacios dentro", "x" * 65, "linea\nfalsa-1234567"],
)
def test_sin_request_id_valido_se_crea_uno(client, entrante):
    cabeceras = {} if entrante is None else {"HTTP_X_REQUEST_ID": entrante}
    primero = client.get("/health/live/", **cabeceras)["X-Request-ID"]
    segundo = client.get("/health/live/", **cabeceras)["X-Request-ID"]
    assert len(primero) == 32 and int(primero, 16) >= 0
    assert primero != segundo and primero != entrante


def test_el_request_id_esta_en_los_registros_de_la_peticion(client, caplog):
    from config.registro import request_id

    caplog.set_level("WARNING", logger="django.request")
    client.get("/no-existe-h13/", HTTP_X_REQUEST_ID="id-de-la-prueba-404")
    registros = [r for r in caplog.records if r.name == "django.request"]
    # The project's handler filter stamped the record (the same object caplog keeps).
    assert [r.request_id for r in registros] == ["id-de-la-prueba-404"]
    assert request_id.get() == "-"  # reset once the request is over


SCRIPT = textwrap.dedent(
    """
    import django
    django.setup()
    from django.test import Client
    # A 405 is logged by django.request and needs no database.
    Client().post("/health/live/", HTTP_X_REQUEST_ID="id-json-0123456789")
    import logging
    logging.getLogger("prueba").info("fuera de una peticion")
    """
)


@pytest.mark.parametrize("formato", ["json", "texto"])
def test_log_format_json_escribe_una_linea_json_con_el_request_id(formato):
    entorno = dict(
        os.environ, LOG_FORMAT=formato, DJANGO_SETTINGS_MODULE="config.settings"
    )
    resultado = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode == 0, resultado.stderr
    lineas = [li for li in resultado.stderr.splitlines() if li.strip()]
    if formato == "texto":
        assert any(
            "[id-json-0123456789]" in li and "Method Not Allowed" in li for li in lineas
        )
        assert not any(li.startswith("{") for li in lineas)
        return
    objetos = [json.loads(li) for li in lineas]
    no_encontrado = [o for o in objetos if o["logger"] == "django.request"]
    assert no_encontrado and no_encontrado[0]["request_id"] == "id-json-0123456789"
    assert no_encontrado[0]["level"] == "WARNING" and "time" in no_encontrado[0]
    fuera = [o for o in objetos if o["logger"] == "prueba"]
    assert fuera == [
        {
            "time": fuera[0]["time"],
            "level": "INFO",
            "logger": "prueba",
            "request_id": "-",
            "message": "fuera de una peticion",
        }
    ]
