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

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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
    for fila in filas:
        yield escritor.writerow([celda_segura(celda(v)) for v in fila])


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
    row to a temporary file (write-only mode) and streamed from there;
    `inmovilizar` is the first scrolling cell ("F2": five columns and the
    header stay in view)."""
    libro = Workbook(write_only=True)
    # Excel refuses sheet names past 31 characters.
    pestana = libro.create_sheet(hoja[:31])
    if inmovilizar:
        pestana.freeze_panes = inmovilizar
    if cabecera:
        valores = [celda_segura(celda(c)) for c in cabecera]
        if cabecera_en_negrita:
            negrita = Font(bold=True)
            valores = [_en_negrita(pestana, v, negrita) for v in valores]
        pestana.append(valores)
    for fila in filas:
        pestana.append([celda_segura(celda(v)) for v in fila])
    temporal = tempfile.TemporaryFile()
    libro.save(temporal)
    temporal.seek(0)
    return FileResponse(
        temporal, as_attachment=True, filename=f"{nombre}.xlsx", content_type=TIPO_XLSX
    )


def _en_negrita(pestana, valor, fuente: Font) -> WriteOnlyCell:
    c = WriteOnlyCell(pestana, value=valor)
    c.font = fuente
    return c
