"""The citizen's journey (issue 11), by clicking: an invitation link answered after
switching language by its links, a low score that leads to the contact step and
the thanks page; the exit kiosk (a face, a motive, thanks, and no way out to the
staff pages); the signed link at the end of an online procedure. axe-core on
every page and no page wider than the window, at desktop and phone sizes."""

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from encuestas import sede, services
from encuestas.models import Alerta, Atencion, Invitacion, Respuesta
from organizacion.models import Canal
from tests.e2e.test_encuestas_ciudadania import _grupo, _marcar
from tests.e2e.test_encuestas_recorrido import _enlaces_fuera
from tests.factories import OficinaFactory, invitar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pagina(pagina_en_ventana):
    return pagina_en_ventana


@pytest.fixture(autouse=True)
def _definiciones_frescas():
    # The flush between transactional tests recreates the default surveys with new ids.
    services._CACHE_LINEAS.clear()
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def comprobar_pagina(comprobar_accesibilidad):
    """Every citizen page: nothing serious for axe-core, and no sideways scroll
    (a citizen answers on whatever phone they have). The window is the layout
    viewport (`clientWidth`): a phone's `innerWidth` grows with wide content."""

    def comprobar(p):
        ancho, ventana = p.evaluate(
            "[document.documentElement.scrollWidth,"
            " document.documentElement.clientWidth]"
        )
        assert ancho <= ventana, f"{p.url} se desplaza de lado: {ancho} > {ventana} px"
        comprobar_accesibilidad(p)

    return comprobar


def test_desde_la_invitacion_cambia_de_idioma_puntua_bajo_deja_contacto_y_gracias(
    pagina, live_server, comprobar_pagina
):
    oficina = OficinaFactory(canales=["presencial"])
    _, token = invitar(oficina)
    p = pagina
    # The link the citizen got on the ticket, by SMS or by e-mail.
    p.goto(live_server.url + reverse("e:responder", args=[token]))
    expect(p.get_by_role("heading", name="Valore la atención recibida")).to_be_visible()
    comprobar_pagina(p)
    idiomas = p.get_by_role("navigation", name="Idioma")
    idiomas.get_by_role("link", name="Euskara").click()
    expect(p.get_by_role("heading", name="Baloratu jasotako arreta")).to_be_visible()
    assert p.locator("html").get_attribute("lang") == "eu"
    comprobar_pagina(p)
    p.get_by_role("navigation", name="Hizkuntza").get_by_role(
        "link", name="Català"
    ).click()
    expect(p.get_by_role("heading", name="Valoreu l'atenció rebuda")).to_be_visible()
    assert p.locator("html").get_attribute("lang") == "ca"
    comprobar_pagina(p)

    # A low score: the server asks, in the same language, whether to get in touch.
    _marcar(p, "Estic satisfet/a amb l'atenció rebuda.", 1)
    _marcar(p, "El temps que vaig necessitar va ser raonable.", 2)
    p.get_by_label("Ens voleu explicar alguna cosa més?").fill("Vaig esperar massa.")
    p.get_by_role("button", name="Envia la valoració").click()
    expect(
        p.get_by_role("heading", name="Lamentem que l'atenció no hagi estat bona")
    ).to_be_visible()
    comprobar_pagina(p)
    assert Respuesta.objects.count() == 0  # nothing stored before the last step
    _grupo(p, "Voleu que us contactem sobre la vostra valoració?").get_by_label(
        "Sí", exact=True
    ).check()
    p.get_by_label("Telèfon o correu electrònic").fill("611223344")
    p.get_by_role("button", name="Envia la valoració").click()
    expect(
        p.get_by_role("heading", name="Gràcies per la vostra valoració")
    ).to_be_visible()
    comprobar_pagina(p)

    respuesta = Respuesta.objects.get()
    assert respuesta.idioma == "ca" and respuesta.comentario == "Vaig esperar massa."
    assert {v.codigo: v.valor for v in respuesta.valores.all()} == {
        "SAT": 1,
        "TIEMPO": 2,
        "CONTACTO": 1,
    }
    assert Alerta.objects.get().contacto == "611223344"

    # The same link again: answered, in the language chosen on the page.
    p.goto(live_server.url + reverse("e:responder", args=[token]))
    p.get_by_role("navigation", name="Idioma").get_by_role(
        "link", name="Galego"
    ).click()
    expect(
        p.get_by_role("heading", name="Esta enquisa xa se respondeu")
    ).to_be_visible()
    comprobar_pagina(p)


