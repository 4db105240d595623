"""config/acceso.py: the sign-in settings read from the environment."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from config.acceso import ROLES, configurar, mapa_de_roles
from organizacion.models import Rol

LDAP = {
    "ACCESO_LDAP_URI": "ldap://127.0.0.1:3389",
    "ACCESO_LDAP_USUARIOS_BASE": "ou=personas,dc=x",
    "ACCESO_LDAP_GRUPOS_BASE": "ou=grupos,dc=x",
}


@pytest.fixture
def entorno(monkeypatch):
    for nombre in [*LDAP, "ACCESO_OIDC_EMISOR", "ACCESO_LOCAL", "TOTP_OBLIGATORIO"]:
        monkeypatch.delenv(nombre, raising=False)

    def poner(**variables):
        for nombre, valor in variables.items():
            monkeypatch.setenv(nombre, valor)
        return configurar(environ.Env())

    return poner


def test_los_roles_son_los_del_modelo():
    # settings cannot import the models: the list is repeated and kept equal here.
    assert set(ROLES) == set(Rol.values)


def test_sin_variables_solo_contrasena_local(entorno):
    ajustes = entorno()
    assert ajustes["AUTHENTICATION_BACKENDS"] == [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    assert not ajustes["ACCESO_LDAP"] and not ajustes["ACCESO_OIDC"]
    assert ajustes["TOTP_OBLIGATORIO"] is False


def test_ldap_va_tras_axes_y_antes_de_la_contrasena_local(entorno):
    ajustes = entorno(**LDAP)
    assert ajustes["AUTHENTICATION_BACKENDS"] == [
        "axes.backends.AxesStandaloneBackend",
        "organizacion.directorio.DirectorioLDAPBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    assert ajustes["AUTH_LDAP_MIRROR_GROUPS"] is False


def test_sin_contrasena_local_queda_solo_el_directorio(entorno):
    ajustes = entorno(**LDAP, ACCESO_LOCAL="false")
    assert (
        "django.contrib.auth.backends.ModelBackend"
        not in (ajustes["AUTHENTICATION_BACKENDS"])
    )


def test_ldap_sin_bases_de_busqueda_no_arranca(entorno):
    with pytest.raises(ImproperlyConfigured, match="ACCESO_LDAP_USUARIOS_BASE"):
        entorno(ACCESO_LDAP_URI="ldap://127.0.0.1:3389")


def test_oidc_sin_sus_puntos_de_acceso_no_arranca(entorno):
    with pytest.raises(ImproperlyConfigured, match="ACCESO_OIDC_TOKEN_URL"):
        entorno(ACCESO_OIDC_EMISOR="https://sso.example")


def test_el_rol_va_tras_el_ultimo_igual_de_un_dn():
    assert mapa_de_roles(
        "cn=calidad,ou=grupos,dc=x=calidad; cn=jefes,dc=x=supervisor;", "V"
    ) == {"cn=calidad,ou=grupos,dc=x": "calidad", "cn=jefes,dc=x": "supervisor"}


@pytest.mark.parametrize("texto", ["cn=x,dc=y=jefa", "sinigual", "=calidad"])
def test_un_mapa_mal_escrito_se_explica(texto):
    with pytest.raises(ImproperlyConfigured, match="ACCESO_LDAP_GRUPOS_ROL"):
        mapa_de_roles(texto, "ACCESO_LDAP_GRUPOS_ROL")
