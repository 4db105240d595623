"""A supervisor scores and sends; one employee acknowledges, another appeals; axe-core on every page."""

import pytest
from playwright.sync_api import expect

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.factories import CampanaFactory, EmpleadoFactory, OficinaFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def equipo_abierto(db):
    oficina = OficinaFactory(nombre="OAC de Pruebas")
    coordinadora = EmpleadoFactory(
        oficina=oficina, usuario__roles=["empleado", "supervisor"]
    )
    jefa = EmpleadoFactory(
        oficina=oficina,
        supervisor=coordinadora,
        usuario__roles=["empleado", "supervisor"],
        nombre="Carmen",
        apellidos="Ortega Ruiz",
    )
    lucia = EmpleadoFactory(
        oficina=oficina, supervisor=jefa, nombre="Lucía", apellidos="Martín Gómez"
    )
    pedro = EmpleadoFactory(
        oficina=oficina, supervisor=jefa, nombre="Pedro", apellidos="Sanz Gil"
    )
    campana = CampanaFactory(nombre="Evaluación anual de prueba", oficinas=[oficina])
    services.abrir_campana(campana=campana)
    return {
        "jefa": jefa,
        "lucia": lucia,
        "pedro": pedro,
        "campana": campana,
        "coordinadora": coordinadora,
    }


def _enviar(ev, nivel=3):
    datos = {
        p.competencia_id: {"nivel": nivel, "evidencia": "Observación directa"}
        for p in ev.puntuaciones.all()
    }
    ev = services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=None
    )
    return services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)


def test_la_supervisora_puntua_y_envia(
    pagina, live_server, entrar_como, comprobar_accesibilidad, equipo_abierto
):
    ev = Evaluacion.objects.get(empleado=equipo_abierto["lucia"])
    entrar_como(pagina, equipo_abierto["jefa"].usuario)
    pagina.goto(f"{live_server.url}/evaluacion/")
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("link", name="Martín Gómez, Lucía").click()
    expect(
        pagina.get_by_role("heading", name="Evaluación de Lucía Martín Gómez")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("link", name="Puntuar esta evaluación").click()
    expect(
        pagina.get_by_role("heading", name="Puntuar a Lucía Martín Gómez")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    for i, p in enumerate(ev.puntuaciones.order_by("orden")):
        pagina.locator(
            f"input[name=nivel_{p.competencia_id}][value='{4 if i % 2 else 3}']"
        ).check()
    # A level 5 without evidence is refused with a clear message, and nothing is sent.
    primera = ev.puntuaciones.order_by("orden").first()
    pagina.locator(f"input[name=nivel_{primera.competencia_id}][value='5']").check()
    pagina.get_by_role("button", name="Guardar y enviar a la persona evaluada").click()
    expect(pagina.get_by_role("alert")).to_contain_text("anote la evidencia")
    comprobar_accesibilidad(pagina)
    pagina.get_by_label(f"Evidencias de {primera.competencia.codigo}").fill(
        "Forma a los compañeros nuevos"
    )
    pagina.get_by_role("button", name="Guardar y enviar a la persona evaluada").click()
    expect(
        pagina.get_by_text("Evaluación enviada a Lucía Martín Gómez")
    ).to_be_visible()
    expect(pagina.get_by_text("Cumple el estándar")).to_be_visible()
    comprobar_accesibilidad(pagina)
    ev.refresh_from_db()
    assert ev.estado == Evaluacion.Estado.ENVIADA


def test_la_empleada_la_da_por_recibida(
    pagina, live_server, entrar_como, comprobar_accesibilidad, equipo_abierto
):
    ev = _enviar(Evaluacion.objects.get(empleado=equipo_abierto["lucia"]))
    entrar_como(pagina, equipo_abierto["lucia"].usuario)
    pagina.goto(f"{live_server.url}/evaluacion/evaluaciones/{ev.pk}/")
    expect(
        pagina.get_by_role("heading", name="Niveles por competencia").or_(
            pagina.get_by_text("Niveles por competencia")
        )
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Comentario (opcional)").fill(
        "Recibida; lo hablamos en la entrevista."
    )
    pagina.get_by_role("button", name="Dar por recibida").click()
    expect(pagina.get_by_text("Ha dado la evaluación por recibida.")).to_be_visible()
    expect(
        pagina.get_by_text("Recibida; lo hablamos en la entrevista.").first
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    ev.refresh_from_db()
    assert ev.estado == Evaluacion.Estado.RECONOCIDA


def test_otro_empleado_alega_y_la_revisora_la_ve(
    pagina, live_server, entrar_como, comprobar_accesibilidad, equipo_abierto
):
    ev = _enviar(Evaluacion.objects.get(empleado=equipo_abierto["pedro"]), nivel=2)
    entrar_como(pagina, equipo_abierto["pedro"].usuario)
    pagina.goto(f"{live_server.url}/evaluacion/evaluaciones/{ev.pk}/")
    expect(pagina.get_by_text("No cumple el estándar")).to_be_visible()
    pagina.get_by_label("Texto de la alegación").fill(
        "Cubrí el teléfono durante la baja de un compañero."
    )
    pagina.get_by_role("button", name="Presentar alegación").click()
    expect(pagina.get_by_text("Alegación presentada.")).to_be_visible()
    comprobar_accesibilidad(pagina)
    ev.refresh_from_db()
    assert ev.estado == Evaluacion.Estado.ALEGADA

    pagina.context.clear_cookies()
    entrar_como(pagina, equipo_abierto["coordinadora"].usuario)
    pagina.goto(f"{live_server.url}/evaluacion/evaluaciones/{ev.pk}/revisar/")
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Alegación desestimada").check()
    pagina.get_by_label("Motivos").fill("Las escuchas no lo respaldan.")
    pagina.get_by_role("button", name="Resolver la alegación").click()
    expect(pagina.get_by_text("Alegación resuelta.")).to_be_visible()
    ev.refresh_from_db()
    assert ev.estado == Evaluacion.Estado.REVISADA


def test_paginas_de_campana_accesibles(
    pagina, live_server, entrar_como, comprobar_accesibilidad, equipo_abierto
):
    _enviar(Evaluacion.objects.get(empleado=equipo_abierto["pedro"]), nivel=2)
    entrar_como(pagina, equipo_abierto["jefa"].usuario)
    campana = equipo_abierto["campana"]
    for ruta, titulo in [
        ("", "Evaluación anual de prueba"),
        ("mapa/", "Mapa de calor del equipo"),
        ("calibracion/", "Calibración de evaluadores"),
    ]:
        pagina.goto(f"{live_server.url}/evaluacion/campanas/{campana.pk}/{ruta}")
        expect(pagina.get_by_role("heading", name=titulo, exact=True)).to_be_visible()
        comprobar_accesibilidad(pagina)