def _sin_salida(p, kiosco):
    """Nothing on a kiosk screen leads away from it (least of all to the staff login)."""
    assert _enlaces_fuera(p, kiosco) == []
    assert p.locator(f'a[href*="{reverse("login")}"]').count() == 0


def test_quiosco_una_cara_un_motivo_gracias_y_sin_salida(
    pagina, live_server, comprobar_pagina
):
    oficina = OficinaFactory(canales=["presencial"])
    kiosco, secreto = services.crear_kiosco(
        oficina=oficina,
        canal=Canal.objects.get(codigo="presencial"),
        nombre="Tableta de salida",
    )
    p = pagina
    # The set-up address quality staff open once on the tablet (no link leads here).
    p.goto(
        live_server.url
        + reverse("quiosco:registrar", args=[kiosco.pk])
        + f"?s={secreto}"
    )
    comprobar_pagina(p)
    p.get_by_role("button", name="Registrar").click()
    expect(
        p.get_by_role("heading", name="¿Cómo le hemos atendido hoy?")
    ).to_be_visible()
    _sin_salida(p, kiosco)
    comprobar_pagina(p)
    p.get_by_role("button", name="Mal", exact=True).click()
    expect(p.get_by_role("heading", name="¿Qué podríamos mejorar?")).to_be_visible()
    _sin_salida(p, kiosco)
    comprobar_pagina(p)
    p.get_by_role("button", name="Tiempo de espera").click()
    expect(p.get_by_role("heading", name="Gracias por su valoración")).to_be_visible()
    _sin_salida(p, kiosco)
    comprobar_pagina(p)
    # Back to the faces on its own, for the next person.
    expect(p.get_by_role("heading", name="¿Cómo le hemos atendido hoy?")).to_be_visible(
        timeout=10_000
    )
    _sin_salida(p, kiosco)
    respuesta = Respuesta.objects.get()
    assert {v.codigo: v.valor for v in respuesta.valores.all()} == {
        "SAT": 2,
        "MOTIVO": 0,
    }


def test_desde_la_sede_enlace_firmado_portada_valorar_encuesta_y_gracias(
    pagina, live_server, comprobar_pagina, settings
):
    settings.SITE_URL = live_server.url
    oficina = OficinaFactory(canales=["telematico"])
    integracion, _clave = services.crear_integracion(
        nombre="Sede", oficinas=[oficina], canales=Canal.objects.all()
    )
    enlace = sede.enlace(
        integracion=integracion,
        oficina=oficina.codigo_dir3,
        resultado="resuelta",
        ref="exp0001",
        exp=int(time.time()) + 3600,
    )
    p = pagina
    # The online office's end page links here; the citizen follows that link.
    p.goto(enlace)
    expect(p.get_by_role("heading", name="Valore la atención recibida")).to_be_visible()
    comprobar_pagina(p)
    assert Atencion.objects.count() == 0  # opening the link wrote nothing
    p.get_by_role("link", name="English").click()  # keeps the signature
    expect(
        p.get_by_role("heading", name="Rate the service you received")
    ).to_be_visible()
    comprobar_pagina(p)
    p.get_by_role("button", name="Rate").click()
    expect(
        p.get_by_role("heading", name="Rate the service you received")
    ).to_be_visible()
    assert "/e/sede/" not in p.url
    comprobar_pagina(p)
    _marcar(p, "I am satisfied with the service I received.", 5)
    p.get_by_role("button", name="Send rating").click()
    expect(p.get_by_role("heading", name="Thank you for your rating")).to_be_visible()
    comprobar_pagina(p)
    atencion = Atencion.objects.get()
    # Answered: one response, and the event no longer leads to it (anonymity).
    assert atencion.referencia_externa == "exp0001" and atencion.invitada
    assert Respuesta.objects.count() == 1
    assert not Invitacion.objects.filter(atencion=atencion).exists()
    # The same procedure's link again: answered, nothing new.
    p.goto(enlace)
    p.get_by_role("button", name="Valorar").click()
    expect(
        p.get_by_role("heading", name="Esta encuesta ya se ha respondido")
    ).to_be_visible()
    comprobar_pagina(p)
    assert Respuesta.objects.count() == 1
