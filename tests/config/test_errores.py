"""The error pages the pilot and production show (DEBUG off): a citizen's in their
language and without staff navigation, staff's with the usual layout."""

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.factories import EmpleadoFactory, OficinaFactory, invitar
from tests.factories.organizacion import CONTRASENA

pytestmark = pytest.mark.django_db

SIN_NAVEGACION_DE_PERSONAL = ('class="menu"', "Cerrar sesión", "/cuenta/login/")


def _sin_navegacion(html: str) -> bool:
    return not any(marca in html for marca in SIN_NAVEGACION_DE_PERSONAL)


@pytest.fixture
def sin_depuracion(settings):
    settings.DEBUG = False
    return settings


@pytest.fixture
def personal(client):
    empleado = EmpleadoFactory()
    client.force_login(empleado.usuario)
    return client


def test_404_de_la_encuesta_en_el_idioma_pedido_y_sin_menu(sin_depuracion, personal):
    # Even a signed-in member of staff sees the citizen's page there.
    respuesta = personal.get("/e/NOEXISTE123/?idioma=en")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert '<html lang="en">' in html and "Page not found" in html
    assert "Página no encontrada" not in html
    assert _sin_navegacion(html)
    assert respuesta["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("ruta", "cabecera", "idioma", "titulo"),
    [
        ("/e/NOEXISTE123/", "eu-ES,eu;q=0.9", "eu", "Ez da orria aurkitu"),
        ("/quiosco/999999/", "gl", "gl", "Non se atopou a páxina"),
        ("/verificar/", "ca", "ca", None),  # exists: not an error page
        ("/e/NOEXISTE123/", "de-DE", "es", "Página no encontrada"),
    ],
)
def test_404_de_ciudadania_en_el_idioma_del_navegador(
    sin_depuracion, ruta, cabecera, idioma, titulo
):
    respuesta = Client(HTTP_ACCEPT_LANGUAGE=cabecera).get(ruta)
    if titulo is None:
        assert respuesta.status_code == 200
        return
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert f'<html lang="{idioma}">' in html and titulo in html
    assert _sin_navegacion(html)


def test_404_de_personal_con_su_menu(sin_depuracion, personal):
    respuesta = personal.get("/organizacion/no-existe-esto/")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert "Página no encontrada" in html and '<html lang="es">' in html
    assert 'class="menu"' in html and "Cerrar sesión" in html


@override_settings(ROOT_URLCONF="tests.config.urls_prueba")
def test_403_de_ciudadania_y_de_personal(sin_depuracion, personal):
    ciudadania = Client().get("/e/prueba/prohibe/?idioma=ca")
    assert ciudadania.status_code == 403
    html = ciudadania.content.decode()
    assert '<html lang="ca">' in html and "Accés no permès" in html
    assert _sin_navegacion(html)

    respuesta = personal.get("/organizacion/prueba/prohibe/")
    assert respuesta.status_code == 403
    html = respuesta.content.decode()
    assert "Acceso no permitido" in html and 'class="menu"' in html


@override_settings(ROOT_URLCONF="tests.config.urls_prueba")
def test_500_propia_de_ciudadania_y_de_personal(sin_depuracion, personal):
    anonimo = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    respuesta = anonimo.get("/e/prueba/falla/")
    assert respuesta.status_code == 500
    html = respuesta.content.decode()
    assert '<html lang="en">' in html and "Something went wrong" in html
    assert "Traceback" not in html and "fallo de prueba" not in html
    assert _sin_navegacion(html)

    personal.raise_request_exception = False
    respuesta = personal.get("/organizacion/prueba/falla/")
    assert respuesta.status_code == 500
    html = respuesta.content.decode()
    assert "Algo ha fallado" in html and "fallo de prueba" not in html


def test_429_de_la_encuesta_en_el_idioma_del_ciudadano(sin_depuracion):
    sin_depuracion.ENCUESTAS_IP_LIMITE = (1, 60)
    oficina = OficinaFactory(canales=["presencial"])
    _, token = invitar(oficina)
    cliente = Client()
    cliente.post(f"/e/{token}/?idioma=en", {"paso": "1", "idioma": "en", "SAT": "99"})
    respuesta = cliente.post(
        f"/e/{token}/?idioma=en", {"paso": "1", "idioma": "en", "SAT": "4"}
    )
    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert '<html lang="en">' in html and "Too many requests" in html
    assert "Demasiados" not in html
    assert _sin_navegacion(html)


def test_429_del_bloqueo_de_acceso_es_la_pagina_propia(sin_depuracion, client):
    empleado = EmpleadoFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        respuesta = client.post(
            "/cuenta/login/",
            {"username": empleado.usuario.username, "password": "mala"},
        )
    assert respuesta.status_code == 429
    html = respuesta.content.decode()
    assert "Cuenta bloqueada temporalmente" in html
    assert (
        client.post(
            "/cuenta/login/",
            {"username": empleado.usuario.username, "password": CONTRASENA},
        ).status_code
        == 429
    )
