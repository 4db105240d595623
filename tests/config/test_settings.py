"""config/settings.py. The pilot mode (`make run`): DEBUG off on the embedded defaults, a secret of
its own, the machine's name among the hosts, no HTTPS demands; only the course
images of media/ are served."""

import importlib
import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.urls import clear_url_caches

LEER = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'clave': s.SECRET_KEY, 'hosts': s.ALLOWED_HOSTS, "
    "'ssl': getattr(s, 'SECURE_SSL_REDIRECT', False), 'demo': 'demo' in s.INSTALLED_APPS, "
    "'correo': s.EMAIL_BACKEND}))"
)


def _ajustes(**entorno) -> dict:
    limpio = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_ENV", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL")
    }
    salida = subprocess.run(
        [sys.executable, "-c", LEER],
        cwd=settings.BASE_DIR,
        env={**limpio, "DJANGO_SETTINGS_MODULE": "config.settings", **entorno},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(salida.strip().splitlines()[-1])


def test_el_piloto_desactiva_debug_con_clave_propia_y_sin_https():
    piloto = _ajustes(DJANGO_ENV="pilot")
    assert piloto["debug"] is False and piloto["ssl"] is False
    assert piloto["clave"] != settings.DEVELOPMENT_SECRET_KEY
    assert len(piloto["clave"]) >= 50
    assert piloto["clave"] == (settings.VAR_DIR / "clave_secreta").read_text().strip()
    assert {"127.0.0.1", "localhost", socket.gethostname()} <= set(piloto["hosts"])
    assert piloto["demo"] and piloto["correo"] == "comun.correo.CorreoEnArchivo"
    desarrollo = _ajustes()
    assert desarrollo["debug"] is True
    assert desarrollo["clave"] == settings.DEVELOPMENT_SECRET_KEY


@pytest.fixture
def urls_del_piloto(settings, tmp_path):
    import config.urls

    settings.DEBUG, settings.PILOT, settings.MEDIA_ROOT = False, True, tmp_path
    importlib.reload(config.urls)
    clear_url_caches()
    yield tmp_path
    settings.PILOT = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_el_piloto_sirve_las_imagenes_de_los_cursos_y_nada_mas_de_media(
    urls_del_piloto, client
):
    (urls_del_piloto / "original_images").mkdir()
    (urls_del_piloto / "original_images" / "mostrador.png").write_bytes(b"png")
    (urls_del_piloto / "evaluacion" / "pdf").mkdir(parents=True)
    (urls_del_piloto / "evaluacion" / "pdf" / "ev-1.pdf").write_bytes(b"%PDF")
    respuesta = client.get("/media/original_images/mostrador.png")
    assert respuesta.status_code == 200
    assert b"".join(respuesta.streaming_content) == b"png"
    assert client.get("/media/evaluacion/pdf/ev-1.pdf").status_code == 404
    assert (
        client.get("/media/original_images/../evaluacion/pdf/ev-1.pdf").status_code
        == 404
    )


# --- The embedded SQLite under concurrent use: WAL (readers never wait for the
# writer) and a bounded wait for the write lock. -------------------------------


@pytest.fixture
def cursor():
    if connection.vendor != "sqlite":
        pytest.skip("solo SQLite: PostgreSQL no tiene cerrojo de base de datos")
    with connection.cursor() as c:
        yield c


@pytest.mark.django_db
def test_un_escritor_espera_el_cerrojo_unos_segundos_y_no_mas(cursor):
    # Long enough for the longest write transaction (a chunk of a batch), short
    # enough that a stuck writer becomes an error instead of a hung page.
    cursor.execute("PRAGMA busy_timeout")
    assert 5000 <= cursor.fetchone()[0] <= 10000


@pytest.mark.django_db
def test_lectores_y_escritor_a_la_vez_en_modo_wal(cursor):
    cursor.execute("PRAGMA journal_mode")
    assert cursor.fetchone()[0] == "wal"
