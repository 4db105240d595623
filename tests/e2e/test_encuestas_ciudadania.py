"""A citizen answers on a phone in Galician; the kiosk; the supervisor's pages. With axe-core."""

import time

import pytest
from playwright.sync_api import expect

from encuestas import sede, services
from encuestas.models import Alerta, Atencion, Invitacion, Respuesta
from organizacion.models import Canal
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


def test_desde_la_sede_enlace_firmado_portada_valorar_encuesta_y_gracias(
    pagina_movil, live_server, comprobar_accesibilidad, settings
):
    oficina = OficinaFactory(canales=["telematico"])
    integracion, _clave = services.crear_integracion(
        nombre="Sede", oficinas=[oficina], canales=Canal.objects.all()
    )
    ruta = sede.enlace(
        integracion=integracion,
        oficina=oficina.codigo_dir3,
        resultado="resuelta",
        ref="exp0001",
        exp=int(time.time()) + 3600,
    ).removeprefix(settings.SITE_URL.rstrip("/"))
    p = pagina_movil
    p.goto(live_server.url + ruta)
    expect(p.get_by_role("heading", name="Valore la atención recibida")).to_be_visible()
    comprobar_accesibilidad(p)
    assert Atencion.objects.count() == 0  # opening the link wrote nothing
    p.get_by_role("link", name="English").click()  # keeps the signature
    p.get_by_role("button", name="Rate").click()
    expect(
        p.get_by_role("heading", name="Rate the service you received")
    ).to_be_visible()
    assert "/e/sede/" not in p.url
    _marcar(p, "I am satisfied with the service I received.", 5)
    p.get_by_role("button", name="Send rating").click()
    expect(p.get_by_role("heading", name="Thank you for your rating")).to_be_visible()
    comprobar_accesibilidad(p)
    atencion = Atencion.objects.get()
    # Answered: one response, and the event no longer leads to it (anonymity).
    assert atencion.referencia_externa == "exp0001" and atencion.invitada
    assert Respuesta.objects.count() == 1
    assert not Invitacion.objects.filter(atencion=atencion).exists()
    # The same procedure's link again: answered, nothing new.
    p.goto(live_server.url + ruta)
    p.get_by_role("button", name="Valorar").click()
    expect(
        p.get_by_role("heading", name="Esta encuesta ya se ha respondido")
    ).to_be_visible()
    assert Respuesta.objects.count() == 1


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
        "Sí"
    ).check()
    p.get_by_label("Teléfono o correo electrónico").fill("611223344")
    p.get_by_role("button", name="Enviar valoración").click()
    expect(p.get_by_role("heading", name="Gracias por su valoración")).to_be_visible()
    assert Alerta.objects.get().contacto == "611223344"
    contexto.close()


def test_quiosco_cuatro_caras_y_seguimiento(
    pagina, live_server, comprobar_accesibilidad
):
    oficina = OficinaFactory(canales=["presencial"])
    kiosco, secreto = services.crear_kiosco(
        oficina=oficina,
        canal=Canal.objects.get(codigo="presencial"),
        nombre="Tableta de salida",
    )
    pagina.goto(f"{live_server.url}/quiosco/{kiosco.pk}/registrar/?s={secreto}")
    pagina.get_by_role("button", name="Registrar").click()
    expect(
        pagina.get_by_role("heading", name="¿Cómo le hemos atendido hoy?")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("button", name="Mal", exact=True).click()
    expect(
        pagina.get_by_role("heading", name="¿Qué podríamos mejorar?")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("button", name="Tiempo de espera").click()
    expect(
        pagina.get_by_role("heading", name="Gracias por su valoración")
    ).to_be_visible()
    # Back to the start on its own (meta refresh, no JavaScript needed).
    expect(
        pagina.get_by_role("heading", name="¿Cómo le hemos atendido hoy?")
    ).to_be_visible(timeout=10_000)
    respuesta = Respuesta.objects.get()
    assert {v.codigo: v.valor for v in respuesta.valores.all()} == {
        "SAT": 2,
        "MOTIVO": 0,
    }


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
