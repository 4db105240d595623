"""Issue 11, «en todas partes a 390 px»: every staff role, on a phone, walks the
pages of its menu. No page scrolls sideways, the closed menu fits in the header,
chart text stays legible and axe-core finds nothing serious."""

from datetime import date

import pytest
from playwright.sync_api import expect

from mejora import services as mejora_services
from mejora.models import Indicador
from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANCHO = 390

# Smallest rendered size of any <text> in the page's SVG charts, in CSS px.
LETRA_MINIMA_JS = """() => {
  const tamanos = [...document.querySelectorAll('svg text')]
    .filter(t => t.getBoundingClientRect().width > 0)
    .map(t => {
      const m = t.getScreenCTM();
      const escala = Math.sqrt(m.a * m.a + m.b * m.b);
      return parseFloat(getComputedStyle(t).fontSize) * escala;
    });
  return tamanos.length ? Math.min(...tamanos) : null;
}"""


@pytest.fixture
def indicadores(db):
    clima = Indicador.objects.get(codigo="clima-laboral")
    for periodo, valor in (("2026-Q1", 6.8), ("2026-Q2", 7.3)):
        mejora_services.registrar_valor_manual(
            indicador=clima, periodo=periodo, valor=valor, n=200
        )
    mejora_services.recalcular_indicadores(
        periodos=["2026-Q1", "2026-Q2"], codigos=["clima-laboral"]
    )
    mejora_services.fijar_meta(indicador=clima, anio=2026, objetivo=7.0, umbral=6.5)


def _comprobar_pagina(p, comprobar_accesibilidad):
    ancho = p.evaluate("document.documentElement.scrollWidth")
    assert ancho <= ANCHO, f"{p.url} se desplaza de lado: {ancho} px"
    cabecera = p.locator("header.cabecera").bounding_box()
    assert cabecera["height"] < 120, (
        f"{p.url}: la cabecera con el menú cerrado mide {cabecera['height']} px"
    )
    letra = p.evaluate(LETRA_MINIMA_JS)
    assert letra is None or letra >= 10, f"{p.url}: texto de gráfico de {letra:.1f} px"
    comprobar_accesibilidad(p)


@pytest.mark.parametrize(
    "roles",
    [
        ["empleado"],
        ["empleado", "supervisor"],
        ["empleado", "direccion"],
        ["empleado", "calidad"],
    ],
)
def test_cada_perfil_recorre_su_menu_a_390_px_sin_desplazarse_de_lado(
    pagina_movil, live_server, entrar_como, comprobar_accesibilidad, indicadores, roles
):
    p = pagina_movil
    empleado = EmpleadoFactory(usuario__roles=roles, fecha_alta=date(2020, 1, 1))
    entrar_como(p, empleado.usuario)
    enlaces = p.locator("nav.menu a").evaluate_all("as => as.map(a => a.href)")
    assert len(enlaces) >= 4
    for url in enlaces:
        if url.endswith("/cms/"):
            continue
        if url.rstrip("/").endswith("/mejora"):
            url += "?periodo=2026-Q2"
        p.goto(url)
        _comprobar_pagina(p, comprobar_accesibilidad)


def test_el_menu_del_movil_se_abre_sin_javascript(navegador, live_server, entrar_como):
    contexto = navegador.new_context(
        locale="es-ES",
        viewport={"width": ANCHO, "height": 844},
        java_script_enabled=False,
    )
    p = contexto.new_page()
    try:
        empleado = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
        entrar_como(p, empleado.usuario)
        menu = p.get_by_role("navigation", name="Principal")
        enlace = menu.get_by_role("link", name="Formación del equipo")
        expect(enlace).to_be_hidden()
        p.locator("header").get_by_text("Menú").click()
        expect(enlace).to_be_visible()
        enlace.click()
        expect(
            p.get_by_role("heading", name="Formación del equipo", exact=True)
        ).to_be_visible()
    finally:
        contexto.close()


def test_en_escritorio_el_menu_se_ve_entero_sin_abrirlo(
    pagina, live_server, entrar_como
):
    empleado = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    entrar_como(pagina, empleado.usuario)
    menu = pagina.get_by_role("navigation", name="Principal")
    expect(menu.get_by_role("link", name="Formación del equipo")).to_be_visible()
    expect(pagina.locator("header").get_by_text("Menú", exact=True)).to_be_hidden()


def test_el_grafico_de_una_evaluacion_se_lee_a_390_px(
    pagina_movil, live_server, entrar_como, comprobar_accesibilidad
):
    from evaluacion import services as evaluacion_services
    from evaluacion.models import Evaluacion
    from tests.factories import CampanaFactory, OficinaFactory

    oficina = OficinaFactory()
    jefa = EmpleadoFactory(oficina=oficina, usuario__roles=["empleado", "supervisor"])
    lucia = EmpleadoFactory(oficina=oficina, supervisor=jefa)
    campana = CampanaFactory(oficinas=[oficina])
    evaluacion_services.abrir_campana(campana=campana)
    ev = Evaluacion.objects.get(campana=campana, empleado=lucia)
    datos = {
        p.competencia_id: {"nivel": 3, "evidencia": "Observación directa"}
        for p in ev.puntuaciones.all()
    }
    ev = evaluacion_services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=jefa.usuario
    )
    p = pagina_movil
    entrar_como(p, jefa.usuario)
    p.goto(f"{live_server.url}{ev.get_absolute_url()}")
    expect(p.locator("svg.grafico-evaluacion")).to_be_visible()
    _comprobar_pagina(p, comprobar_accesibilidad)
