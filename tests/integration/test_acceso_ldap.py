"""Signing in against a real OpenLDAP server (slapd, started by the tests):
bind with the directory's password, roles from its groups, the user of the
imported Empleado found by identifier."""

import shutil
import uuid

import environ
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from config.acceso import configurar
from tests.factories import EmpleadoFactory, UsuarioFactory
from tests.factories.organizacion import CONTRASENA
from tests.integration import slapd as servidor

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LOGIN = "/cuenta/login/"


@pytest.fixture(scope="module")
def slapd(tmp_path_factory):
    if not shutil.which(servidor.SLAPD):
        pytest.skip("slapd no está instalado (apt-get install slapd ldap-utils)")
    proceso = servidor.arrancar(tmp_path_factory.mktemp("slapd"))
    yield proceso
    proceso.parar()


@pytest.fixture
def directorio(slapd, settings, monkeypatch):
    """The sign-in configured for this directory, as an administration would."""
    variables = {
        "ACCESO_LDAP_URI": slapd.uri,
        "ACCESO_LDAP_BIND_DN": servidor.ADMIN_DN,
        "ACCESO_LDAP_BIND_PASSWORD": servidor.ADMIN_CLAVE,
        "ACCESO_LDAP_USUARIOS_BASE": servidor.USUARIOS,
        "ACCESO_LDAP_GRUPOS_BASE": servidor.GRUPOS,
        "ACCESO_LDAP_GRUPOS_ROL": ";".join(
            [
                f"cn=todos,{servidor.GRUPOS}=empleado",
                f"cn=jefaturas,{servidor.GRUPOS}=supervisor",
                f"CN=Calidad,{servidor.GRUPOS}=calidad",
            ]
        ),
        # Attribute names are case-insensitive in LDAP, as an administrator may write.
        "ACCESO_LDAP_ATRIBUTO_IDENTIFICADOR": "employeenumber",
        "ACCESO_OIDC_EMISOR": "",
        "ACCESO_LOCAL": "true",
        "ACCESO_EXIGIR_EMPLEADO": "true",
    }
    for nombre, valor in variables.items():
        monkeypatch.setenv(nombre, valor)
    for nombre, valor in configurar(environ.Env()).items():
        setattr(settings, nombre, valor)
    return slapd


@pytest.fixture
def grupo_restaurado(slapd):
    """A test that empties a group puts its member back for the next one."""
    quitados = []

    def quitar(cn, uid):
        slapd.quitar_de_grupo(cn, uid)
        quitados.append((cn, uid))

    yield quitar
    for cn, uid in quitados:
        slapd.anadir_a_grupo(cn, uid)


def entrar(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def roles(usuario) -> set[str]:
    return set(usuario.groups.values_list("name", flat=True))


def test_entra_con_la_clave_del_directorio_como_el_usuario_de_su_ficha(
    client, directorio
):
    ficha = EmpleadoFactory(identificador="E-001", usuario__username="e001")
    respuesta = entrar(client, "ana", "clave-de-ana")
    assert respuesta.status_code == 302
    assert respuesta["Location"] == reverse("inicio")
    assert client.session["_auth_user_id"] == str(ficha.usuario.pk)
    ficha.usuario.refresh_from_db()
    assert ficha.usuario.username == "e001"
    assert (ficha.usuario.first_name, ficha.usuario.email) == (
        "Ana",
        "ana@ventanilla.test",
    )
    assert roles(ficha.usuario) == {"empleado", "supervisor", "calidad"}
    assert not get_user_model().objects.filter(username="ana").exists()


def test_clave_equivocada_no_entra_ni_toca_los_roles(client, directorio):
    ficha = EmpleadoFactory(identificador="E-001")
    respuesta = entrar(client, "ana", "clave-de-luis")
    assert respuesta.status_code == 200
    assert "_auth_user_id" not in client.session
    assert roles(ficha.usuario) == {"empleado"}


def test_sin_ficha_en_la_plantilla_no_entra_y_se_le_dice_por_que(client, directorio):
    respuesta = entrar(client, "sinficha", "clave-sin-ficha")
    assert respuesta.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "no corresponde a nadie de la plantilla" in respuesta.content.decode()
    assert "E-999" in respuesta.content.decode()
    assert not get_user_model().objects.filter(username="sinficha").exists()


def test_sin_exigir_ficha_se_crea_un_usuario_sin_clave_local(
    client, directorio, settings
):
    settings.ACCESO_EXIGIR_EMPLEADO = False
    respuesta = entrar(client, "sinficha", "clave-sin-ficha")
    assert respuesta.status_code == 302
    usuario = get_user_model().objects.get(username="sinficha")
    assert not usuario.has_usable_password()
    assert roles(usuario) == {"empleado"}


def test_quien_sale_de_un_grupo_pierde_su_rol_en_la_siguiente_entrada(
    client, directorio, grupo_restaurado
):
    ficha = EmpleadoFactory(identificador="E-001")
    ficha.usuario.groups.add(Group.objects.get(name="dpd"))  # given by hand
    assert entrar(client, "ana", "clave-de-ana").status_code == 302
    assert roles(ficha.usuario) == {"empleado", "supervisor", "calidad", "dpd"}
    client.post(reverse("logout"))

    grupo_restaurado("calidad", "ana")
    assert entrar(client, "ana", "clave-de-ana").status_code == 302
    assert roles(ficha.usuario) == {"empleado", "supervisor", "dpd"}


def test_de_baja_no_entra(client, directorio):
    EmpleadoFactory(
        identificador="E-002", fecha_alta="2019-01-01", fecha_baja="2020-01-01"
    )
    respuesta = entrar(client, "luis", "clave-de-luis")
    assert respuesta.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "consta de baja" in respuesta.content.decode()


def test_la_clave_local_sigue_valiendo_con_el_directorio_activo(client, directorio):
    local = UsuarioFactory(username=f"local-{uuid.uuid4().hex[:6]}", roles=["calidad"])
    assert entrar(client, local.username, CONTRASENA).status_code == 302
    assert client.session["_auth_user_id"] == str(local.pk)


def test_directorio_caido_no_da_500(client, directorio, settings):
    settings.AUTH_LDAP_SERVER_URI = "ldap://127.0.0.1:9"
    EmpleadoFactory(identificador="E-001")
    respuesta = entrar(client, "ana", "clave-de-ana")
    assert respuesta.status_code == 200
    assert "_auth_user_id" not in client.session
