"""Liveness and readiness: /health/live/ answers without touching a dependency;
/health/ready/ (and its old address /health/) names the part that fails."""

import time

import pytest
from django.db.utils import OperationalError

from config.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_caido(monkeypatch):
    """A real broker URL to a port where nothing listens (Celery reads the
    variable before its settings; monkeypatch restores it afterwards)."""
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    assert celery_app.conf.broker_write_url == "redis://127.0.0.1:9/0"


def test_ready_200_con_cada_componente(client):
    respuesta = client.get("/health/ready/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {
        "status": "ok",
        "database": {"ok": True, "detail": "ok"},
        "broker": {"ok": True, "detail": "ok"},
        "storage": {"ok": True, "detail": "ok"},
    }


@pytest.mark.parametrize("direccion", ["/health/ready/", "/health/"])
def test_broker_caido_da_503_y_senala_el_broker(client, broker_caido, direccion):
    inicio = time.monotonic()
    respuesta = client.get(direccion)
    assert time.monotonic() - inicio < 10
    assert respuesta.status_code == 503
    datos = respuesta.json()
    assert datos["status"] == "error"
    assert datos["broker"]["ok"] is False
    assert datos["broker"]["detail"] != "ok"
    assert datos["database"]["ok"] is True and datos["storage"]["ok"] is True


def test_almacenamiento_no_escribible_da_503(client, settings, tmp_path):
    # A regular file where the media folder should be: no directory can be made
    # under it, even as root (a read-only mode would not stop root).
    fichero = tmp_path / "no-es-una-carpeta"
    fichero.write_text("x")
    settings.MEDIA_ROOT = fichero / "media"
    respuesta = client.get("/health/ready/")
    assert respuesta.status_code == 503
    datos = respuesta.json()
    assert datos["storage"]["ok"] is False
    assert datos["database"]["ok"] is True and datos["broker"]["ok"] is True


def test_el_almacenamiento_no_queda_con_ficheros_de_prueba(client, settings):
    assert client.get("/health/ready/").status_code == 200
    carpeta = settings.MEDIA_ROOT / ".health"
    assert not carpeta.exists() or not any(carpeta.iterdir())


class _BdCaida:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_live_no_consulta_dependencias(client, monkeypatch, broker_caido):
    monkeypatch.setattr("config.health.connection", _BdCaida())
    respuesta = client.get("/health/live/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {"status": "ok"}
    # The same failures make the readiness probe say so.
    assert client.get("/health/ready/").status_code == 503


def test_las_sondas_solo_admiten_get_y_head(client):
    # Load balancers and monitors often probe with HEAD.
    for direccion in ("/health/live/", "/health/ready/"):
        assert client.post(direccion).status_code == 405
        respuesta = client.head(direccion)
        assert respuesta.status_code == 200 and respuesta.content == b""
