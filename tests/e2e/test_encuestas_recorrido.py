"""Issue 11 (ciudadanía): the 1–7, 1–5 and 0–10 scales on a 390 px phone, and a
kiosk with no way out and its own drawn faces. With axe-core."""

import re

import pytest
from playwright.sync_api import expect

from encuestas import services
from encuestas.models import Encuesta, EncuestaItem, ItemVersion
from organizacion.models import Canal
from tests.factories import OficinaFactory, invitar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Pictographs, emoticons, dingbats, symbols and the emoji presentation selector.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f1e6-\U0001f1ff]"
)


@pytest.fixture(autouse=True)
def _definiciones_frescas():
    # The flush between transactional tests recreates the default surveys with new ids.
    services._CACHE_LINEAS.clear()
    from django.core.cache import cache

    cache.clear()
    yield


def _cajas(pagina, pregunta):
    grupo = pagina.get_by_role("group", name=pregunta)
    opciones = [o.bounding_box() for o in grupo.locator("label.opcion > span").all()]
    extremos = [e.bounding_box() for e in grupo.locator(".extremos span").all()]
    return opciones, extremos


def _comprobar_escala(opciones, extremos, puntos):
    assert len(opciones) == puntos
    # One row, in order, equal buttons, each a tappable size.
    filas = {round(c["y"]) for c in opciones}
    assert len(filas) == 1, f"{puntos} opciones en varias filas: {filas}"
    xs = [c["x"] for c in opciones]
    assert xs == sorted(xs)
    anchos = [c["width"] for c in opciones]
    assert max(anchos) - min(anchos) < 1.5
    assert min(anchos) >= 24 and min(c["height"] for c in opciones) >= 44
    # The end labels sit under the first and the last option.
    assert len(extremos) == 2
    primero, ultimo = opciones[0], opciones[-1]
    izquierda, derecha = extremos
    assert izquierda["y"] >= primero["y"] + primero["height"] - 1
    assert derecha["y"] >= ultimo["y"] + ultimo["height"] - 1
    assert abs(izquierda["x"] - primero["x"]) < 2
    assert abs((derecha["x"] + derecha["width"]) - (ultimo["x"] + ultimo["width"])) < 2
    assert izquierda["x"] + izquierda["width"] <= derecha["x"]


def test_escalas_de_5_7_y_11_puntos_en_una_fila_a_390_px(
    pagina_movil, live_server, comprobar_accesibilidad
):
    nps = ItemVersion.objects.get(item__codigo="NPS")
    EncuestaItem.objects.create(
        encuesta=Encuesta.objects.get(codigo="presencial"),
        item_version=nps,
        orden=90,
    )
    services._CACHE_LINEAS.clear()
    oficina = OficinaFactory(canales=["presencial"])
    _, token = invitar(oficina)
    p = pagina_movil
    p.goto(f"{live_server.url}/e/{token}/")
    assert p.viewport_size == {"width": 390, "height": 844}
    for pregunta, puntos in (
        ("Estoy satisfecho/a con la atención recibida.", 5),
        ("La Administración me lo puso fácil", 7),
        ("¿Recomendaría este servicio a un familiar o amigo?", 11),
    ):
        opciones, extremos = _cajas(p, pregunta)
        _comprobar_escala(opciones, extremos, puntos)
    # Nothing overflows the phone's width.
    assert p.evaluate("document.documentElement.scrollWidth") <= 390
    comprobar_accesibilidad(p)


def _quiosco(pagina, live_server):
    oficina = OficinaFactory(canales=["presencial"])
    kiosco, secreto = services.crear_kiosco(
        oficina=oficina,
        canal=Canal.objects.get(codigo="presencial"),
        nombre="Tableta de salida",
    )
    pagina.goto(f"{live_server.url}/quiosco/{kiosco.pk}/registrar/?s={secreto}")
    pagina.get_by_role("button", name="Registrar").click()
    return kiosco


@pytest.fixture
def pagina_tableta(navegador):
    contexto = navegador.new_context(
        locale="es-ES", viewport={"width": 1024, "height": 768}, has_touch=True
    )
    page = contexto.new_page()
    page.set_default_timeout(15_000)
    yield page
    contexto.close()


def _enlaces_fuera(pagina, kiosco):
    """Links whose target is not this kiosk (a language switch stays inside)."""
    fuera = []
    for enlace in pagina.locator("a[href]").all():
        destino = enlace.evaluate("a => new URL(a.href).pathname")
        if not destino.startswith(f"/quiosco/{kiosco.pk}/"):
            fuera.append(destino)
    return fuera


def test_quiosco_sin_salida_y_caras_dibujadas_con_texto(
    pagina_tableta, live_server, comprobar_accesibilidad
):
    p = pagina_tableta
    kiosco = _quiosco(p, live_server)
    expect(
        p.get_by_role("heading", name="¿Cómo le hemos atendido hoy?")
    ).to_be_visible()
    comprobar_accesibilidad(p)
    # No way out: the logo is not a link, and nothing leads to the staff login.
    assert _enlaces_fuera(p, kiosco) == []
    assert p.locator(".marca a, a.marca").count() == 0
    assert p.locator("nav.menu").count() == 0
    # The faces are our own drawings, with a visible word under each.
    html = p.content()
    assert not EMOJI.findall(html), EMOJI.findall(html)
    botones = p.locator("form.caras button").all()
    assert [b.inner_text().strip() for b in botones] == [
        "Muy mal",
        "Mal",
        "Bien",
        "Muy bien",
    ]
    for boton in botones:
        cara = boton.locator("svg")
        expect(cara).to_be_visible()
        assert cara.bounding_box()["height"] >= 48
        texto = boton.locator(".cara__texto")
        expect(texto).to_be_visible()
        assert texto.bounding_box()["y"] > cara.bounding_box()["y"]
    # In the kiosk's language.
    p.get_by_role("link", name="Català").click()
    expect(p.get_by_role("heading", name="Com us hem atès avui?")).to_be_visible()
    assert [b.inner_text().strip() for b in p.locator("form.caras button").all()] == [
        "Molt malament",
        "Malament",
        "Bé",
        "Molt bé",
    ]
    assert _enlaces_fuera(p, kiosco) == []
    # After a tap and the follow-up: still no way out, and back to the start.
    p.get_by_role("button", name="Malament", exact=True).click()
    expect(p.get_by_role("heading", name="Què podríem millorar?")).to_be_visible()
    assert _enlaces_fuera(p, kiosco) == []
    assert not EMOJI.findall(p.content())
    comprobar_accesibilidad(p)
    p.get_by_role("button", name=re.compile("Temps d")).click()
    expect(
        p.get_by_role("heading", name="Gràcies per la vostra valoració")
    ).to_be_visible()
    assert _enlaces_fuera(p, kiosco) == []
    comprobar_accesibilidad(p)
    expect(p.get_by_role("heading", name="Com us hem atès avui?")).to_be_visible(
        timeout=10_000
    )
