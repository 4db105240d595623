"""Signing in with OpenID Connect against a live provider (django-oauth-toolkit
in a second process): the whole authorization-code flow with PKCE, the
Empleado found by the staff-number claim, roles from the groups claim."""

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import environ
import pytest
import requests
from django.conf import settings as ajustes_django
from django.contrib.auth import get_user_model
from django.urls import reverse

from config.acceso import configurar
from tests.factories import EmpleadoFactory
from tests.integration.proveedor_oidc.usuarios import CLIENTE_ID, CLIENTE_SECRETO

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CALLBACK = "http://testserver/cuenta/oidc/callback/"


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def proveedor(tmp_path_factory):
    carpeta = tmp_path_factory.mktemp("proveedor_oidc")
    puerto = _puerto_libre()
    entorno = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    entorno["PROVEEDOR_OIDC_BD"] = str(carpeta / "bd.sqlite3")
    proceso = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.integration.proveedor_oidc.servir",
            str(puerto),
            CALLBACK,
        ],
        cwd=Path(ajustes_django.BASE_DIR),
        env=entorno,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    linea = proceso.stdout.readline()
    if linea.strip() != "listo":
        proceso.kill()
        pytest.fail(f"El proveedor OIDC no arrancó: {proceso.stderr.read()}")
    yield f"http://127.0.0.1:{puerto}"
    proceso.terminate()
    proceso.wait(timeout=10)


@pytest.fixture
def oidc(proveedor, settings, monkeypatch):
    """Ventanilla configured for this provider, as an administration would."""
    variables = {
        "ACCESO_LDAP_URI": "",
        "ACCESO_OIDC_EMISOR": f"{proveedor}/o",
        "ACCESO_OIDC_CLIENTE_ID": CLIENTE_ID,
        "ACCESO_OIDC_CLIENTE_SECRETO": CLIENTE_SECRETO,
        "ACCESO_OIDC_AUTORIZACION_URL": f"{proveedor}/o/authorize/",
        "ACCESO_OIDC_TOKEN_URL": f"{proveedor}/o/token/",
        "ACCESO_OIDC_USUARIO_URL": f"{proveedor}/o/userinfo/",
        "ACCESO_OIDC_JWKS_URL": f"{proveedor}/o/.well-known/jwks.json",
        "ACCESO_OIDC_GRUPOS_ROL": "ventanilla-personal=empleado;"
        "ventanilla-calidad=calidad;ventanilla-direccion=direccion",
        "ACCESO_EXIGIR_EMPLEADO": "true",
    }
    for nombre, valor in variables.items():
        monkeypatch.setenv(nombre, valor)
    for nombre, valor in configurar(environ.Env()).items():
        setattr(settings, nombre, valor)
    settings.ROOT_URLCONF = "tests.integration.urls_oidc"
    return proveedor


def vuelta_del_proveedor(client, proveedor, username, clave) -> str:
    """The browser's trip: Ventanilla → provider login → authorize; returns the
    callback address (path and query) the provider sends the browser back to."""
    respuesta = client.get("/cuenta/oidc/authenticate/?next=/inicio/")
    assert respuesta.status_code == 302
    autorizar = respuesta["Location"]
    assert autorizar.startswith(f"{proveedor}/o/authorize/")
    assert "code_challenge=" in autorizar

    navegador = requests.Session()
    respuesta = navegador.get(autorizar, allow_redirects=False, timeout=10)
    entrar = urljoin(proveedor, respuesta.headers["Location"])
    formulario = navegador.get(entrar, timeout=10).text
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', formulario)[1]
    respuesta = navegador.post(
        entrar,
        data={
            "csrfmiddlewaretoken": csrf,
            "username": username,
            "password": clave,
            "next": parse_qs(urlparse(entrar).query)["next"][0],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert respuesta.status_code == 302, "el proveedor no aceptó la clave"
    respuesta = navegador.get(
        urljoin(proveedor, respuesta.headers["Location"]),
        allow_redirects=False,
        timeout=10,
    )
    vuelta = urlparse(respuesta.headers["Location"])
    assert f"{vuelta.scheme}://{vuelta.netloc}{vuelta.path}" == CALLBACK
    return f"{vuelta.path}?{vuelta.query}"


def recorrer(client, proveedor, username, clave):
    return client.get(vuelta_del_proveedor(client, proveedor, username, clave))


def roles(usuario) -> set[str]:
    return set(usuario.groups.values_list("name", flat=True))


def test_la_pagina_de_entrada_ofrece_la_cuenta_corporativa(client, oidc):
    pagina = client.get(reverse("login")).content.decode()
    assert "Entrar con la cuenta corporativa" in pagina
    assert 'href="/cuenta/oidc/authenticate/' in pagina


def test_entra_con_el_proveedor_como_el_usuario_de_su_ficha_y_con_sus_roles(
    client, oidc
):
    ficha = EmpleadoFactory(identificador="E-001", usuario__username="e001")
    respuesta = recorrer(client, oidc, "ana", "clave-de-ana")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/inicio/"
    assert client.session["_auth_user_id"] == str(ficha.usuario.pk)
    ficha.usuario.refresh_from_db()
    assert (ficha.usuario.first_name, ficha.usuario.last_name) == ("Ana", "Ruiz")
    assert roles(ficha.usuario) == {"empleado", "calidad"}
    assert client.get("/inicio/").status_code == 200


def test_un_rol_que_el_proveedor_ya_no_da_se_retira(client, oidc):
    ficha = EmpleadoFactory(
        identificador="E-002", usuario__roles=["empleado", "calidad"]
    )
    assert recorrer(client, oidc, "luis", "clave-de-luis").status_code == 302
    assert roles(ficha.usuario) == {"empleado", "direccion"}


def test_sin_ficha_vuelve_al_login_con_el_motivo(client, oidc):
    respuesta = recorrer(client, oidc, "sinficha", "clave-sin-ficha")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == "/cuenta/login/"
    assert "_auth_user_id" not in client.session
    pagina = client.get("/cuenta/login/").content.decode()
    assert "no corresponde a nadie de la plantilla" in pagina
    assert not get_user_model().objects.filter(username="sinficha").exists()


def test_la_vuelta_del_proveedor_no_vale_dos_veces(client, oidc):
    EmpleadoFactory(identificador="E-001")
    vuelta = vuelta_del_proveedor(client, oidc, "ana", "clave-de-ana")
    assert client.get(vuelta).status_code == 302
    assert "_auth_user_id" in client.session
    client.post(reverse("logout"))
    respuesta = client.get(vuelta)
    assert respuesta.status_code in (302, 400)
    assert "_auth_user_id" not in client.session


def test_una_vuelta_inventada_se_rechaza_sin_500(client, oidc):
    client.get("/cuenta/oidc/authenticate/?next=/inicio/")
    respuesta = client.get("/cuenta/oidc/callback/?code=inventado&state=inventado")
    assert respuesta.status_code in (302, 400)
    assert "_auth_user_id" not in client.session
