"""The supervisor's journey (issue 11): assigns a course to her team by clicking,
sees what happened and the course in the team matrix, records external training
and sees it, learns why an evaluation cannot be closed yet and reads its history.
axe-core on every page, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from evaluacion import services as evaluacion_services
from evaluacion.models import Evaluacion
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
def equipo(db):
    mia = OficinaFactory(nombre="OAC Centro")
    OficinaFactory(nombre="OAC Norte")
    jefa = EmpleadoFactory(
        oficina=mia,
        usuario__roles=["empleado", "supervisor"],
        nombre="Carmen",
        apellidos="Ortega Ruiz",
    )
    lucia = EmpleadoFactory(
        oficina=mia, supervisor=jefa, nombre="Lucía", apellidos="Martín Gómez"
    )
    EmpleadoFactory(oficina=mia, supervisor=jefa, nombre="Pedro", apellidos="Sanz Gil")
    curso_con_lecciones(n_lecciones=1, title="Lenguaje claro en la atención")
    campana = CampanaFactory(nombre="Evaluación anual de prueba", oficinas=[mia])
    evaluacion_services.abrir_campana(campana=campana)
    ev = Evaluacion.objects.get(campana=campana, empleado=lucia)
    datos = {
        p.competencia_id: {"nivel": 3, "evidencia": "Observación directa"}
        for p in ev.puntuaciones.all()
    }
    ev = evaluacion_services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=jefa.usuario
    )
    ev = evaluacion_services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=jefa.usuario
    )
    return {"jefa": jefa, "evaluacion": ev}


def test_la_supervisora_recorre_su_formacion_y_su_evaluacion(
    pagina, live_server, entrar_como, comprobar_accesibilidad, por_el_menu, equipo
):
    entrar_como(pagina, equipo["jefa"].usuario)
    expect(pagina.get_by_text("matrículas fuera de plazo")).to_contain_text("0")
    comprobar_accesibilidad(pagina)

    # Assign a (non-mandatory) course: only her office is offered.
    por_el_menu(pagina, "Formación del equipo")
    expect(
        pagina.get_by_role("heading", name="Formación del equipo", exact=True)
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("link", name="Asignar un curso").click()
    expect(pagina.get_by_role("heading", name="Asignar un curso")).to_be_visible()
    comprobar_accesibilidad(pagina)
    oficinas = pagina.get_by_label("Oficina").locator("option").all_inner_texts()
    assert oficinas == ["Cualquiera", "OAC Centro"], oficinas
    pagina.get_by_label("Curso").select_option(label="Lenguaje claro en la atención")
    pagina.get_by_label("Oficina").select_option(label="OAC Centro")
    pagina.get_by_label("Obligatoria").uncheck()
    pagina.get_by_role("button", name="Asignar").click()
    expect(pagina.locator(".mensaje--success")).to_contain_text(
        "«Lenguaje claro en la atención»: 2 matrículas nuevas."
    )
    expect(
        pagina.get_by_role("columnheader", name="Lenguaje claro en la atención")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)

    # Record external training and find it on the same page.
    pagina.get_by_role("link", name="Registrar formación externa").click()
    expect(
        pagina.get_by_role("heading", name="Registrar formación externa")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Empleado").select_option(label="Lucía Martín Gómez")
    pagina.get_by_label("Título").fill("Jornada de accesibilidad cognitiva")
    pagina.get_by_label("Entidad organizadora").fill("INAP")
    pagina.get_by_label("Horas").fill("6")
    pagina.get_by_label("Modalidad").select_option("presencial")
    pagina.get_by_label("Fecha de inicio").fill("2026-03-02")
    pagina.get_by_label("Fecha de finalización").fill("2026-03-03")
    pagina.get_by_label("Evidencia").set_input_files(
        {"name": "diploma.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    pagina.get_by_role("button", name="Registrar").click()
    expect(pagina.locator(".mensaje--success")).to_contain_text(
        "Formación externa registrada para"
    )
    externa = pagina.locator("section", has_text="Formación externa registrada")
    fila = externa.get_by_role("row", name=re.compile("Martín Gómez, Lucía"))
    expect(fila).to_contain_text("Jornada de accesibilidad cognitiva")
    expect(fila).to_contain_text("6,0 h")
    expect(fila).to_contain_text("02/03/2026 – 03/03/2026")
    comprobar_accesibilidad(pagina)

    # The evaluation: why it cannot be closed yet, and a readable history.
    ev = equipo["evaluacion"]
    por_el_menu(pagina, "Evaluación", exact=True)
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("link", name="Martín Gómez, Lucía").click()
    expect(
        pagina.get_by_role("heading", name="Evaluación de Lucía Martín Gómez")
    ).to_be_visible()
    expect(pagina.get_by_role("button", name="Cerrar la evaluación")).to_have_count(0)
    expect(pagina.locator("#motivo-no-cerrar")).to_contain_text(
        f"puede presentar alegaciones hasta el {ev.plazo_alegaciones:%d/%m/%Y}"
    )
    historial = pagina.locator("table.historial")
    expect(historial).to_contain_text("Estado: En evaluación → Enviada")
    expect(historial).not_to_contain_text("{'")
    comprobar_accesibilidad(pagina)
