"""A citizen answers on a phone in Galician, and without JavaScript; the supervisor's
pages. With axe-core. The whole citizen journey (kiosk, online office) is in
test_recorrido_ciudadania.py."""

import pytest
from playwright.sync_api import expect

from encuestas import services
from encuestas.models import Alerta, Respuesta
from tests.factories import EmpleadoFactory, OficinaFactory, invitar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _definiciones_frescas():
    # The flush between transactional tests recreates the default surveys with new ids.
    services._CACHE_LINEAS.clear()
    from django.core.cache import cache

    cache.clear()
    yield


def _grupo(pagina, texto):
    return pagina.get_by_role("group", name=texto)


def _marcar(pagina, pregunta, valor):
    """Tap the visible box of an answer (the radio itself is visually hidden)."""
    _grupo(pagina, pregunta).locator(
        "label.opcion", has=pagina.locator(f'input[value="{valor}"]')
    ).click()


def test_ciudadana_responde_en_gallego_desde_el_movil(
    pagina_movil, live_server, comprobar_accesibilidad
):
    oficina = OficinaFactory(canales=["presencial"])
    jefa = EmpleadoFactory(oficina=oficina)
    oficina.responsable = jefa
    oficina.save()
    _, token = invitar(oficina)
    p = pagina_movil
    p.goto(f"{live_server.url}/e/{token}/")
    expect(p.get_by_role("heading", name="Valore la atención recibida")).to_be_visible()
    p.get_by_role("link", name="Galego").click()
    expect(p.get_by_role("heading", name="Valore a atención recibida")).to_be_visible()
    assert p.locator("html").get_attribute("lang") == "gl"
    comprobar_accesibilidad(p)
    _marcar(p, "Estou satisfeito/a coa atención recibida.", 4)
    _marcar(p, "O tempo que necesitei foi razoable.", 5)
    _marcar(p, "A Administración púxomo fácil", 6)
    p.get_by_label("Quere contarnos algo máis?").fill(
        "Moi ben atendida. O meu DNI é 12345678Z"
    )
    p.get_by_role("button", name="Enviar valoración").click()
    expect(p.get_by_role("heading", name="Grazas pola súa valoración")).to_be_visible()
    comprobar_accesibilidad(p)
    respuesta = Respuesta.objects.get()
    assert (
        respuesta.idioma == "gl"
        and respuesta.comentario == "Moi ben atendida. O meu DNI é [DNI]"
    )
    assert {v.codigo: v.valor for v in respuesta.valores.all()} == {
        "SAT": 4,
        "TIEMPO": 5,
        "FAC": 6,
    }
    # Opening the link again says it was answered.
    p.goto(f"{live_server.url}/e/{token}/?idioma=gl")
    expect(
        p.get_by_role("heading", name="Esta enquisa xa se respondeu")
    ).to_be_visible()
    comprobar_accesibilidad(p)


def test_puntuacion_baja_pide_contacto_sin_javascript(
    navegador, pagina_movil, live_server, comprobar_accesibilidad
):
    oficina = OficinaFactory(canales=["presencial"])
    # The second step checked by axe-core (axe itself needs JavaScript to run) …
    _, token = invitar(oficina)
    pagina_movil.goto(f"{live_server.url}/e/{token}/")
    _marcar(pagina_movil, "Estoy satisfecho/a con la atención recibida.", 1)
    pagina_movil.get_by_role("button", name="Enviar valoración").click()
    expect(
        pagina_movil.get_by_role(
            "heading", name="Sentimos que la atención no haya sido buena"
        )
    ).to_be_visible()
    comprobar_accesibilidad(pagina_movil)
    # … and the whole flow in a browser with JavaScript turned off.
    contexto = navegador.new_context(
        locale="es-ES",
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
    )
    p = contexto.new_page()
    p.set_default_timeout(15_000)
    _, token = invitar(oficina)
    p.goto(f"{live_server.url}/e/{token}/")
    _marcar(p, "Estoy satisfecho/a con la atención recibida.", 1)
    p.get_by_role("button", name="Enviar valoración").click()
    expect(
        p.get_by_role("heading", name="Sentimos que la atención no haya sido buena")
    ).to_be_visible()
    _grupo(p, "¿Desea que le contactemos sobre su valoración?").get_by_label(
        "Sí", exact=True
    ).check()
    p.get_by_label("Teléfono o correo electrónico").fill("611223344")
    p.get_by_role("button", name="Enviar valoración").click()
    expect(p.get_by_role("heading", name="Gracias por su valoración")).to_be_visible()
    assert Alerta.objects.get().contacto == "611223344"
    contexto.close()


def test_supervisora_ve_resultados_y_alertas_accesibles(
    pagina, live_server, entrar_como, comprobar_accesibilidad
):
    oficina = OficinaFactory(canales=["presencial"])
    jefa = EmpleadoFactory(oficina=oficina, usuario__roles=["empleado", "supervisor"])
    oficina.responsable = jefa
    oficina.save()
    for sat in ("5", "4", "1"):
        _, token = invitar(oficina)
        services.responder(
            token=token,
            datos={"SAT": sat, "CONTACTO": "1"},
            contacto="600000000",
            comentario="Todo <b>bien</b>",
        )
    entrar_como(pagina, jefa.usuario)
    pagina.goto(f"{live_server.url}/encuestas/")
    expect(
        pagina.get_by_role("heading", name="Resultados de las encuestas")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.goto(f"{live_server.url}/encuestas/comentarios/")
    expect(
        pagina.get_by_text("Todo <b>bien</b>").first
    ).to_be_visible()  # escaped, shown literally
    comprobar_accesibilidad(pagina)
    pagina.goto(f"{live_server.url}/encuestas/alertas/")
    pagina.get_by_role("link", name=oficina.nombre).first.click()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Nuevo estado").select_option("cerrada")
    pagina.get_by_role("button", name="Guardar").click()
    expect(pagina.get_by_text("Eliminado al cerrar la alerta")).to_be_visible()
