"""The language of staff pages (comun.idioma, organizacion.views.cambiar_idioma):
the profile's over the browser's, only the staff languages, a selector that
works without JavaScript and saves the choice."""

import pytest
from django.conf import settings

from organizacion.models import Empleado
from tests.factories.organizacion import EmpleadoFactory

LOGIN = "/cuenta/login/"
SELECTOR = "/organizacion/idioma/"

pytestmark = pytest.mark.django_db


def _lang(respuesta) -> str:
    html = respuesta.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("navegador", ["en", "en-GB,en;q=0.9", "fr", "de-DE"])
def test_una_pagina_del_personal_no_se_anuncia_en_un_idioma_que_no_tiene(
    client, navegador
):
    """English exists for citizens only: a staff page labelled English would be
    Spanish (WCAG 3.1.1)."""
    respuesta = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=navegador)
    assert _lang(respuesta) == "es"
    assert respuesta["Content-Language"] == "es"


def test_ni_con_la_cookie_de_idioma_en_ingles(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _lang(client.get(LOGIN)) == "es"


@pytest.mark.parametrize("codigo", ["ca", "eu", "gl"])
def test_el_navegador_elige_entre_los_idiomas_del_personal(client, codigo):
    assert _lang(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=f"{codigo},es;q=0.5")) == codigo


def test_el_selector_solo_ofrece_los_idiomas_del_personal_con_su_lang(client):
    html = client.get(LOGIN).content.decode()
    assert f'action="{SELECTOR}"' in html and 'method="post"' in html
    for codigo in ("es", "ca", "eu", "gl"):
        assert f'value="{codigo}"' in html and f'lang="{codigo}"' in html
    assert 'value="en"' not in html
    assert '<label for="selector-idioma">' in html


def test_elegir_idioma_lo_guarda_en_el_perfil_y_vuelve_a_la_pagina(client):
    empleado = EmpleadoFactory()
    client.force_login(empleado.usuario)
    respuesta = client.post(SELECTOR, {"language": "gl", "next": "/inicio/?a=1"})
    assert respuesta.status_code == 302 and respuesta["Location"] == "/inicio/?a=1"
    assert respuesta.cookies[settings.LANGUAGE_COOKIE_NAME].value == "gl"
    assert Empleado.objects.get(pk=empleado.pk).idioma == "gl"
    assert _lang(client.get("/inicio/", HTTP_ACCEPT_LANGUAGE="ca")) == "gl"


def test_el_idioma_del_perfil_gana_al_del_navegador_al_entrar(client):
    empleado = EmpleadoFactory(idioma="eu")
    empleado.usuario.set_password("clave-larga-de-prueba-1")
    empleado.usuario.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ca"
    client.post(
        LOGIN,
        {"username": empleado.usuario.username, "password": "clave-larga-de-prueba-1"},
    )
    assert _lang(client.get("/inicio/", HTTP_ACCEPT_LANGUAGE="ca")) == "eu"


def test_sin_idioma_en_el_perfil_manda_el_navegador(client):
    empleado = EmpleadoFactory(idioma="")
    client.force_login(empleado.usuario)
    assert _lang(client.get("/inicio/", HTTP_ACCEPT_LANGUAGE="ca")) == "ca"


def test_sin_sesion_el_selector_solo_pone_la_cookie(client):
    respuesta = client.post(SELECTOR, {"language": "ca", "next": LOGIN})
    assert respuesta.status_code == 302 and respuesta["Location"] == LOGIN
    assert _lang(client.get(LOGIN)) == "ca"


@pytest.mark.parametrize(
    "datos",
    [{"language": "en"}, {"language": "xx"}, {"language": ""}, {}],
    ids=["ingles", "desconocido", "vacio", "sin-campo"],
)
def test_un_idioma_que_no_es_del_personal_es_400_y_no_cambia_nada(client, datos):
    empleado = EmpleadoFactory(idioma="ca")
    client.force_login(empleado.usuario)
    respuesta = client.post(SELECTOR, {**datos, "next": "/inicio/"})
    assert respuesta.status_code == 400
    assert Empleado.objects.get(pk=empleado.pk).idioma == "ca"
    assert settings.LANGUAGE_COOKIE_NAME not in respuesta.cookies


@pytest.mark.parametrize(
    "destino", ["https://otro.example/", "//otro.example/x", "javascript:alert(1)"]
)
def test_el_selector_no_redirige_fuera_del_sitio(client, destino):
    respuesta = client.post(SELECTOR, {"language": "gl", "next": destino})
    assert respuesta.status_code == 302 and respuesta["Location"] == "/"


@pytest.mark.parametrize("destino", ["NaN", "inicio", ""])
def test_un_destino_que_no_es_una_ruta_no_es_un_500(client, destino):
    """Found by the form fuzzer: "NaN" was reversed as a view name."""
    respuesta = client.post(SELECTOR, {"language": "gl", "next": destino})
    assert respuesta.status_code == 302
    assert respuesta["Location"] in (destino, "/")


def test_el_selector_solo_acepta_post(client):
    assert client.get(SELECTOR, {"language": "gl"}).status_code == 405
