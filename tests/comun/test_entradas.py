"""The edges: control characters answered with a clear 4xx (400 page for the
site, 422 JSON for the API), the API's JSON for a wrong method or address, and
the username django-axes stores cut to size."""

import pytest
from django.test import RequestFactory
from pydantic import ValidationError

from comun import entradas
from tests.comun.test_errores_api import comprobar_error
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("texto", "en_linea", "esperado"),
    [
        ("hola", False, False),
        ("línea 1\nlínea 2\r\n\tsangrada", False, False),
        ("línea 1\nlínea 2", True, True),
        ("a\x00b", False, True),
        ("\x0b", False, True),
        ("\x1f", False, True),
        ("\ud800", False, True),
        ("\x7f ñ € 😀", True, False),
    ],
)
def test_tiene_control(texto, en_linea, esperado):
    assert entradas.tiene_control(texto, en_linea=en_linea) is esperado


def test_quitar_control_deja_tabuladores_y_saltos():
    assert entradas.quitar_control("a\x00b\x0bc\td\ne\x1b") == "abc\td\ne"


class _Filtro(entradas.EsquemaEntrada):
    texto: str | None = None
    lista: list[str] = []
    numero: int = 0


@pytest.mark.parametrize(
    "datos",
    [{"texto": "a\x00"}, {"texto": "a\nb"}, {"lista": ["ok", "\ud800"]}],
)
def test_esquema_rechaza_caracteres_de_control(datos):
    with pytest.raises(ValidationError) as exc:
        _Filtro(**datos)
    assert "caracteres de control" in str(exc.value)


def test_esquema_acepta_texto_normal():
    assert _Filtro(texto="Oficina «Centro» ñ", lista=["x"], numero=3).texto


@pytest.mark.parametrize(
    "ruta",
    [
        "/inicio/?q=a%00b",
        "/inicio/?a%01=1",
        "/inicio%00/",
        "/organizacion/%1b/",
    ],
)
def test_control_en_la_direccion_es_un_400_con_la_pagina_de_error(client, ruta):
    client.force_login(EmpleadoFactory().usuario)
    respuesta = client.get(ruta)
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Petición no válida" in html and "caracteres que no se admiten" in html


def test_control_en_un_formulario_es_un_400_antes_de_la_vista(client):
    usuario = EmpleadoFactory().usuario
    client.force_login(usuario)
    respuesta = client.post(
        "/cuenta/password_change/",
        {"old_password": "x\x00", "new_password1": "a", "new_password2": "a"},
    )
    assert respuesta.status_code == 400
    assert "Petición no válida" in respuesta.content.decode()


@pytest.mark.parametrize("ruta", ["/cuenta/login/", "/admin/login/", "/cms/login/"])
def test_el_login_con_nul_es_un_400(client, ruta):
    respuesta = client.post(ruta, {"username": "ana\x00", "password": "x"})
    assert respuesta.status_code == 400


def test_la_api_responde_json_a_un_metodo_no_admitido(client):
    respuesta = client.delete("/api/v1/resultados")
    error = comprobar_error(respuesta, 405)
    assert "DELETE" in error["mensaje"]
    assert respuesta["Allow"] == "GET"


@pytest.mark.parametrize("ruta", ["/api/v2/resultados", "/api/", "/api/v1/%00"])
def test_una_direccion_desconocida_de_la_api_es_un_404_json(client, ruta):
    comprobar_error(client.get(ruta), 404)


def test_usuario_para_axes_recorta_y_quita_control():
    peticion = RequestFactory().post("/", {"username": "x" * 300})
    assert entradas.usuario_para_axes(peticion) == "x" * 150
    assert entradas.usuario_para_axes(peticion, {"username": "a\x00b"}) == "ab"
    assert entradas.usuario_para_axes(RequestFactory().post("/", {})) is None
