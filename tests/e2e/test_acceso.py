import pytest
from playwright.sync_api import expect

from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "roles,texto",
    [
        (["empleado"], "Mi oficina"),
        (["empleado", "supervisor"], "Mi equipo"),
        (["empleado", "direccion"], "La organización en cifras"),
        (["empleado", "calidad"], "La organización en cifras"),
    ],
)
def test_cada_perfil_entra_y_ve_su_inicio_accesible(
    pagina, live_server, entrar_como, comprobar_accesibilidad, roles, texto
):
    empleado = EmpleadoFactory(usuario__roles=roles, oficina__nombre="OAC de Pruebas")
    pagina.goto(f"{live_server.url}/cuenta/login/")
    comprobar_accesibilidad(pagina)
    entrar_como(pagina, empleado.usuario)
    expect(pagina.get_by_role("heading", name=texto)).to_be_visible()
    assert "OAC de Pruebas" in pagina.content()
    comprobar_accesibilidad(pagina)


def test_calidad_activa_el_segundo_factor_y_entra_con_un_codigo_de_recuperacion(
    pagina, live_server, entrar_como, comprobar_accesibilidad, settings
):
    from base64 import b32decode

    from django_otp.oath import TOTP

    settings.TOTP_OBLIGATORIO = True
    empleado = EmpleadoFactory(usuario__roles=["empleado", "calidad"])
    entrar_como(pagina, empleado.usuario)
    expect(
        pagina.get_by_role("heading", name="Activar el segundo factor")
    ).to_be_visible()
    expect(pagina.locator("figure svg")).to_be_visible()
    comprobar_accesibilidad(pagina)

    clave = pagina.locator("figure code").inner_text()
    codigo = f"{TOTP(b32decode(clave)).token():06d}"
    pagina.get_by_label("Código", exact=True).fill(codigo)
    pagina.get_by_role("button", name="Activar").click()
    expect(
        pagina.get_by_role("heading", name="Segundo factor activado")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    recuperacion = pagina.locator(".codigos-recuperacion code").first.inner_text()
    pagina.get_by_role("link", name="Continuar").click()
    expect(
        pagina.get_by_role("heading", name="La organización en cifras")
    ).to_be_visible()

    pagina.get_by_role("button", name="Cerrar sesión").click()
    entrar_como(pagina, empleado.usuario)
    expect(pagina.get_by_role("heading", name="Compruebe que es usted")).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Código", exact=True).fill(recuperacion)
    pagina.get_by_role("button", name="Comprobar").click()
    expect(
        pagina.get_by_role("heading", name="La organización en cifras")
    ).to_be_visible()
