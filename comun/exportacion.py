"""CSV and XLSX downloads, streamed, every cell safe to open in a spreadsheet.

A cell whose text starts with = + - @ tab or CR would run as a formula in
Excel or LibreOffice (CSV injection; openpyxl even stores "=…" as a formula):
it gets a leading apostrophe, which spreadsheets show as text. The header goes
through the same guard, since column names can be user data (course titles).
The guard runs on whatever the `celda` formatter returns, so a view's own
formatter cannot skip it; control characters (which openpyxl refuses) are
dropped from the text.
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal

import xlsxwriter
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from .entradas import quitar_control

PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")
TIPO_CSV = "text/csv; charset=utf-8"
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralizar(texto: str) -> str:
    """The text as a spreadsheet shows it, never run as a formula."""
    return "'" + texto if texto[:1] in PELIGROSOS else texto


def texto_de_celda(valor, *, formato_fecha_hora: str = "%Y-%m-%d %H:%M") -> str:
    """A value as the text of a cell: empty for None, sí/no for booleans (data
    values, the same in every interface language), local time for datetimes,
    ISO for dates, and the formula guard on everything."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, datetime):
        return timezone.localtime(valor).strftime(formato_fecha_hora)
    if isinstance(valor, date | time):
        return valor.isoformat()
    return neutralizar(str(valor))


Celda = Callable[[object], object]
# What a cell may hold as it is: numbers are never formulas.
_NUMEROS = (int, float, Decimal)


def celda_segura(valor):
    """A formatter's output as it goes into the file: numbers and empty cells
    as they are, anything else as guarded text."""
    if valor is None or isinstance(valor, _NUMEROS):
        return valor
    if not isinstance(valor, str):
        valor = texto_de_celda(valor)
    return neutralizar(quitar_control(str(valor)))


class _Eco:
    """csv.writer target that hands each line back instead of storing it."""

    def write(self, linea):
        return linea


def lineas_csv(
    filas: Iterable[Sequence],
    *,
    cabecera: Sequence | None = None,
    celda: Celda = texto_de_celda,
    delimitador: str = ";",
) -> Iterator[str]:
    """CSV lines one at a time, after a BOM (Excel then reads UTF-8)."""
    escritor = csv.writer(_Eco(), delimiter=delimitador)
    primera = (
        escritor.writerow([celda_segura(celda(c)) for c in cabecera])
        if cabecera
        else ""
    )
    yield "\ufeff" + primera
    segura = _memo_segura(celda)
    for fila in filas:
        yield escritor.writerow([segura(v) for v in fila])


def respuesta_csv(
    filas: Iterable[Sequence],
    *,
    nombre: str,
    cabecera: Sequence | None = None,
    celda: Celda = texto_de_celda,
    delimitador: str = ";",
) -> StreamingHttpResponse:
    """A `nombre`.csv download; rows are read as the response is sent, so a
    queryset iterator never sits whole in memory."""
    respuesta = StreamingHttpResponse(
        lineas_csv(filas, cabecera=cabecera, celda=celda, delimitador=delimitador),
        content_type=TIPO_CSV,
    )
    respuesta["Content-Disposition"] = content_disposition_header(True, f"{nombre}.csv")
    return respuesta


def respuesta_xlsx(
    filas: Iterable[Sequence],
    *,
    nombre: str,
    hoja: str,
    cabecera: Sequence | None = None,
    celda: Celda = texto_de_celda,
    cabecera_en_negrita: bool = False,
    inmovilizar: str | None = None,
) -> FileResponse:
    """A `nombre`.xlsx download with one sheet. The workbook is written row by
    row to a temporary file (XlsxWriter's constant-memory mode: a row at a time,
    several times faster than openpyxl's write-only mode at 5,000 rows) and
    streamed from there; `inmovilizar` is the first scrolling cell ("F2": five
    columns and the header stay in view)."""
    temporal = tempfile.TemporaryFile()
    libro = xlsxwriter.Workbook(
        temporal,
        {
            "constant_memory": True,
            # Text is text: never a formula or a link, whatever it starts with
            # (the apostrophe of `neutralizar` stays as a second guard).
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    # Excel refuses sheet names past 31 characters.
    pestana = libro.add_worksheet(_nombre_de_hoja(hoja))
    if inmovilizar:
        pestana.freeze_panes(inmovilizar)
    numero = 0
    if cabecera:
        negrita = libro.add_format({"bold": True}) if cabecera_en_negrita else None
        _escribir(pestana, 0, [celda_segura(celda(c)) for c in cabecera], negrita)
        numero = 1
    segura = _memo_segura(celda)
    for fila in filas:
        _escribir(pestana, numero, [segura(v) for v in fila])
        numero += 1
    libro.close()
    temporal.seek(0)
    return FileResponse(
        temporal, as_attachment=True, filename=f"{nombre}.xlsx", content_type=TIPO_XLSX
    )


def _nombre_de_hoja(hoja: str) -> str:
    # Excel also refuses []:*?/\ in a sheet name.
    return "".join("-" if c in "[]:*?/\\" else c for c in hoja)[:31] or "Hoja"


def _escribir(pestana, numero: int, valores: list, formato=None) -> None:
    for columna, valor in enumerate(valores):
        if valor is None or valor == "":
            if formato is not None:
                pestana.write_blank(numero, columna, None, formato)
        elif isinstance(valor, str):
            pestana.write_string(numero, columna, valor, formato)
        else:
            pestana.write_number(numero, columna, valor, formato)


def _memo_segura(celda: Celda) -> Callable[[object], object]:
    """`celda_segura(celda(v))`, remembered per text: a 5,000-row matrix repeats a
    handful of labels tens of thousands of times."""
    vistos: dict[str, object] = {}

    def segura(valor):
        if isinstance(valor, str):
            hecho = vistos.get(valor)
            if hecho is None:
                hecho = vistos[valor] = celda_segura(celda(valor))
                if len(vistos) > 10_000:  # free text (comments): don't hoard it
                    vistos.clear()
            return hecho
        return celda_segura(celda(valor))

    return segura
