"""comun against each copy it replaces, on many inputs: the wiring is
behaviour-preserving when these pass. Delete this file once the copies go
(issue 12, item 3). The wiring, copy → replacement (each test below shows the
exact call):

estadistica (D = est.DECIMALES)
  encuestas/estadistica.py wilson, proporcion, media, nps, t95, Z95, vacio →
    wilson(k, n, decimales=D), proporcion_de_distribucion(d, f, decimales=D),
    media_de_distribucion(d, decimales=D), nps(d, decimales=D), t95, Z95,
    comun.supresion.vacia
  encuestas/selectors.py _tasa, indicador_alertas_en_plazo (inline Wilson) →
    proporcion(min(c, o), o, decimales=D), proporcion(en_plazo, n, decimales=D)
  evaluacion/selectors/indicadores.py _wilson → proporcion(k, n, decimales=2) (differs only
    at exact half-cent ties, see its test); _media_ic →
    media_de_momentos(n, m, m2, decimales=3); _vacio → comun.supresion.vacia
pdf
  evaluacion/pdf.py renderizar_pdf → pdf_de_plantilla("evaluacion/pdf.html",
    c, idioma="es")
graficos
  evaluacion/grafico.py svg_resultado → niveles(filas mapped, titulo, leyenda,
    nombre_valor)
exportacion
  encuestas/views.py _celda, _Eco, exportar_csv, exportar_xlsx → texto_de_celda
    (formato_fecha_hora="%Y-%m-%d %H:00"), respuesta_csv, respuesta_xlsx
"""

import io
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest
import weasyprint
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from comun import estadistica as est
from comun import exportacion, graficos, pdf
from encuestas import estadistica as encuestas_est
from encuestas import selectors as encuestas_selectors
from evaluacion.selectors import indicadores as evaluacion_indicadores

conteos = st.integers(0, 3000).flatmap(
    lambda n: st.tuples(st.integers(0, n), st.just(n))
)
distribuciones = st.dictionaries(st.integers(0, 10), st.integers(0, 60), max_size=11)
reales = st.floats(-1e4, 1e4, allow_nan=False)


def _rejilla(hasta: int):
    return ((k, n) for n in range(hasta + 1) for k in range(n + 1))


# --- encuestas/estadistica.py ----------------------------------------------------------


def test_t95_igual_que_encuestas():
    for gl in range(1, 400):
        assert est.t95(gl) == encuestas_est.t95(gl)
    assert est.Z95 == encuestas_est.Z95 and est.DECIMALES == encuestas_est.DECIMALES


def test_wilson_igual_que_encuestas():
    for k, n in _rejilla(300):
        assert est.wilson(k, n, decimales=6) == encuestas_est.wilson(k, n)


@given(distribuciones, st.integers(0, 10))
def test_proporcion_media_y_nps_iguales_que_encuestas(dist, corte):
    def aciertos(v):
        return v >= corte

    assert est.proporcion_de_distribucion(
        dist, aciertos, decimales=6
    ) == encuestas_est.proporcion(dist, aciertos)
    assert est.media_de_distribucion(dist, decimales=6) == encuestas_est.media(dist)
    assert est.nps(dist, decimales=6) == encuestas_est.nps(dist)


@given(conteos, st.integers(0, 50))
def test_tasa_de_respuesta_igual_que_encuestas(kn, exceso):
    completadas, ofrecidas = kn
    # _tasa caps completed at offered (a late answer after a re-offer).
    completadas += exceso
    assert encuestas_selectors._tasa(ofrecidas, completadas) == est.proporcion(
        min(completadas, ofrecidas), ofrecidas, decimales=est.DECIMALES
    )


@pytest.mark.django_db
def test_alertas_en_plazo_igual_que_encuestas():
    from encuestas.models import Alerta
    from tests.factories import OficinaFactory, responder_con

    oficina = OficinaFactory()
    ahora = timezone.now()
    # In time, late, open past the deadline, and open in time (not counted).
    for estado, plazo, cerrada in [
        ("cerrada", 48, 10),
        ("cerrada", 48, 60),
        ("nueva", -1, None),
        ("nueva", 48, None),
    ]:
        Alerta.objects.create(
            respuesta=responder_con(oficina, {"SAT": "1"}),
            oficina=oficina,
            estado=estado,
            puntuacion=1,
            plazo=ahora + timedelta(hours=plazo),
            cerrada_en=ahora + timedelta(hours=cerrada) if cerrada else None,
        )
    hoy = timezone.localdate()
    assert encuestas_selectors.indicador_alertas_en_plazo(
        desde=hoy, hasta=hoy, oficina_ids=[oficina.pk]
    ) == est.proporcion(1, 3, decimales=est.DECIMALES)


