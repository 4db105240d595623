"""Issue 11, «en todas partes a 390 px»: every staff role, on a phone, walks the
pages of its menu. No page scrolls sideways, the closed menu fits in the header,
chart text stays legible and axe-core finds nothing serious."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo import mejora as mejora_demo
from encuestas import resumenes
from encuestas import services as encuestas_services
from evaluacion import services as evaluacion_services
from evaluacion.models import Evaluacion
from formacion import services as formacion_services
from mejora import services as mejora_services
from mejora.models import ModeloCalidad
from mejora.periodos import Periodo
from tests.factories import (
    CampanaFactory,
    EmpleadoFactory,
    OficinaFactory,
    curso_con_lecciones,
    invitar,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ANCHO = 390
ALTA = date(2020, 1, 1)

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


# Boxes that scroll sideways (a wide table inside its own region).
DESPLAZABLES_JS = """() => [...document.querySelectorAll('main *')].filter(e => {
  const s = getComputedStyle(e).overflowX;
  return (s === 'auto' || s === 'scroll') && e.scrollWidth > e.clientWidth + 1;
}).map((e, i) => { e.dataset.desplazable = i; return String(i); })"""


def _comprobar_regiones_desplazables(p):
    """What scrolls on its own is a region with a name, reachable by keyboard."""
    for i in p.evaluate(DESPLAZABLES_JS):
        caja = p.locator(f'[data-desplazable="{i}"]')
        html = caja.evaluate("e => e.outerHTML.slice(0, 120)")
        assert caja.get_attribute("role") == "region", f"{p.url}: {html}"
        assert caja.get_attribute("tabindex") == "0", f"{p.url}: {html}"
        expect(caja).to_have_accessible_name(re.compile(r"\S"))
        caja.focus()
        assert caja.evaluate("e => e === document.activeElement"), f"{p.url}: {html}"


def _comprobar_pagina(p, comprobar_accesibilidad):
    ancho = p.evaluate("document.documentElement.scrollWidth")
    assert ancho <= ANCHO, f"{p.url} se desplaza de lado: {ancho} px"
    _comprobar_regiones_desplazables(p)
    cabecera = p.locator("header.cabecera").bounding_box()
    assert cabecera["height"] < 120, (
        f"{p.url}: la cabecera con el menú cerrado mide {cabecera['height']} px"
    )
    letra = p.evaluate(LETRA_MINIMA_JS)
    assert letra is None or letra >= 10, f"{p.url}: texto de gráfico de {letra:.1f} px"
    comprobar_accesibilidad(p)


@pytest.fixture
def organizacion(db, settings):
    """Enough of everything for the pages to show their wide tables: certificates
    (with hidden text in their rows), a team matrix, a scored evaluation, survey
    results with intervals, and mejora's demo (self-assessment, plans, charter)
    with a generated report."""
    settings.ENCUESTAS_MIN_N_OFICINA = 3
    encuestas_services._CACHE_LINEAS.clear()
    from django.core.cache import cache

    cache.clear()
    oficina = OficinaFactory(
        nombre="Oficina de Atención a la Ciudadanía de Madrid-Centro",
        canales=["presencial", "telefonico"],
    )
    jefa = EmpleadoFactory(
        oficina=oficina,
        usuario__roles=["empleado", "supervisor"],
        fecha_alta=date(2020, 1, 1),
    )
    lucia = EmpleadoFactory(oficina=oficina, supervisor=jefa, fecha_alta=ALTA)
    hecho, lecciones, _p = curso_con_lecciones(
        n_lecciones=1,
        tipo_certificado="asistencia",
        title="Atención a personas en situación de vulnerabilidad",
    )
    asignado, _l, _p = curso_con_lecciones(
        n_lecciones=1, title="Lenguaje claro en la comunicación administrativa"
    )
    for persona in (jefa, lucia):
        matricula = formacion_services.matricular(
            empleado=persona, curso=hecho, origen="propia"
        )
        formacion_services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    formacion_services.matricular(
        empleado=lucia,
        curso=asignado,
        origen="asignacion",
        obligatoria=True,
        plazo=timezone.localdate() + timedelta(days=20),
        por=jefa.usuario,
    )
    campana = CampanaFactory(oficinas=[oficina])
    evaluacion_services.abrir_campana(campana=campana)
    ev = Evaluacion.objects.get(campana=campana, empleado=lucia)
    ev = evaluacion_services.guardar_puntuaciones(
        evaluacion=ev,
        version=ev.version,
        datos={
            p.competencia_id: {"nivel": 2, "evidencia": "Observación directa"}
            for p in ev.puntuaciones.all()
        },
        por=jefa.usuario,
    )
    evaluacion_services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=jefa.usuario
    )
    for sat in "5444421" * 4:
        _, token = invitar(oficina)
        encuestas_services.responder(
            token=token,
            datos={"SAT": sat, "FAC": "6", "CONTACTO": "1"},
            contacto="600000000",
            comentario="Me atendieron bien, aunque esperé bastante.",
        )
    for _ in range(100):  # a response rate out of three-digit invitations
        invitar(oficina)
    resumenes.consolidar()
    mejora_demo.sembrar()
    mejora_services.solicitar_informe(
        tipo="trimestral",
        periodo=Periodo.trimestre_de(timezone.localdate()).anterior.clave,
        modelo=ModeloCalidad.objects.get(codigo="CAF"),
    )
    return {"supervisora": jefa.usuario, "empleada": lucia.usuario}


# Links that leave the platform's own pages or are files, not pages.
NO_PAGINAS = re.compile(
    r"/(cms|admin|documentos)/|exportar|descargar|/pdf/|/qr/|/csv/|\.(csv|xlsx|pdf|zip)$"
)


def _enlaces_del_contenido(p, origen: str) -> list[str]:
    return [
        e
        for e in p.locator("main a[href]").evaluate_all(
            "as => as.map(a => a.href.split('#')[0])"
        )
        if e.startswith(origen)
    ]


# The pages issue 11 names for each role: each must be reached from the menu.
MIS_PAGINAS = {"/formacion/", "/formacion/catalogo/", "/evaluacion/"}
CURSO = "/contenidos/cursos/"
MEJORA = {
    "/mejora/",
    "/mejora/plan/",
    "/mejora/hallazgos/",
    "/mejora/cartas/",
    "/mejora/cartas/N/",
    "/mejora/autoevaluaciones/",
    "/mejora/autoevaluaciones/N/",
    "/mejora/informes/",
    "/mejora/informes/N/",
    "/mejora/acciones/N/",
}
PERFILES = {
    "empleada": (["empleado"], MIS_PAGINAS | {"/evaluacion/evaluaciones/N/"}),
    "supervisora": (
        ["empleado", "supervisor"],
        MIS_PAGINAS
        | {"/formacion/equipo/", "/evaluacion/evaluaciones/N/", "/encuestas/"},
    ),
    "direccion": (
        ["empleado", "direccion"],
        MIS_PAGINAS | MEJORA | {"/encuestas/", "/evaluacion/campanas/N/mapa/"},
    ),
    "calidad": (
        ["empleado", "calidad"],
        MIS_PAGINAS
        | MEJORA
        | {"/encuestas/", "/mejora/valores/", "/formacion/estadisticas/"},
    ),
}


@pytest.mark.parametrize("perfil", list(PERFILES))
def test_cada_perfil_recorre_su_menu_y_sus_subpaginas_a_390_px_sin_desplazarse_de_lado(
    pagina_movil,
    live_server,
    entrar_como,
    comprobar_accesibilidad,
    organizacion,
    perfil,
):
    """Every menu page and every kind of page reached from it in two clicks (one
    evaluation stands for all of them), with data enough to fill their tables."""
    roles, esperadas = PERFILES[perfil]
    p = pagina_movil
    usuario = organizacion.get(perfil)
    if usuario is None:
        usuario = EmpleadoFactory(usuario__roles=roles, fecha_alta=ALTA).usuario
    entrar_como(p, usuario)
    menu = p.locator("nav.menu a").evaluate_all("as => as.map(a => a.href)")
    assert len(menu) >= 4
    vistas = set()
    pendientes = [(url, 0) for url in menu]
    while pendientes:
        url, clics = pendientes.pop(0)
        ruta = url.removeprefix(live_server.url)
        tipo = re.sub(r"\d+", "N", ruta.split("?")[0])
        tipo = re.sub(r"/indicadores/[^/]+/", "/indicadores/X/", tipo)
        if NO_PAGINAS.search(ruta) or (tipo in vistas and clics):
            continue
        respuesta = p.goto(url)
        if tipo not in vistas:
            vistas.add(tipo)
            assert respuesta.ok, f"{ruta}: {respuesta.status}"
            _comprobar_pagina(p, comprobar_accesibilidad)
        if clics < 2:
            pendientes += [
                (enlace, clics + 1)
                for enlace in _enlaces_del_contenido(p, live_server.url)
            ]
    assert esperadas <= vistas, (sorted(esperadas - vistas), sorted(vistas))
    assert any(t.startswith(CURSO) for t in vistas), sorted(vistas)


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
