"""organizacion/services/acceso.py: the user behind a directory identity, the
roles its groups give, enrolling an authenticator."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organizacion.services.acceso import (
    AccesoRechazado,
    confirmar_alta_totp,
    iniciar_alta_totp,
    sincronizar_roles,
    usuario_del_directorio,
)
from tests.factories import EmpleadoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


def roles(usuario):
    return set(usuario.groups.values_list("name", flat=True))


def test_la_identidad_es_el_usuario_de_la_ficha_con_ese_identificador():
    ficha = EmpleadoFactory(identificador="A-7")
    assert (
        usuario_del_directorio(identificador=" A-7 ", username="otro") == ficha.usuario
    )


@pytest.mark.parametrize("identificador", ["", "NO-EXISTE"])
def test_sin_ficha_se_rechaza(identificador):
    EmpleadoFactory(identificador="A-7")
    with pytest.raises(AccesoRechazado, match="plantilla"):
        usuario_del_directorio(identificador=identificador, username="x")
    assert not get_user_model().objects.filter(username="x").exists()


def test_sin_exigir_ficha_se_crea_sin_contrasena_local():
    usuario = usuario_del_directorio(
        identificador="NO-EXISTE", username="externa", exigir_empleado=False
    )
    assert usuario.username == "externa" and not usuario.has_usable_password()


def test_sincronizar_toca_solo_los_roles_gestionados():
    usuario = UsuarioFactory(roles=["empleado", "calidad", "dpd"])
    sincronizar_roles(
        usuario=usuario,
        roles={"empleado", "supervisor"},
        gestionados={"empleado", "calidad", "supervisor"},
    )
    assert roles(usuario) == {"empleado", "supervisor", "dpd"}


def test_alta_totp_se_confirma_con_un_codigo_y_da_diez_codigos_de_recuperacion():
    usuario = UsuarioFactory()
    dispositivo = iniciar_alta_totp(usuario=usuario)
    assert iniciar_alta_totp(usuario=usuario) == dispositivo
    token = TOTP(dispositivo.bin_key).token()
    codigos = confirmar_alta_totp(dispositivo=dispositivo, codigo=f"{token:06d}")
    assert len(set(codigos)) == 10
    assert set(
        StaticToken.objects.filter(device__user=usuario).values_list("token", flat=True)
    ) == set(codigos)
    assert TOTPDevice.objects.get(user=usuario).confirmed


def test_alta_totp_con_codigo_equivocado_no_confirma():
    dispositivo = iniciar_alta_totp(usuario=UsuarioFactory())
    otro = (TOTP(dispositivo.bin_key).token() + 1) % 10**6
    assert confirmar_alta_totp(dispositivo=dispositivo, codigo=f"{otro:06d}") is None
    dispositivo.refresh_from_db()
    assert not dispositivo.confirmed
