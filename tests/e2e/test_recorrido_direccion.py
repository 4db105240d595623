"""The management journey (issue 11): by clicking, the director reads the survey
results for the whole organisation (with intervals), the improvement dashboard and
one indicator, generates the quarterly report, approves it and downloads the PDF.
axe-core on every page, on a desktop and on a phone."""

import hashlib
from datetime import date

import pytest
from playwright.sync_api import expect

from encuestas import services as encuestas_services
from mejora import services as mejora_services
from mejora.models import Indicador, Informe
from mejora.tasks import generar_pdf_informe
from tests.factories import EmpleadoFactory, OficinaFactory, invitar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pagina(pagina_en_ventana):
    return pagina_en_ventana


@pytest.fixture
def directora(settings):
    # The flush between transactional tests recreates the default surveys.
    encuestas_services._CACHE_LINEAS.clear()
    from django.core.cache import cache

    cache.clear()
    settings.ENCUESTAS_MIN_N_OFICINA = 3
    oficina = OficinaFactory(nombre="OAC Centro", canales=["presencial"])
    for sat in ("5", "4", "4", "2"):
        _, token = invitar(oficina)
        encuestas_services.responder(token=token, datos={"SAT": sat})
    clima = Indicador.objects.get(codigo="clima-laboral")
    for periodo, valor in (("2026-Q1", 6.8), ("2026-Q2", 7.3)):
        mejora_services.registrar_valor_manual(
            indicador=clima, periodo=periodo, valor=valor, n=200
        )
    mejora_services.recalcular_indicadores(
        periodos=["2026-Q1", "2026-Q2"], codigos=["clima-laboral"]
    )
    mejora_services.fijar_meta(indicador=clima, anio=2026, objetivo=7.0, umbral=6.5)
    return EmpleadoFactory(
        oficina=oficina,
        usuario__roles=["empleado", "direccion"],
        nombre="Elena",
        apellidos="Vidal Soto",
        fecha_alta=date(2020, 1, 1),
    ).usuario


def test_la_direccion_recorre_encuestas_mejora_e_informe(
    pagina,
    live_server,
    entrar_como,
    comprobar_accesibilidad,
    por_el_menu,
    directora,
    monkeypatch,
):
    # The browser test plays the worker, as in test_mejora_informe.py.
    encolados = []
    monkeypatch.setattr(
        mejora_services,
        "_encolar_informe",
        lambda pk, version: encolados.append((pk, version)),
    )
    entrar_como(pagina, directora)
    expect(
        pagina.get_by_role("heading", name="La organización en cifras")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)

    # Survey results for the whole organisation, with 95 % intervals.
    por_el_menu(pagina, "Resultados de encuestas")
    expect(
        pagina.get_by_role("heading", name="Resultados de las encuestas")
    ).to_be_visible()
    expect(pagina.get_by_text("IC 95 %").first).to_be_attached()
    comprobar_accesibilidad(pagina)

    # The improvement dashboard, then one indicator.
    por_el_menu(pagina, "Mejora continua")
    expect(
        pagina.get_by_role("heading", name="Cuadro de mando de mejora continua")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Periodo").select_option("2026-Q2")
    pagina.get_by_role("button", name="Ver").click()
    expect(pagina.get_by_text("Meta alcanzada").first).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_role("link", name="Clima laboral (encuesta interna)").click()
    expect(
        pagina.get_by_role("heading", name="Clima laboral (encuesta interna)")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)

    # Reports: generate the quarterly one, approve it, download the final PDF.
    por_el_menu(pagina, "Informes de mejora")
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Tipo").select_option("trimestral")
    pagina.get_by_label("Periodo").fill("2026-Q2")
    pagina.get_by_role("button", name="Generar informe").click()
    expect(pagina.get_by_role("status")).to_contain_text("En cola")
    comprobar_accesibilidad(pagina)
    generar_pdf_informe(*encolados[0])
    expect(pagina.get_by_role("link", name="Descargar PDF")).to_be_visible(
        timeout=20_000
    )
    comprobar_accesibilidad(pagina)

    pagina.get_by_role("button", name="Aprobar (congela el informe)").click()
    assert len(encolados) == 2
    generar_pdf_informe(*encolados[1])
    expect(pagina.locator("#estado-texto")).to_have_text("Aprobado", timeout=20_000)
    # The poller writes "Aprobado" and then reloads; wait for the reloaded page
    # (its approval notice is server-rendered) so axe does not run mid-navigation.
    expect(pagina.locator("#estado-informe .estado--ok")).to_be_visible(timeout=20_000)
    comprobar_accesibilidad(pagina)
    informe = Informe.objects.get()
    assert informe.estado == Informe.Estado.APROBADO
    with pagina.expect_download() as info:
        pagina.get_by_role("link", name="Descargar PDF").click()
    with open(info.value.path(), "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == informe.sha256
