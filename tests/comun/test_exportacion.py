"""CSV/XLSX exports: formula guard on every cell, streamed rows, files that
open back with the same values."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import load_workbook

from comun import exportacion as exp


@pytest.mark.parametrize(
    ("texto", "seguro"),
    [
        ("=1+1", "'=1+1"),
        ("+34 600 000 000", "'+34 600 000 000"),
        ("-2", "'-2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"),
        ("\r=1", "'\r=1"),
        ("Muy bien = rápido", "Muy bien = rápido"),
        (" =1", " =1"),
        ("'ya citado", "'ya citado"),
        ("", ""),
    ],
)
def test_neutralizar_solo_lo_que_empieza_como_formula(texto, seguro):
    assert exp.neutralizar(texto) == seguro


def test_texto_de_celda_por_tipo(settings):
    settings.TIME_ZONE = "Europe/Madrid"
    timezone.activate("Europe/Madrid")
    try:
        verano = datetime(2026, 7, 1, 8, 45, tzinfo=UTC)  # 10:45 in Madrid
        assert exp.texto_de_celda(verano) == "2026-07-01 10:45"
        assert (
            exp.texto_de_celda(verano, formato_fecha_hora="%Y-%m-%d %H:00")
            == "2026-07-01 10:00"
        )
    finally:
        timezone.deactivate()
    assert exp.texto_de_celda(None) == ""
    assert exp.texto_de_celda(True) == "sí" and exp.texto_de_celda(False) == "no"
    assert exp.texto_de_celda(date(2026, 3, 1)) == "2026-03-01"
    assert exp.texto_de_celda(0) == "0"
    assert exp.texto_de_celda(-3) == "'-3"
    assert exp.texto_de_celda(Decimal("7.5")) == "7.5"
    assert exp.texto_de_celda('=HYPERLINK("x")') == '\'=HYPERLINK("x")'


def _leer_csv(respuesta) -> list[list[str]]:
    texto = b"".join(respuesta.streaming_content).decode("utf-8")
    assert texto.startswith("\ufeff")
    return list(csv.reader(io.StringIO(texto[1:]), delimiter=";"))


def test_csv_en_flujo_con_cabecera_y_filas_neutralizadas():
    leidas = []

    def filas():
        for fila in (["Ana", "=2+2", 5], ["Luis", None, True]):
            leidas.append(fila[0])
            yield fila

    respuesta = exp.respuesta_csv(
        filas(), nombre="equipo", cabecera=["nombre", "comentario", "=curso"]
    )
    assert isinstance(respuesta, StreamingHttpResponse)
    assert leidas == []  # nothing read before the response is sent
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert respuesta["Content-Disposition"] == 'attachment; filename="equipo.csv"'
    assert _leer_csv(respuesta) == [
        ["nombre", "comentario", "'=curso"],
        ["Ana", "'=2+2", "5"],
        ["Luis", "", "sí"],
    ]
    assert leidas == ["Ana", "Luis"]


def test_csv_cita_separadores_y_saltos_de_linea():
    respuesta = exp.respuesta_csv([["a;b", 'dijo "hola"\nadiós']], nombre="x")
    assert _leer_csv(respuesta) == [["a;b", 'dijo "hola"\nadiós']]


def test_csv_con_nombre_no_ascii_lo_codifica():
    respuesta = exp.respuesta_csv([], nombre="formación")
    assert "filename*=utf-8''formaci%C3%B3n.csv" in respuesta["Content-Disposition"]
    assert b"".join(respuesta.streaming_content) == "\ufeff".encode()


def _leer_xlsx(respuesta):
    return load_workbook(io.BytesIO(b"".join(respuesta.streaming_content)))


def test_xlsx_con_valores_negrita_e_inmovilizado():
    respuesta = exp.respuesta_xlsx(
        iter([["Núñez", "=1+1", 3], ["Sáez", "-", None]]),
        nombre="equipo",
        hoja="Formación del equipo",
        cabecera=["Apellidos", "Comentario", "@Curso"],
        cabecera_en_negrita=True,
        inmovilizar="B2",
    )
    assert isinstance(respuesta, FileResponse)
    assert respuesta["Content-Type"] == exp.TIPO_XLSX
    assert respuesta["Content-Disposition"] == 'attachment; filename="equipo.xlsx"'
    hoja = _leer_xlsx(respuesta).active
    assert hoja.title == "Formación del equipo"
    assert list(hoja.values) == [
        ("Apellidos", "Comentario", "'@Curso"),
        ("Núñez", "'=1+1", "3"),
        ("Sáez", "'-", None),
    ]
    # Stored as text, not as a formula openpyxl would write for "=1+1".
    assert hoja["B2"].data_type == "s"
    assert all(c.font.bold for c in hoja[1]) and not hoja["A2"].font.bold
    assert hoja.freeze_panes == "B2"


def test_xlsx_sin_cabecera_y_nombre_de_hoja_largo():
    respuesta = exp.respuesta_xlsx(
        [[1]], nombre="x", hoja="Una pestaña con un nombre de más de treinta y una"
    )
    libro = _leer_xlsx(respuesta)
    assert libro.active.title == "Una pestaña con un nombre de má"
    assert list(libro.active.values) == [("1",)]
    assert libro.active.freeze_panes is None


def test_celda_propia_mantiene_numeros():
    def celda(v):
        return v if isinstance(v, int | float) else exp.texto_de_celda(v)

    hoja = _leer_xlsx(
        exp.respuesta_xlsx([[4, "=x"]], nombre="x", hoja="h", celda=celda)
    ).active
    assert list(hoja.values) == [(4, "'=x")]


def _sin_guarda(v):
    # A formatter of a view of its own that forgets the guard.
    return "" if v is None else str(v)


@pytest.mark.parametrize("prefijo", ["=", "+", "-", "@", "\t", "\r"])
def test_la_guarda_se_aplica_tambien_a_lo_que_devuelve_un_formateador_propio(prefijo):
    texto = prefijo + "HYPERLINK(1)"
    csv_ = exp.respuesta_csv([[texto]], nombre="x", cabecera=[texto], celda=_sin_guarda)
    assert _leer_csv(csv_) == [["'" + texto]] * 2
    hoja = _leer_xlsx(
        exp.respuesta_xlsx(
            [[texto]],
            nombre="x",
            hoja="h",
            cabecera=[texto],
            celda=_sin_guarda,
            cabecera_en_negrita=True,
        )
    ).active
    # The sheet stores a CR as Excel's escape _x000D_ (Excel and LibreOffice
    # read it back as CR; openpyxl leaves it as written).
    for celda in (hoja["A1"], hoja["A2"]):
        assert celda.data_type == "s"
        assert celda.value.replace("_x000D_", "\r") == "'" + texto


def test_un_formateador_que_devuelve_objetos_sale_como_texto_guardado():
    class Oficina:
        def __str__(self):
            return "=Oficina"

    hoja = _leer_xlsx(
        exp.respuesta_xlsx(
            [[Oficina(), datetime(2026, 7, 1, 8, 45, tzinfo=UTC)]],
            nombre="x",
            hoja="h",
            celda=lambda v: v,
        )
    ).active
    assert list(hoja.values) == [("'=Oficina", "2026-07-01 10:45")]


def test_los_caracteres_de_control_guardados_no_rompen_la_hoja():
    # Data imported before the edges checked them: openpyxl refuses these.
    filas = [["Ana\x00\x0b", "línea 1\nlínea 2\tfin", "\x01=1+1"]]
    hoja = _leer_xlsx(exp.respuesta_xlsx(filas, nombre="x", hoja="h")).active
    assert list(hoja.values) == [("Ana", "línea 1\nlínea 2\tfin", "'=1+1")]
    assert _leer_csv(exp.respuesta_csv(filas, nombre="x")) == [
        ["Ana", "línea 1\nlínea 2\tfin", "'=1+1"]
    ]


def test_los_textos_repetidos_se_guardan_igual_que_el_primero():
    """The per-text memo of a long export: the 20,000th "=x" is guarded like the
    first, also after the memo empties itself (more than 10,000 distinct texts)."""
    filas = [["=x", f"fila {i}", 7] for i in range(20_000)]
    leidas = _leer_csv(exp.respuesta_csv(filas, nombre="x"))
    assert all(f[0] == "'=x" for f in leidas)
    assert leidas[-1] == ["'=x", "fila 19999", "7"]
    hoja = _leer_xlsx(exp.respuesta_xlsx(filas, nombre="x", hoja="h")).active
    valores = list(hoja.values)
    assert {v[0] for v in valores} == {"'=x"}
    assert valores[-1] == ("'=x", "fila 19999", "7")  # texto_de_celda: text


def test_el_nombre_de_la_hoja_sin_lo_que_excel_rechaza():
    hoja = _leer_xlsx(
        exp.respuesta_xlsx([[1]], nombre="x", hoja="Formación [2026]: a/b? " * 3)
    ).active
    assert hoja.title == "Formación -2026-- a-b- Formació"
