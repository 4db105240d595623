"""comun.enlaces: the one place that turns a path into a full public link."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from comun import enlaces
from comun.enlaces import (
    CABECERA_TAREA,
    EnlacesMiddleware,
    base_publica,
    con_base,
    enlace_absoluto,
    validar_site_url,
)


def _vista(request):
    return HttpResponse(enlace_absoluto("/e/abc/"))


@pytest.fixture
def sin_site_url(settings, monkeypatch):
    settings.SITE_URL = ""
    monkeypatch.delenv("PORT", raising=False)
    return settings


def test_peticion_por_otro_host_da_enlaces_con_ese_host(sin_site_url):
    sin_site_url.ALLOWED_HOSTS = ["ventanilla.local"]
    peticion = RequestFactory().get("/", HTTP_HOST="ventanilla.local:8123")
    respuesta = EnlacesMiddleware(_vista)(peticion)
    assert respuesta.content.decode() == "http://ventanilla.local:8123/e/abc/"
    # Once the request is served, the address is forgotten.
    assert base_publica() == "http://127.0.0.1:8000"


def test_peticion_https_da_enlaces_https(sin_site_url):
    peticion = RequestFactory().get("/", HTTP_HOST="localhost", secure=True)
    respuesta = EnlacesMiddleware(_vista)(peticion)
    assert respuesta.content.decode() == "https://localhost/e/abc/"


def test_un_host_no_permitido_no_entra_en_los_enlaces(sin_site_url):
    peticion = RequestFactory().get("/", HTTP_HOST="malo.example.com")
    respuesta = EnlacesMiddleware(_vista)(peticion)
    assert respuesta.content.decode() == "http://127.0.0.1:8000/e/abc/"


def test_fuera_de_peticion_usa_el_puerto_del_entorno(sin_site_url, monkeypatch):
    monkeypatch.setenv("PORT", "8765")
    assert enlace_absoluto("/x/") == "http://127.0.0.1:8765/x/"


def test_site_url_fijada_manda_sobre_la_peticion_y_el_puerto(settings, monkeypatch):
    settings.SITE_URL = "https://ventanilla.example.es/"
    monkeypatch.setenv("PORT", "8765")
    peticion = RequestFactory().get("/", HTTP_HOST="localhost:9000")
    respuesta = EnlacesMiddleware(_vista)(peticion)
    assert respuesta.content.decode() == "https://ventanilla.example.es/e/abc/"
    assert enlace_absoluto("/x/") == "https://ventanilla.example.es/x/"


def test_una_ruta_relativa_es_un_error_de_programacion():
    with pytest.raises(ValueError):
        enlace_absoluto("e/abc/")


class _Peticion:
    pass


class _Tarea:
    def __init__(self, cabeceras):
        self.request = _Peticion()
        for nombre, valor in cabeceras.items():
            setattr(self.request, nombre, valor)


def test_la_direccion_de_la_peticion_viaja_con_la_tarea(sin_site_url):
    cabeceras = {}
    with con_base("http://localhost:8123"):
        enlaces.al_publicar_tarea(headers=cabeceras)
    assert cabeceras == {CABECERA_TAREA: "http://localhost:8123"}
    tarea = _Tarea(cabeceras)
    enlaces.antes_de_la_tarea(task_id="t1", task=tarea)
    try:
        assert enlace_absoluto("/x/") == "http://localhost:8123/x/"
    finally:
        enlaces.despues_de_la_tarea(task_id="t1", task=tarea)
    assert enlace_absoluto("/x/") == "http://127.0.0.1:8000/x/"


def test_tarea_sin_peticion_no_lleva_cabecera(sin_site_url):
    cabeceras = {}
    enlaces.al_publicar_tarea(headers=cabeceras)
    assert cabeceras == {}


def test_las_senales_de_celery_estan_conectadas(sin_site_url):
    from celery import signals

    import config.celery  # noqa: F401  (connects them)

    cabeceras = {}
    with con_base("http://localhost:8123"):
        signals.before_task_publish.send(sender="t", headers=cabeceras, body=None)
    tarea = _Tarea(cabeceras)
    signals.task_prerun.send(sender=tarea, task_id="t2", task=tarea, args=(), kwargs={})
    assert enlace_absoluto("/x/") == "http://localhost:8123/x/"
    signals.task_postrun.send(
        sender=tarea, task_id="t2", task=tarea, args=(), kwargs={}
    )
    assert enlace_absoluto("/x/") == "http://127.0.0.1:8000/x/"


@pytest.mark.parametrize(
    "url, hosts, errores",
    [
        ("https://ventanilla.example.es", ["ventanilla.example.es"], 0),
        ("http://10.0.0.5:8080/", ["10.0.0.5"], 0),
        ("https://sub.example.es", [".example.es"], 0),
        ("http://[::1]:8000", ["[::1]"], 0),
        ("ventanilla.example.es", ["ventanilla.example.es"], 1),
        ("https://ventanilla.example.es/app", ["ventanilla.example.es"], 1),
        ("https://ventanilla.example.es#x", ["ventanilla.example.es"], 1),
        ("https://ventanilla.example.es", ["otra.example.es"], 1),
        ("https://ventanilla.example.es", [], 1),
    ],
)
def test_validar_site_url(url, hosts, errores):
    assert len(validar_site_url(url, hosts)) == errores
