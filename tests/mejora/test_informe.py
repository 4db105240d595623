import io
import re
from datetime import date

import pytest
from django.core import mail
from django.utils import translation
from pypdf import PdfReader

from mejora import informe as documento
from mejora import services
from mejora.models import (
    Informe,
)
from tests.mejora.conftest import _generar, _texto_pdf

pytestmark = pytest.mark.django_db


def test_informe_trimestral_genera_pdf_con_las_cifras_de_los_datos(
    datos, usuario_direccion, django_capture_on_commit_callbacks
):
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    assert inf.estado == Informe.Estado.LISTO and inf.progreso == 100
    texto = _texto_pdf(inf)
    # 3 of 4 serve the counter → 75,0 %; target 70;
    # self-assessment criterion 6: 45 % of 200 = 90 points; one part scored
    # out of the model's parts is no total out of 1000.
    assert "75,0" in texto and "n = 4" in texto
    assert "70,0" in texto
    assert "90,0 / 200" in texto
    assert "de 1000" not in texto and "/ 1000" not in texto
    for seccion in (
        "1. Resumen ejecutivo",
        "2. Perfil de la organización",
        "3. Resultados",
        "4. Cumplimiento de las cartas de servicios",
        "5. Autoevaluación",
        "6. Análisis de causas entre módulos",
        "7. Plan de mejora",
        "8. Seguimiento del plan anterior",
        "9. Anexo",
    ):
        assert seccion in texto
    assert "Reforzar la atención presencial" in texto
    assert "12 (4×3)" in texto  # priority = impact × feasibility
    assert "Carta de servicios general" in texto
    assert mail.outbox and usuario_direccion.email in mail.outbox[-1].to


def test_la_misma_informacion_da_las_mismas_cifras(datos, usuario_direccion):
    inf = Informe.objects.create(
        tipo="trimestral", periodo="2026-Q2", modelo=datos["efqm"]
    )
    d1 = documento.reunir_datos(inf, hoy=date(2026, 7, 5))
    d2 = documento.reunir_datos(inf, hoy=date(2026, 7, 5))
    assert d1 == d2
    # The criteria chart is 340 wide: on a 390 px phone its text stays ≥ 10 px.
    assert 'width="340"' in d1["autoevaluacion"]["svg"]
    assert documento.pdf(d1)[:4] == b"%PDF"


def test_el_pdf_sale_en_el_idioma_del_sitio_sea_cual_sea_el_activo(datos):
    inf = Informe.objects.create(
        tipo="trimestral", periodo="2026-Q2", modelo=datos["efqm"]
    )
    d = documento.reunir_datos(inf, hoy=date(2026, 7, 5))

    def texto(idioma):
        with translation.override(idioma):
            contenido = documento.pdf(d)
        return " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages
        )

    espanol = texto("es")
    # Decimal commas: the figures would read 51.4 if English were used.
    assert re.search(r"\d,\d", espanol)
    assert texto("en") == espanol


def test_progreso_queda_en_la_fila_mientras_se_genera(
    datos, usuario_direccion, monkeypatch, django_capture_on_commit_callbacks
):
    vistos = []
    original = documento.pdf

    def espiar(d):
        vistos.append(Informe.objects.values_list("estado", "progreso", "etapa").get())
        return original(d)

    monkeypatch.setattr(documento, "pdf", espiar)
    inf = _generar(datos, usuario_direccion, django_capture_on_commit_callbacks)
    assert vistos == [("generando", 70, "Componiendo el PDF")]
    assert inf.etapa == "Listo"


def test_el_modelo_programado_y_el_nombre_de_la_organizacion_vienen_de_settings(
    settings,
):
    settings.MEJORA_MODELO_INFORME = "CAF"
    settings.WAGTAIL_SITE_NAME = "Ayuntamiento de Prueba"
    inf = services.programar_informes(hoy=date(2026, 7, 3), tipo="trimestral")
    assert inf.modelo.codigo == "CAF"
    portada = documento.reunir_datos(inf, hoy=date(2026, 7, 5))["portada"]
    assert portada["organizacion"] == "Ayuntamiento de Prueba"
