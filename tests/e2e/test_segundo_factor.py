"""The TOTP second factor in the browser, switched on voluntarily (TOTP_OBLIGATORIO
off): reached from the home page, the QR page, a code computed from the stored
secret, the recovery codes, signing in again with a code and with a recovery code,
which serves once. With axe on every page. The obligatory case is in test_acceso.py."""

from base64 import b32encode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# django-otp waits 2^(n-1) s after n failures on a device before it checks again.
ESPERA_TRAS_FALLO_MS = 1_500


def _codigo(dispositivo: TOTPDevice, siguiente: bool = False) -> str:
    """What the authenticator app shows, from the secret the server stored (hex,
    django-otp's `key`). `siguiente`: the next 30-second step, which the server
    accepts too (tolerance 1), since a step's code serves only once."""
    dispositivo.refresh_from_db()
    totp = TOTP(dispositivo.bin_key, dispositivo.step, dispositivo.t0, 6)
    totp.drift = 1 if siguiente else 0
    return f"{totp.token():06d}"


def _escribir(pagina, codigo: str, boton: str):
    pagina.get_by_label("Código", exact=True).fill(codigo)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name=boton).click()


def _salir(pagina):
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Cerrar sesión").click()
    expect(pagina.get_by_role("button", name="Entrar")).to_be_visible()


@pytest.mark.parametrize("rol", ["direccion", "calidad"])
def test_activa_el_segundo_factor_desde_el_inicio_y_entra_con_codigo_y_recuperacion(
    pagina, live_server, entrar_como, comprobar_accesibilidad, settings, rol
):
    settings.TOTP_OBLIGATORIO = False
    usuario = EmpleadoFactory(usuario__roles=["empleado", rol]).usuario
    entrar_como(pagina, usuario)
    expect(
        pagina.get_by_role("heading", name="La organización en cifras")
    ).to_be_visible()

    # Voluntary: the home page leads to it.
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Activar el segundo factor").click()
    expect(
        pagina.get_by_role("heading", name="Activar el segundo factor")
    ).to_be_visible()
    expect(pagina.locator("figure svg")).to_be_visible()
    comprobar_accesibilidad(pagina)
    dispositivo = TOTPDevice.objects.get(user=usuario, confirmed=False)
    # The key shown for typing is the stored secret.
    assert (
        pagina.locator("figure code").inner_text()
        == b32encode(dispositivo.bin_key).decode()
    )

    _escribir(pagina, "12-34", "Activar")
    expect(pagina.get_by_role("alert")).to_contain_text("solo tiene letras y cifras")
    comprobar_accesibilidad(pagina)
    _escribir(pagina, _codigo(dispositivo), "Activar")
    expect(
        pagina.get_by_role("heading", name="Segundo factor activado")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    codigos = pagina.locator(".codigos-recuperacion code").all_inner_texts()
    assert len(codigos) == 10 and len(set(codigos)) == 10
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Continuar").click()
    expect(
        pagina.get_by_role("heading", name="La organización en cifras")
    ).to_be_visible()
    expect(
        pagina.get_by_role("link", name="Cambiar la aplicación de autenticación")
    ).to_be_visible()
    _salir(pagina)

    # Next sign-in: nothing opens before the code, and it goes on where it was going.
    entrar_como(pagina, usuario)
    expect(pagina.get_by_role("heading", name="Compruebe que es usted")).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.goto(f"{live_server.url}/organizacion/oficinas/")
    expect(pagina.get_by_role("heading", name="Compruebe que es usted")).to_be_visible()
    _escribir(pagina, _codigo(dispositivo, siguiente=True), "Comprobar")
    assert pagina.url.endswith("/organizacion/oficinas/")
    _salir(pagina)

    # A recovery code instead of the app's: once.
    entrar_como(pagina, usuario)
    _escribir(pagina, codigos[0], "Comprobar")
    expect(
        pagina.get_by_role("heading", name="La organización en cifras")
    ).to_be_visible()
    _salir(pagina)
    entrar_como(pagina, usuario)
    _escribir(pagina, codigos[0], "Comprobar")
    expect(pagina.get_by_role("alert")).to_contain_text(
        "El código no es correcto o ya se usó."
    )
    expect(pagina.get_by_role("heading", name="Compruebe que es usted")).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.goto(f"{live_server.url}/inicio/")
    expect(pagina.get_by_role("heading", name="Compruebe que es usted")).to_be_visible()
    pagina.wait_for_timeout(ESPERA_TRAS_FALLO_MS)
    _escribir(pagina, codigos[1], "Comprobar")
    expect(
        pagina.get_by_role("heading", name="La organización en cifras")
    ).to_be_visible()


def test_quien_no_lo_tiene_activado_no_ve_que_deba_cambiarlo(
    pagina, live_server, entrar_como, settings
):
    settings.TOTP_OBLIGATORIO = False
    empleado = EmpleadoFactory()
    entrar_como(pagina, empleado.usuario)
    expect(pagina.get_by_role("link", name="Activar el segundo factor")).to_be_visible()
    expect(
        pagina.get_by_role("link", name="Cambiar la aplicación de autenticación")
    ).to_have_count(0)