# --- evaluacion/selectors/indicadores.py ----------------------------------------------


def _empate_a_dos_decimales(k: int, n: int) -> bool:
    return Fraction(10000 * k, n).denominator == 2


def test_proporcion_igual_que_evaluacion_salvo_empates_que_redondea_bien():
    """evaluacion computes 100·(k/n), two roundings; at an exact half-cent tie
    (23/160 = 14.375) that lands below it and rounds down to 14.37. comun
    rounds the correctly rounded 100·k/n: the tie goes half-even (14.38), as a
    hand computation does. Every other value and every bound is identical."""
    empates_distintos = 0
    for k, n in _rejilla(400):
        nuevo = est.proporcion(k, n, decimales=2)
        viejo = evaluacion_indicadores._wilson(k, n)
        if n and _empate_a_dos_decimales(k, n):
            exacto = (Decimal(100 * k) / Decimal(n)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_EVEN
            )
            assert nuevo["valor"] == float(exacto)
            empates_distintos += nuevo["valor"] != viejo["valor"]
            nuevo, viejo = (
                {**nuevo, "valor": None},
                {**viejo, "valor": None},
            )
        assert nuevo == viejo
    # The difference is real (so the note above is not stale) and rare.
    assert 0 < empates_distintos < 40


@settings(max_examples=500)
@given(st.integers(0, 5000), reales, st.floats(0, 1e8, allow_nan=False))
def test_media_igual_que_evaluacion(n, media, media2):
    assert est.media_de_momentos(
        n, media, media2, decimales=3
    ) == evaluacion_indicadores._media_ic(n, media, media2)


def test_media_sin_datos_igual_que_evaluacion():
    assert est.media_de_momentos(0, None, None) == evaluacion_indicadores._media_ic(
        0, None, None
    )
    assert est.media_de_momentos(5, None, None) == evaluacion_indicadores._media_ic(
        5, None, None
    )


# --- PDF: evaluacion/pdf.py -----------------------------------------------------------


@pytest.fixture
def html_entregado(monkeypatch):
    """Every HTML string handed to WeasyPrint, by whichever module."""
    entregados = []

    class Grabadora(weasyprint.HTML):
        def __init__(self, *args, **kwargs):
            entregados.append(kwargs["string"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", Grabadora)
    monkeypatch.setattr(pdf, "HTML", Grabadora)
    return entregados


def _texto_pdf(contenido: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


FIJO = datetime(2026, 3, 14, 9, 26, tzinfo=timezone.get_current_timezone())


def test_pdf_de_evaluacion_igual_y_en_castellano(html_entregado, monkeypatch):
    from evaluacion import pdf as evaluacion_pdf

    contexto = {
        "ev": SimpleNamespace(
            empleado=SimpleNamespace(nombre_completo="Luis Sáez", identificador="E-9")
        ),
        "filas": [],
        "grafico": "",
        "escala": [SimpleNamespace(valor=1, etiqueta="Inicial")],
        "brechas": [],
        "minimo": 1,
        "maximo": 4,
    }
    monkeypatch.setattr(evaluacion_pdf, "contexto_resultado", lambda ev: contexto)
    monkeypatch.setattr(
        evaluacion_pdf, "timezone", SimpleNamespace(localtime=lambda: FIJO)
    )
    with translation.override("en"):
        viejo = evaluacion_pdf.renderizar_pdf(None)
        nuevo = pdf.pdf_de_plantilla(
            "evaluacion/pdf.html", {**contexto, "generado": FIJO}, idioma="es"
        )
    assert html_entregado[0] == html_entregado[1]
    assert "Evaluación de competencias" in html_entregado[1]
    assert _texto_pdf(nuevo) == _texto_pdf(viejo)


# --- SVG: evaluacion/grafico.py -------------------------------------------------------

niveles_opcionales = st.one_of(st.none(), st.integers(0, 5))


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "codigo": st.text(min_size=1, max_size=4),
                "nombre": st.text(max_size=40),
                "nivel": niveles_opcionales,
                "requerido": niveles_opcionales,
                "autoevaluacion": niveles_opcionales,
            }
        ),
        max_size=8,
    ),
    st.integers(0, 2),
    st.integers(1, 6),
    st.booleans(),
    st.sampled_from(["es", "en"]),
)
def test_niveles_igual_que_evaluacion(filas, minimo, maximo, mostrar, idioma):
    from django.utils.translation import gettext as _

    from evaluacion.grafico import svg_resultado

    filas = [{**f, "competencia": SimpleNamespace(codigo=f["codigo"])} for f in filas]
    with translation.override(idioma):
        viejo = svg_resultado(filas, minimo, maximo, mostrar)
        nuevo = graficos.niveles(
            [
                {
                    "etiqueta": f"{f['competencia'].codigo} {f['nombre']}",
                    "valor": f.get("nivel") if mostrar else None,
                    "referencia": f.get("requerido"),
                    "marca": f.get("autoevaluacion"),
                }
                for f in filas
            ],
            minimo,
            maximo,
            titulo=_("Nivel por competencia frente al requerido y a la autoevaluación"),
            leyenda=(_("Supervisión"), _("Requerido"), _("Autoevaluación")),
            nombre_valor=_("Nivel"),
        )
    assert nuevo == viejo


