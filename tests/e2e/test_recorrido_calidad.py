"""The quality officer's journey (issue 11): from the platform she reaches the
Wagtail admin (courses and the question bank, where she edits a translation
and checks it in the phone preview), creates an API integration with
an office and a channel in the Django admin (key and signing secret shown once),
and opens the evaluation campaigns and the improvement indicators with their
targets. axe-core on the platform's own pages, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from encuestas.models import IntegracionAPI, Item
from organizacion.models import Canal
from tests.factories import (
    CampanaFactory,
    EmpleadoFactory,
    OficinaFactory,
    curso_con_lecciones,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pagina(pagina_en_ventana):
    return pagina_en_ventana


@pytest.fixture
def calidad(db):
    oficina = OficinaFactory(nombre="OAC Centro", canales=["presencial", "telematico"])
    tecnica = EmpleadoFactory(
        oficina=oficina,
        usuario__roles=["empleado", "calidad"],
        nombre="Ana",
        apellidos="Rivas Soler",
    )
    tecnica.usuario.is_staff = True
    tecnica.usuario.save(update_fields=["is_staff"])
    curso_con_lecciones(n_lecciones=1, title="Lenguaje claro en la atención")
    CampanaFactory(nombre="Evaluación anual de prueba", oficinas=[oficina])
    return {"tecnica": tecnica, "oficina": oficina}


def test_calidad_configura_cursos_encuestas_integraciones_campanas_e_indicadores(
    pagina, live_server, entrar_como, comprobar_accesibilidad, por_el_menu, calidad
):
    entrar_como(pagina, calidad["tecnica"].usuario)
    comprobar_accesibilidad(pagina)

    # Wagtail's own admin pages are third-party markup: they must load and show
    # what calidad edits, but axe is not run on them.
    por_el_menu(pagina, "Contenidos (CMS)")
    expect(pagina).to_have_url(re.compile(r"/cms/$"))
    # The dashboard's page summary opens calidad's part of the tree: the courses.
    pagina.get_by_role("link", name=re.compile(r"\d+ (Pages|Páginas)")).click()
    expect(
        pagina.get_by_role("link", name="Lenguaje claro en la atención").first
    ).to_be_visible()

    # On a phone the sidebar is folded away: the click event goes to the link itself.
    with pagina.expect_navigation():
        pagina.locator("a", has_text="Banco de preguntas").first.dispatch_event("click")
    expect(pagina).to_have_url(re.compile(r"/cms/encuestas/preguntas/$"))
    # The question bank editor is the platform's own markup: axe runs on it.
    comprobar_accesibilidad(pagina, contexto="main")
    expect(pagina.get_by_text("Euskera: Borrador").first).to_be_visible()
    pagina.get_by_role("link", name="CONF", exact=True).click()
    expect(pagina.get_by_label("Texto en Gallego")).to_have_value(
        re.compile("confianza na Administración")
    )
    comprobar_accesibilidad(pagina, contexto="main")
    # One field per language; the phone preview shows what is typed, unsaved.
    pagina.get_by_label("Texto en Gallego").fill(
        "Esta atención aumentou a miña confianza nas institucións."
    )
    pagina.get_by_label("Idioma de la vista previa").select_option("gl")
    pagina.get_by_role("button", name="Actualizar la vista previa").click()
    vista = pagina.frame_locator("iframe[name=vista-previa]")
    expect(
        vista.get_by_role("group", name=re.compile("miña confianza"))
    ).to_be_visible()
    expect(vista.get_by_role("radio")).to_have_count(5)
    pagina.get_by_label("Estado de la traducción al Gallego").select_option("revisada")
    pagina.get_by_role("button", name="Guardar", exact=True).click()
    expect(pagina.get_by_text("Cambios guardados.")).to_be_visible()
    version = Item.objects.get(codigo="CONF").version_vigente()
    assert version.textos["gl"].startswith("Esta atención aumentou")

    with pagina.expect_navigation():
        pagina.locator(
            "a", has_text="Encuestas, quioscos e integraciones"
        ).first.dispatch_event("click")
    expect(pagina).to_have_url(re.compile(r"/admin/encuestas/$"))

    # The Django admin (also third-party markup): a new integration with an
    # office and a channel; the key and the signing secret are shown once.
    pagina.get_by_role("link", name="Integraciones (API)").first.click()
    expect(pagina).to_have_url(re.compile(r"/admin/encuestas/integracionapi/$"))
    # The admin's side menu also has an «Añadir» per model: take this model's.
    pagina.locator("#content a[href$='/integracionapi/add/']").first.click()
    expect(pagina).to_have_url(re.compile(r"/integracionapi/add/$"))
    pagina.get_by_label("Nombre").fill("Sede electrónica municipal")
    pagina.get_by_label("Oficinas").select_option(label=str(calidad["oficina"]))
    pagina.get_by_label("Canales").select_option(
        label=str(Canal.objects.get(codigo="telematico"))
    )
    pagina.get_by_role("button", name="Guardar", exact=True).click()
    expect(
        pagina.get_by_text("Clave de la API (no se volverá a mostrar)")
    ).to_be_visible()
    expect(
        pagina.get_by_text("Secreto para firmar los enlaces de encuesta")
    ).to_be_visible()
    nueva = IntegracionAPI.objects.get(nombre="Sede electrónica municipal")
    assert list(nueva.oficinas.all()) == [calidad["oficina"]]
    assert list(nueva.canales.values_list("codigo", flat=True)) == ["telematico"]

    # Back on the platform: campaigns and the improvement indicators.
    pagina.get_by_role("link", name=re.compile("Ver el sitio", re.I)).click()
    por_el_menu(pagina, "Campañas de evaluación")
    expect(
        pagina.get_by_role("heading", name="Campañas de evaluación", exact=True)
    ).to_be_visible()
    expect(pagina.get_by_text("Evaluación anual de prueba")).to_be_visible()
    comprobar_accesibilidad(pagina)

    por_el_menu(pagina, "Mejora continua")
    expect(
        pagina.get_by_role("heading", name="Cuadro de mando de mejora continua")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.locator("main h2 a").first.click()
    expect(pagina.get_by_role("heading", name="Metas", exact=True)).to_be_visible()
    expect(pagina.get_by_role("button", name="Guardar meta")).to_be_visible()
    comprobar_accesibilidad(pagina)
