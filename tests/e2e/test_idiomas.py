"""Languages as people meet them (issue 16): a Basque citizen whose browser
speaks Basque answers a survey and never sees Spanish (errors, skip link, footer,
thanks, the error page); a Catalan employee switches the staff interface to
Catalan without JavaScript, keeps it in her profile across sessions, and her
certificate is issued and verified in Catalan. axe-core on every page."""

import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from encuestas.models import Respuesta
from formacion import services
from formacion.models import Certificado
from organizacion.models import Empleado
from tests.e2e.conftest import VENTANAS, abrir_pagina

# The surveys recreated by the flush between transactional tests get new ids.
from tests.e2e.test_recorrido_ciudadania import _definiciones_frescas  # noqa: F401
from tests.factories import (
    EmpleadoFactory,
    OficinaFactory,
    curso_con_lecciones,
    invitar,
)
from tests.factories.organizacion import CONTRASENA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Spanish a Basque page must not show (the survey's own words and the footer's).
CASTELLANO = (
    "Valore",
    "Enviar",
    "Revise",
    "obligatoria",
    "Saltar al contenido",
    "Formación",
)


@pytest.fixture
def pagina_vasca(navegador):
    """A phone whose browser speaks Basque (Accept-Language: eu)."""
    with abrir_pagina(navegador, locale="eu-ES", **VENTANAS["movil"]) as page:
        yield page


def _sin_castellano(p):
    texto = p.locator("body").inner_text()
    assert [x for x in CASTELLANO if x in texto] == [], texto


def test_ciudadano_vasco_responde_sin_ver_una_palabra_en_castellano(
    pagina_vasca, live_server, comprobar_accesibilidad
):
    oficina = OficinaFactory(canales=["presencial"])
    _, token = invitar(oficina)
    p = pagina_vasca
    # The link as printed on the ticket: no ?idioma=, the browser says Basque.
    p.goto(live_server.url + reverse("e:responder", args=[token]))
    expect(p.get_by_role("heading", name="Baloratu jasotako arreta")).to_be_visible()
    assert p.locator("html").get_attribute("lang") == "eu"
    expect(p.get_by_role("link", name="Joan edukira")).to_be_attached()
    expect(p.get_by_role("navigation", name="Hizkuntza")).to_be_visible()
    _sin_castellano(p)
    comprobar_accesibilidad(p)

    # Sent empty: the summary and each required question's error, in Basque.
    p.get_by_role("button", name="Bidali balorazioa").click()
    expect(p.get_by_role("alert")).to_have_text("Berrikusi markatutako erantzunak.")
    expect(p.get_by_text("Galdera hau nahitaezkoa da.").first).to_be_visible()
    _sin_castellano(p)
    comprobar_accesibilidad(p)

    p.locator("fieldset.pregunta").first.locator(
        "label.opcion", has=p.locator('input[value="5"]')
    ).click()
    p.get_by_role("button", name="Bidali balorazioa").click()
    expect(
        p.get_by_role("heading", name="Eskerrik asko zure balorazioagatik")
    ).to_be_visible()
    _sin_castellano(p)
    comprobar_accesibilidad(p)
    assert Respuesta.objects.get().idioma == "eu"

    # A mistyped link: the citizen's error page, in Basque too.
    p.goto(live_server.url + "/e/ez-dago-esteka-hau/")
    assert p.locator("html").get_attribute("lang") == "eu"
    expect(p.get_by_role("heading", level=1)).not_to_have_text("Página no encontrada")
    _sin_castellano(p)
    comprobar_accesibilidad(p)


def _texto_pdf(fichero) -> str:
    fichero.open("rb")
    try:
        paginas = PdfReader(io.BytesIO(fichero.read())).pages
    finally:
        fichero.close()
    return " ".join(" ".join(pg.extract_text().split()) for pg in paginas)


def test_empleada_catalana_elige_catala_y_su_certificado_se_emite_y_verifica_en_catalan(
    pagina, live_server, entrar_como, comprobar_accesibilidad, por_el_menu
):
    oficina = OficinaFactory(nombre="OAC de Girona")
    montse = EmpleadoFactory(oficina=oficina, nombre="Montse", apellidos="Puig Serra")
    p = entrar_como(pagina, montse.usuario)
    assert p.locator("html").get_attribute("lang") == "es"

    # The footer's selector: a plain form, no JavaScript needed.
    p.get_by_label("Idioma").select_option("ca")
    with p.expect_navigation():
        p.get_by_role("button", name="Cambiar").click()
    assert p.locator("html").get_attribute("lang") == "ca"
    expect(p.get_by_role("button", name="Tanca la sessió")).to_be_visible()
    comprobar_accesibilidad(p)
    assert Empleado.objects.get(pk=montse.pk).idioma == "ca"

    # She completes a course: the certificate is written in Catalan.
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1,
        tipo_certificado="asistencia",
        title="Atenció telefònica",
        slug="idiomes-catala",
    )
    matricula = services.matricular(empleado=montse, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = Certificado.objects.get(empleado=montse)
    texto = _texto_pdf(certificado.pdf)
    assert "Es certifica que" in texto and "Se certifica que" not in texto

    por_el_menu(p, "La meva formació")
    expect(p.get_by_role("heading", name="La meva formació", level=1)).to_be_visible()
    comprobar_accesibilidad(p)

    # Anyone verifies it, in Catalan, from the code printed at its foot.
    p.goto(
        live_server.url
        + reverse("formacion:verificar", args=[certificado.codigo])
        + "?idioma=ca"
    )
    expect(p.locator("#estado-certificado")).to_have_text("Vàlid")
    assert p.locator("html").get_attribute("lang") == "ca"
    comprobar_accesibilidad(p)

    # Signed out and in again on a Spanish browser: the profile keeps Catalan.
    p.goto(live_server.url + reverse("inicio"))
    with p.expect_navigation():
        p.get_by_role("button", name="Tanca la sessió").click()
    p.context.clear_cookies()
    p.goto(live_server.url + reverse("login"))
    p.get_by_label("Usuario").fill(montse.usuario.username)
    p.get_by_label("Contraseña").fill(CONTRASENA)
    with p.expect_navigation():
        p.get_by_role("button", name="Entrar").click()
    assert p.locator("html").get_attribute("lang") == "ca"
    expect(p.get_by_role("button", name="Tanca la sessió")).to_be_visible()
    comprobar_accesibilidad(p)