# --- Exports: encuestas/views.py ----------------------------------------------------


def _celda_encuestas(valor):
    return exportacion.texto_de_celda(valor, formato_fecha_hora="%Y-%m-%d %H:00")


valores_de_celda = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-100, 100),
    st.floats(allow_nan=False),
    st.text(),
    st.dates(),
    st.datetimes(timezones=st.just(timezone.get_current_timezone())),
)


@given(valores_de_celda)
def test_celda_igual_que_encuestas(valor):
    from encuestas.views import _celda

    assert _celda_encuestas(valor) == _celda(valor)


AHORA = datetime(2026, 2, 3, 17, 42, tzinfo=timezone.get_current_timezone())


def _filas_encuestas(n_items: int) -> list[list]:
    """Rows as _filas_export yields them: id, time, office, channel, service,
    language, reportable, one answer per item, comment."""
    respuestas = [5, None, 1, 10, 0, 3]
    comentarios = ["=1+1 ¡gracias!", "-sin prisa; bien", "", "@todo\nbien"]
    return [
        [
            i,
            AHORA + timedelta(minutes=37 * i),
            f"E0000{i % 2}",
            "presencial",
            "REG" if i % 2 else "",
            "es",
            bool(i % 3),
            *[respuestas[(i + j) % len(respuestas)] for j in range(n_items)],
            comentarios[i % len(comentarios)],
        ]
        for i in range(1, 9)
    ]


@pytest.fixture
def exportacion_de_encuestas(monkeypatch, rf):
    """The survey export views with fixed rows and no scope checks."""
    from encuestas import views

    monkeypatch.setattr(views, "oficinas_visibles", lambda usuario: None)
    monkeypatch.setattr(views, "_oficinas_a_exportar", lambda f: {1: set()})
    filas = _filas_encuestas(len(views.COLUMNAS_ITEMS))
    monkeypatch.setattr(views, "_filas_export", lambda f, ocultos: iter(filas))
    peticion = rf.get("/", {"desde": "2026-01-01", "hasta": "2026-03-31"})
    peticion.user = SimpleNamespace(is_authenticated=True)
    return views, peticion, filas


def test_csv_igual_que_encuestas(exportacion_de_encuestas):
    views, peticion, filas = exportacion_de_encuestas
    viejo = views.exportar_csv.__wrapped__(peticion)
    nuevo = exportacion.respuesta_csv(
        filas,
        nombre="respuestas_2026-01-01_2026-03-31",
        cabecera=views.CABECERA,
        celda=_celda_encuestas,
    )
    assert b"".join(nuevo.streaming_content) == b"".join(viejo.streaming_content)
    for cabecera_http in ("Content-Type", "Content-Disposition"):
        assert nuevo[cabecera_http] == viejo[cabecera_http]


def test_xlsx_igual_que_encuestas(exportacion_de_encuestas):
    from openpyxl import load_workbook

    views, peticion, filas = exportacion_de_encuestas
    viejo = views.exportar_xlsx.__wrapped__(peticion)
    nuevo = exportacion.respuesta_xlsx(
        filas,
        nombre="respuestas_2026-01-01_2026-03-31",
        hoja="Respuestas",
        cabecera=views.CABECERA,
        celda=_celda_encuestas,
    )
    libros = [
        load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
        for r in (viejo, nuevo)
    ]
    assert list(libros[0].values) == list(libros[1].values)
    assert libros[0].title == libros[1].title == "Respuestas"
    for cabecera_http in ("Content-Type", "Content-Disposition"):
        assert nuevo[cabecera_http] == viejo[cabecera_http]
