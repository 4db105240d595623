"""A manager generates the quarterly report, watches its progress, downloads the
PDF; the dashboard passes axe-core."""

import hashlib
import io
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from mejora import services
from mejora.models import Indicador, Informe
from mejora.tasks import generar_pdf_informe
from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def direccion():
    clima = Indicador.objects.get(codigo="clima-laboral")
    for periodo, valor in (("2026-Q1", 6.8), ("2026-Q2", 7.3)):
        services.registrar_valor_manual(
            indicador=clima, periodo=periodo, valor=valor, n=200
        )
    services.recalcular_indicadores(
        periodos=["2026-Q1", "2026-Q2"], codigos=["clima-laboral"]
    )
    services.fijar_meta(indicador=clima, anio=2026, objetivo=7.0, umbral=6.5)
    return EmpleadoFactory(
        usuario__roles=["empleado", "direccion"], fecha_alta=date(2020, 1, 1)
    ).usuario


def test_direccion_genera_el_informe_trimestral_ve_el_progreso_y_descarga_el_pdf(
    pagina, live_server, entrar_como, comprobar_accesibilidad, direccion, monkeypatch
):
    # The browser test plays the worker: the request only queues the job, and the
    # test runs the task while the page polls. (The real worker is covered in
    # tests/integration/test_mejora_worker.py.)
    encolados = []
    monkeypatch.setattr(
        services,
        "_encolar_informe",
        lambda pk, version: encolados.append((pk, version)),
    )

    entrar_como(pagina, direccion)
    pagina.goto(f"{live_server.url}/mejora/?periodo=2026-Q2")
    expect(
        pagina.get_by_role("heading", name="Cuadro de mando de mejora continua")
    ).to_be_visible()
    expect(pagina.get_by_text("Meta alcanzada").first).to_be_visible()
    comprobar_accesibilidad(pagina)

    pagina.goto(f"{live_server.url}/mejora/informes/")
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Tipo").select_option("trimestral")
    pagina.get_by_label("Periodo").fill("2026-Q2")
    pagina.get_by_role("button", name="Generar informe").click()

    expect(pagina.get_by_role("status")).to_contain_text("En cola")
    expect(pagina.locator("#estado-barra")).to_have_attribute("value", "0")
    comprobar_accesibilidad(pagina)
    assert len(encolados) == 1
    generar_pdf_informe(*encolados[0])

    # The polling script notices the end and reloads: the download appears.
    descarga = pagina.get_by_role("link", name="Descargar PDF")
    expect(descarga).to_be_visible(timeout=20_000)
    expect(pagina.get_by_role("status")).to_contain_text("Listo")
    expect(
        pagina.get_by_role("heading", name="9. Anexo: método y calidad de los datos")
    ).to_be_visible()
    with pagina.expect_download() as info:
        descarga.click()
    ruta = info.value.path()
    with open(ruta, "rb") as f:
        texto = " ".join(
            " ".join(
                p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages
            ).split()
        )
    assert "Clima laboral (encuesta interna)" in texto and "7,3" in texto
    assert Informe.objects.get().estado == Informe.Estado.LISTO

    # Approving queues the final PDF; the page says approved only once it exists,
    # and then the page, the PDF and its SHA-256 agree.
    pagina.get_by_role("button", name="Aprobar (congela el informe)").click()
    assert len(encolados) == 2
    generar_pdf_informe(*encolados[1])
    expect(pagina.locator("#estado-texto")).to_have_text("Aprobado", timeout=20_000)
    informe = Informe.objects.get()
    assert informe.estado == Informe.Estado.APROBADO
    expect(pagina.locator("body")).not_to_contain_text("Pendiente de aprobación")
    expect(pagina.locator("body")).to_contain_text(informe.sha256)
    with pagina.expect_download() as info:
        pagina.get_by_role("link", name="Descargar PDF").click()
    with open(info.value.path(), "rb") as f:
        contenido = f.read()
    assert hashlib.sha256(contenido).hexdigest() == informe.sha256
    texto = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages
        ).split()
    )
    assert "Aprobado por" in texto and "Pendiente de aprobación" not in texto


def test_tablero_sin_datos_es_accesible_y_lo_dice(
    pagina, live_server, entrar_como, comprobar_accesibilidad
):
    calidad = EmpleadoFactory(usuario__roles=["empleado", "calidad"]).usuario
    entrar_como(pagina, calidad)
    pagina.goto(f"{live_server.url}/mejora/?periodo=2026-Q2")
    expect(pagina.get_by_text("sin datos").first).to_be_visible()
    comprobar_accesibilidad(pagina)
