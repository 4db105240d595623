"""The Content-Security-Policy in a real browser (issue 15, item 4): a violation
is reported and fails the journey (the shared fixture `sin_violaciones_de_csp`),
and Wagtail's admin edits and publishes a course page under its policy."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.factories import EmpleadoFactory, OficinaFactory, curso_con_lecciones

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _esperar_informes(informes, n: int = 1, segundos: float = 10):
    limite = time.monotonic() + segundos
    while len(informes.violaciones) < n and time.monotonic() < limite:
        time.sleep(0.1)
    return list(informes.violaciones)


def test_una_violacion_llega_al_informe_y_haria_fallar_la_prueba(
    pagina, live_server, sin_violaciones_de_csp
):
    pagina.goto(f"{live_server.url}/cuenta/login/")
    detectadas = pagina.evaluate(
        """() => new Promise((resolver) => {
            const vistas = [];
            document.addEventListener("securitypolicyviolation", (e) => {
                vistas.push(e.effectiveDirective);
                resolver(vistas);
            });
            document.body.setAttribute("style", "background: red");
            const s = document.createElement("script");
            s.textContent = "window.inyectado = true";
            document.body.append(s);
            setTimeout(() => resolver(vistas), 3000);
        })"""
    )
    # The browser refused both: no inline style, no inline script.
    assert "style-src-attr" in detectadas
    assert pagina.evaluate("window.inyectado") is None
    assert pagina.evaluate("getComputedStyle(document.body).backgroundColor") != (
        "rgb(255, 0, 0)"
    )
    violaciones = _esperar_informes(sin_violaciones_de_csp, n=2)
    directivas = {v["csp_directiva"] for v in violaciones}
    assert {"style-src-attr", "script-src-elem"} <= directivas, violaciones
    assert all(v["csp_documento"].endswith("/cuenta/login/") for v in violaciones)
    # Seen and checked here: the shared fixture would otherwise fail this test.
    sin_violaciones_de_csp.violaciones.clear()


@pytest.fixture
def calidad(db):
    oficina = OficinaFactory(nombre="OAC Centro")
    tecnica = EmpleadoFactory(
        oficina=oficina, usuario__roles=["empleado", "calidad"], nombre="Ana"
    )
    tecnica.usuario.is_staff = True
    tecnica.usuario.save(update_fields=["is_staff"])
    curso, _, preguntas = curso_con_lecciones(n_lecciones=1, title="Lenguaje claro")
    return {"tecnica": tecnica, "curso": curso, "pregunta": preguntas[0]}


def test_calidad_edita_y_publica_un_curso_en_el_cms_sin_violaciones(
    pagina, live_server, entrar_como, calidad
):
    entrar_como(pagina, calidad["tecnica"].usuario)
    respuesta = pagina.goto(f"{live_server.url}/cms/")
    politica = respuesta.headers["content-security-policy"]
    assert "script-src 'self'" in politica and "unsafe-inline' ;" not in politica
    curso = calidad["curso"]
    pagina.goto(f"{live_server.url}/cms/pages/{curso.pk}/edit/")
    # Wagtail's date pickers, started without an inline script.
    expect(
        pagina.locator("[data-wagtail-inicio='initDateTimeChooser']").first
    ).to_have_attribute("data-wagtail-iniciado", "")
    assert pagina.locator(".xdsoft_datetimepicker").count() >= 1
    titulo = pagina.locator("#id_title")
    expect(titulo).to_have_value("Lenguaje claro")
    titulo.fill("Lenguaje claro y accesible")
    # The «Publish» action sits in the footer's dropdown.
    pagina.locator("[data-w-dropdown-target='toggle']").last.click()
    pagina.get_by_role("button", name=re.compile("Publicar|Publish")).click()
    expect(
        pagina.get_by_text(re.compile("publicad|published", re.I)).first
    ).to_be_visible()
    curso.refresh_from_db()
    assert curso.title == "Lenguaje claro y accesible"

    # The public course page, as the employee sees it, under the strict policy.
    respuesta = pagina.goto(f"{live_server.url}{curso.url}")
    assert "style-src 'self';" in respuesta.headers["content-security-policy"]
    expect(
        pagina.get_by_role("heading", name="Lenguaje claro y accesible")
    ).to_be_visible()


def test_el_panel_de_opciones_de_una_pregunta_anade_una_opcion_sin_violaciones(
    pagina, live_server, entrar_como, calidad
):
    entrar_como(pagina, calidad["tecnica"].usuario)
    pregunta = calidad["pregunta"]
    pagina.goto(
        f"{live_server.url}/cms/snippets/formacion/pregunta/edit/{pregunta.pk}/"
    )
    total = pagina.locator("#id_opciones-TOTAL_FORMS")
    antes = int(total.input_value())
    # Wagtail's InlinePanel, started from static/js/wagtail_inicios.js: «Add» works.
    pagina.locator("#id_opciones-ADD").click()
    expect(total).to_have_value(str(antes + 1))
    # The course chooser (Wagtail's PageChooser), started from data too: on a new
    # question it opens its modal, which lists the course.
    pagina.goto(f"{live_server.url}/cms/snippets/formacion/pregunta/add/")
    expect(pagina.locator("[data-wagtail-inicio='PageChooser']")).to_have_attribute(
        "data-wagtail-iniciado", ""
    )
    pagina.get_by_role("button", name=re.compile("Seleccionar una página")).click()
    expect(
        pagina.get_by_role("dialog").get_by_text("Lenguaje claro").first
    ).to_be_visible()
