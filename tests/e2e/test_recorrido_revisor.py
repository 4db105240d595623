"""The appeal reviewer's journey (issue 11): the evaluator's own supervisor finds
the appeal from her home page, reads it, decides with reasons and reads the
history; the employee then sees the decision. axe-core on every page, on a
desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.factories import CampanaFactory, EmpleadoFactory, OficinaFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pagina(pagina_en_ventana):
    return pagina_en_ventana


@pytest.fixture
def alegada(db):
    oficina = OficinaFactory(nombre="OAC de Pruebas")
    coordinadora = EmpleadoFactory(
        oficina=oficina,
        usuario__roles=["empleado", "supervisor"],
        nombre="Elena",
        apellidos="Prieto Vidal",
    )
    jefa = EmpleadoFactory(
        oficina=oficina,
        supervisor=coordinadora,
        usuario__roles=["empleado", "supervisor"],
        nombre="Carmen",
        apellidos="Ortega Ruiz",
    )
    pedro = EmpleadoFactory(
        oficina=oficina, supervisor=jefa, nombre="Pedro", apellidos="Sanz Gil"
    )
    campana = CampanaFactory(nombre="Evaluación anual de prueba", oficinas=[oficina])
    services.abrir_campana(campana=campana)
    ev = Evaluacion.objects.get(campana=campana, empleado=pedro)
    datos = {
        p.competencia_id: {"nivel": 2, "evidencia": "Observación directa"}
        for p in ev.puntuaciones.all()
    }
    ev = services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=jefa.usuario
    )
    ev = services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=jefa.usuario)
    ev = services.alegar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        texto="Cubrí el teléfono durante la baja de un compañero.",
        por=pedro.usuario,
    )
    assert ev.revisor_id == coordinadora.pk
    return {"coordinadora": coordinadora, "pedro": pedro, "evaluacion": ev}


def test_la_revisora_resuelve_la_alegacion_y_el_empleado_ve_la_decision(
    pagina, live_server, entrar_como, comprobar_accesibilidad, por_el_menu, alegada
):
    entrar_como(pagina, alegada["coordinadora"].usuario)
    panel = pagina.locator("section", has_text="Evaluaciones de mi equipo")
    expect(panel).to_contain_text("1 alegaciones que revisar")
    comprobar_accesibilidad(pagina)

    panel.get_by_role("link", name="Ir a las evaluaciones").click()
    asignadas = pagina.get_by_role("region", name="Alegaciones asignadas")
    expect(asignadas).to_contain_text("Alegada")
    comprobar_accesibilidad(pagina)
    asignadas.get_by_role("link", name="Sanz Gil, Pedro").click()
    expect(
        pagina.get_by_role("heading", name="Evaluación de Pedro Sanz Gil")
    ).to_be_visible()
    expect(
        pagina.get_by_text(
            "Cubrí el teléfono durante la baja de un compañero.", exact=True
        )
    ).to_be_visible()
    comprobar_accesibilidad(pagina)

    pagina.get_by_role("link", name="Revisar la alegación").click()
    expect(
        pagina.get_by_role("heading", name="Alegación de Pedro Sanz Gil")
    ).to_be_visible()
    expect(pagina.locator("blockquote")).to_contain_text(
        "Cubrí el teléfono durante la baja de un compañero."
    )
    comprobar_accesibilidad(pagina)
    # Without reasons the decision is refused, and the field says why.
    pagina.get_by_label("Alegación estimada en parte").check()
    pagina.get_by_role("button", name="Resolver la alegación").click()
    expect(pagina.get_by_label("Motivos")).to_have_attribute("aria-invalid", "true")
    expect(pagina.get_by_text("Este campo es necesario.")).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Alegación estimada en parte").check()
    pagina.get_by_label("Motivos").fill(
        "Consta la cobertura del teléfono; se tiene en cuenta en parte."
    )
    pagina.get_by_role("button", name="Resolver la alegación").click()
    expect(pagina.locator(".mensaje--success")).to_contain_text("Alegación resuelta.")
    expect(
        pagina.locator("strong", has_text="Alegación estimada en parte")
    ).to_be_visible()
    historial = pagina.locator("table.historial")
    expect(historial).to_contain_text("Estado: Alegada → Revisada")
    expect(historial).not_to_contain_text("{'")
    comprobar_accesibilidad(pagina)
    ev = alegada["evaluacion"]
    ev.refresh_from_db()
    assert ev.estado == Evaluacion.Estado.REVISADA
    assert ev.decision == Evaluacion.Decision.PARCIAL

    # The employee reads the decision from his own list.
    pagina.context.clear_cookies()
    entrar_como(pagina, alegada["pedro"].usuario)
    por_el_menu(pagina, "Evaluación", exact=True)
    mias = pagina.get_by_role("region", name="Mis evaluaciones")
    expect(mias).to_contain_text("Revisada")
    comprobar_accesibilidad(pagina)
    mias.get_by_role("link", name="Sanz Gil, Pedro").click()
    decision = pagina.locator(
        "p", has=pagina.locator("strong", has_text="Alegación estimada en parte")
    )
    expect(decision).to_contain_text(
        "(Elena Prieto Vidal): Consta la cobertura del teléfono; se tiene en cuenta en parte."
    )
    comprobar_accesibilidad(pagina)
