"""The accessibility statement in a browser without JavaScript: reached from the
footer, checked with axe, its form sent wrong (errors by each field) and right
(a reference number), and the quality team sees the communication."""

import re

import pytest
from playwright.sync_api import expect

from accesibilidad.models import Comunicacion
from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pagina_sin_js(navegador):
    contexto = navegador.new_context(
        locale="es-ES",
        java_script_enabled=False,
        viewport={"width": 1280, "height": 900},
    )
    page = contexto.new_page()
    page.set_default_timeout(15_000)
    yield page
    contexto.close()


def test_declaracion_accesible_y_sus_errores(
    live_server, pagina, comprobar_accesibilidad, settings
):
    settings.ACCESIBILIDAD_EMAIL = ""
    pagina.goto(f"{live_server.url}/accesibilidad/")
    expect(
        pagina.get_by_role("heading", name="Situación de cumplimiento")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Enviar").click()
    expect(pagina.get_by_role("alert")).to_be_visible()
    comprobar_accesibilidad(pagina)


def test_comunicacion_sin_javascript(live_server, pagina_sin_js, settings):
    settings.ACCESIBILIDAD_EMAIL = ""
    page = pagina_sin_js
    page.goto(f"{live_server.url}/e/privacidad/?idioma=gl")
    with page.expect_navigation():
        page.get_by_role("link", name="Declaración de accesibilidade").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Declaración de accesibilidade"
    )
    page.goto(f"{live_server.url}/accesibilidad/")
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar").click()
    expect(page.get_by_role("alert")).to_have_text(
        "No se ha enviado: revise los campos marcados."
    )
    expect(page.get_by_label("Descripción")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Queja por incumplimiento").check()
    page.get_by_label("Descripción").fill("El gráfico de resultados no tiene texto.")
    with page.expect_navigation():
        page.get_by_role("button", name="Enviar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comunicación recibida")
    comunicacion = Comunicacion.objects.get()
    expect(page.get_by_role("status")).to_contain_text(comunicacion.referencia)


def test_calidad_responde_una_comunicacion(
    live_server, pagina, entrar_como, comprobar_accesibilidad, settings
):
    settings.ACCESIBILIDAD_EMAIL = ""
    from accesibilidad import services

    comunicacion = services.registrar_comunicacion(
        tipo="solicitud", descripcion="El informe en texto accesible."
    )
    usuario = EmpleadoFactory(usuario__roles=["empleado", "calidad"]).usuario
    entrar_como(pagina, usuario)
    pagina.goto(f"{live_server.url}/accesibilidad/comunicaciones/")
    comprobar_accesibilidad(pagina)
    with pagina.expect_navigation():
        pagina.get_by_role("link", name=comunicacion.referencia).click()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Respuesta").fill("Se lo enviamos por correo.")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Responder y cerrar").click()
    expect(pagina.get_by_text(re.compile("Respondida el"))).to_be_visible()
    comunicacion.refresh_from_db()
    assert comunicacion.estado == Comunicacion.Estado.CERRADA
