"""SVG charts: well-formed, accessible, coordinates computed by hand, and the
same picture inside a PDF."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from pypdf import PdfReader

from comun import graficos
from comun.pdf import pdf_de_html

NS = {"s": "http://www.w3.org/2000/svg"}


def _arbol(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_tendencia_a_mano():
    # Values 0 and 10: axis −1…11 (10 % margin), plot height 110 − 10 − 22 = 78,
    # y(v) = 10 + 78·(1 − (v + 1)/12); x from 34 to 34 + 276.
    svg = graficos.tendencia(
        [("2026-T1", 0.0), ("2026-T2", 10.0)], objetivo=5, titulo="CSAT"
    )
    raiz = _arbol(svg)
    assert raiz.get("role") == "img" and raiz.get("aria-label") == "CSAT"
    assert raiz.find("s:title", NS).text == "CSAT"
    assert raiz.find("s:polyline", NS).get("points") == "34.0,81.5 310.0,16.5"
    objetivo = raiz.findall("s:line", NS)[1]
    assert objetivo.get("y1") == objetivo.get("y2") == "49.0"  # 10 + 78·(1 − 6/12)
    assert objetivo.get("stroke-dasharray") == "4 3"
    textos = [t.text for t in raiz.findall("s:text", NS)]
    assert textos[2:] == ["26-T1", "26-T2"]


def test_tendencia_etiquetas_en_el_idioma_activo():
    # The axis is labelled with the series' extremes.
    puntos = [("2026-T1", 40.0), ("2026-T2", 80.5)]
    with translation.override("es"):
        assert ">80,5<" in graficos.tendencia(puntos)
    with translation.override("en"):
        assert ">80.5<" in graficos.tendencia(puntos)


def test_tendencia_corta_la_linea_en_los_huecos_y_marca_senales():
    svg = graficos.tendencia(
        [("2026-T1", 1), ("2026-T2", 2), ("2026-T3", None), ("2026-T4", 3)],
        senales={3},
    )
    raiz = _arbol(svg)
    # T1–T2 is a segment; T4 alone is a dot, no line.
    assert len(raiz.findall("s:polyline", NS)) == 1
    circulos = raiz.findall("s:circle", NS)
    assert [c.get("r") for c in circulos] == ["2.5", "2.5", "4"]
    assert circulos[-1].get("fill") == graficos.ROJO


def test_tendencia_sin_valores_no_dibuja_y_constante_no_divide_por_cero():
    assert graficos.tendencia([("2026-T1", None)]) == ""
    raiz = _arbol(graficos.tendencia([("2026-T1", 5), ("2026-T2", 5)]))
    # A flat series sits mid-height: axis 4…6 → 3.8…6.2, y(5) = 10 + 78/2.
    assert raiz.find("s:polyline", NS).get("points") == "34.0,49.0 310.0,49.0"


def test_barras_a_mano():
    # Width 420: 310 usable units after the 60-unit label and 50 for the figure.
    with translation.override("es"):
        svg = graficos.barras(
            [("1", 50.0), ("2", None), ("3", 0.1)], titulo="Criterios"
        )
    raiz = _arbol(svg)
    assert raiz.get("height") == str(18 * 3 + 8)
    rects = raiz.findall("s:rect", NS)
    assert [r.get("width") for r in rects] == [
        "155.0",
        "1",
    ]  # a tiny value stays visible
    textos = [t.text for t in raiz.findall("s:text", NS)]
    assert textos == ["1", "50,0", "2", "sin datos", "3", "0,1"]
    assert raiz.findall("s:text", NS)[1].get("x") == "219.0"


def test_los_textos_se_escapan():
    svg = graficos.barras([("<b>&", 10)], titulo='"a" <script>')
    raiz = _arbol(svg)
    assert raiz.find("s:title", NS).text == '"a" <script>'
    assert raiz.find("s:text", NS).text == "<b>&"
    assert "<script>" not in svg and "<b>" not in svg


def _niveles(filas, **kw):
    return graficos.niveles(
        filas,
        1,
        4,
        titulo="Nivel por competencia",
        leyenda=("Supervisión", "Requerido", "Autoevaluación"),
        nombre_valor="Nivel",
        **kw,
    )


def test_niveles_a_mano():
    # Scale 1–4 over 640 − 230 − 20 = 390 units: 97.5 per level from x = 230.
    svg = _niveles(
        [
            {"etiqueta": "C1 Orientación", "valor": 3, "referencia": 2, "marca": 4},
            {"etiqueta": "C2 " + "x" * 40, "valor": None, "referencia": 3},
        ]
    )
    raiz = _arbol(svg)
    assert raiz.get("height") == str(34 + 34 * 2 + 30)
    assert raiz.find("s:title", NS).text == "Nivel por competencia"
    barra = [r for r in raiz.findall("s:rect", NS) if r.find("s:title", NS) is not None]
    assert len(barra) == 1 and barra[0].get("width") == "292.5"
    assert barra[0].find("s:title", NS).text == "Nivel: 3"
    ticks = [r.get("x") for r in raiz.findall("s:rect", NS) if r.get("width") == "4"]
    assert ticks == ["423.0", "520.5"]  # 230 + 2·97.5 − 2, 230 + 3·97.5 − 2
    rombo = raiz.find("s:polygon", NS).get("points")
    assert rombo == "620.0,41 627.0,48 620.0,55 613.0,48"
    textos = [t.text for t in raiz.findall("s:text", NS)]
    assert textos[:4] == ["1", "2", "3", "4"]
    assert textos[4:7] == ["Supervisión", "Requerido", "Autoevaluación"]
    assert textos[-1] == "C2 " + "x" * 26 + "…"


def test_niveles_exige_las_tres_entradas_de_la_leyenda():
    with pytest.raises(ValueError):
        graficos.niveles([], 1, 4, titulo="t", leyenda=("a", "b"), nombre_valor="Nivel")


def test_el_mismo_grafico_se_lee_en_el_pdf():
    svg = _niveles([{"etiqueta": "C1 Escucha activa", "valor": 2, "referencia": 3}])
    contenido = pdf_de_html(f"<p>Resultado</p>{svg}")
    texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)
    assert "C1 Escucha activa" in texto and "Supervisión" in texto
