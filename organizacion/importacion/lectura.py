"""Reading a staff file into tables, whatever Excel wrote: CSV in UTF-8 with BOM
and `;`, in cp1252 with `,`, or UTF-16 with tabs; XLSX with one table per sheet.
Nothing here knows what the columns mean."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from typing import BinaryIO

from django.utils.translation import gettext as _

# Files are read in blocks of this size.
BLOQUE = 1024 * 1024


class ErrorFichero(Exception):
    """The file cannot be read as a table at all (format, encoding, header)."""


@dataclass
class Tabla:
    """One sheet (or the CSV file): the header row and the non-empty data rows.
    The rows are read from the file again each time `filas` is iterated, so a
    big file is never held in memory (the checks and the writes go over it)."""

    hoja: str
    titulo: str
    linea_cabecera: int
    cabecera: list[str]
    leer: Callable[[], Iterator[tuple[int, Sequence]]]
    tipo: str = ""
    columnas: dict[str, int] = field(default_factory=dict)

    @property
    def filas(self) -> Iterator[tuple[int, list]]:
        """(line number, cell values) of each non-empty row below the header."""
        with closing(self.leer()) as filas:
            for linea, valores in filas:
                if linea > self.linea_cabecera:
                    yield linea, list(valores)

    def etiqueta(self, campo: str) -> str:
        """'C (Provincia)': the column letter Excel shows and the file's own header."""
        if campo not in self.columnas:
            return ""
        indice = self.columnas[campo]
        return f"{letra_columna(indice)} ({self.cabecera[indice]})"


def letra_columna(indice: int) -> str:
    letras, n = "", indice + 1
    while n:
        n, resto = divmod(n - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def _vacia(valores) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in valores)


def _tabla(
    hoja: str, titulo: str, leer: Callable[[], Iterator[tuple[int, Sequence]]]
) -> Tabla | None:
    """First non-empty row is the header (`leer` yields the non-empty rows only:
    Excel leaves many empty ones)."""
    with closing(leer()) as filas:
        primera = next(filas, None)
    if primera is None:
        return None
    linea, cabecera = primera
    cabecera = ["" if c is None else str(c).strip() for c in cabecera]
    return Tabla(hoja, titulo, linea, cabecera, leer)


def _es(fichero: BinaryIO, codificacion: str) -> bool:
    """Whether the whole file decodes, reading it in blocks (never whole)."""
    fichero.seek(0)
    decodificador = codecs.getincrementaldecoder(codificacion)()
    try:
        for bloque in iter(lambda: fichero.read(BLOQUE), b""):
            decodificador.decode(bloque)
        decodificador.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        fichero.seek(0)
    return True


def _codificacion(fichero: BinaryIO, inicio: bytes) -> str:
    if inicio.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if inicio.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # Excel's "Unicode text"
    if _es(fichero, "utf-8"):
        return "utf-8"
    # Excel on Windows saves "CSV (delimitado por comas)" in the ANSI code page.
    return "cp1252" if _es(fichero, "cp1252") else "latin-1"


def _separador(primera_linea: str) -> str:
    """Spanish Excel writes `;`, other locales `,`; "Unicode text" uses tabs."""
    sin_comillas = re.sub(r'"[^"]*"', "", primera_linea)
    cuentas = {s: sin_comillas.count(s) for s in (";", ",", "\t")}
    mejor = max(cuentas, key=cuentas.get)
    return mejor if cuentas[mejor] else ";"


def _filas_csv(
    fichero: BinaryIO, codificacion: str, separador: str
) -> Iterator[tuple[int, list]]:
    """The non-empty rows, one at a time from the start of the file."""
    fichero.seek(0)
    texto = io.TextIOWrapper(fichero, encoding=codificacion, newline="")
    try:
        lector = csv.reader(texto, delimiter=separador)
        try:
            for valores in lector:
                if not _vacia(valores):
                    yield lector.line_num, valores
        except csv.Error as exc:
            raise ErrorFichero(
                _("Línea %(linea)s: el CSV está mal formado (%(error)s).")
                % {"linea": lector.line_num, "error": exc}
            ) from exc
    finally:
        texto.detach()  # the caller closes its own file


def _leer_csv(fichero: BinaryIO, inicio: bytes, nombre: str) -> list[Tabla]:
    """Row by row from the file: neither its bytes nor its text are held whole."""
    if b"\x00" in inicio[:2048] and not inicio.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ErrorFichero(_("El fichero no es un CSV de texto ni un libro XLSX."))
    codificacion = _codificacion(fichero, inicio)
    texto = io.TextIOWrapper(fichero, encoding=codificacion, newline="")
    try:
        primera = next((ln for ln in texto if ln.strip(" ;,\t\r\n")), "")
    finally:
        texto.detach()
    separador = _separador(primera)
    tabla = _tabla(nombre, "", partial(_filas_csv, fichero, codificacion, separador))
    return [tabla] if tabla else []


def _abrir_libro(fichero: BinaryIO):
    from openpyxl import load_workbook

    fichero.seek(0)
    try:
        # read_only: rows are parsed as they are iterated, not the whole sheet.
        return load_workbook(fichero, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ErrorFichero(
            _(
                "No se puede leer el libro de Excel (%(error)s). Guárdelo de nuevo como .xlsx o CSV."
            )
            % {"error": type(exc).__name__}
        ) from exc


def _filas_xlsx(fichero: BinaryIO, indice: int) -> Iterator[tuple[int, tuple]]:
    """The non-empty rows of the `indice`-th sheet, parsed as they are read."""
    libro = _abrir_libro(fichero)
    try:
        hoja = libro.worksheets[indice]
        for n, valores in enumerate(hoja.iter_rows(values_only=True), start=1):
            if not _vacia(valores):
                yield n, valores
    finally:
        libro.close()


def _leer_xlsx(fichero: BinaryIO, nombre: str) -> list[Tabla]:
    libro = _abrir_libro(fichero)
    try:
        titulos = [hoja.title for hoja in libro.worksheets]
    finally:
        libro.close()
    tablas = []
    for indice, titulo in enumerate(titulos):
        tabla = _tabla(
            f"{nombre} [{titulo}]", titulo, partial(_filas_xlsx, fichero, indice)
        )
        if tabla:
            tablas.append(tabla)
    return tablas


def leer_tablas(origen: bytes | BinaryIO, nombre: str) -> list[Tabla]:
    """The tables in a CSV file or an XLSX workbook (one per non-empty sheet),
    from bytes or from a binary file (read in a stream, never whole). The
    tables read their rows from the file whenever they are iterated: it must
    stay open while they are used. A malformed CSV line further down raises
    `ErrorFichero` then."""
    fichero = io.BytesIO(origen) if isinstance(origen, bytes) else origen
    # Django's File wraps the real file object, which the text layer needs.
    while not isinstance(fichero, io.IOBase) and hasattr(fichero, "file"):
        fichero = fichero.file
    inicio = fichero.read(BLOQUE)
    fichero.seek(0)
    if not inicio.strip() and len(inicio) < BLOQUE:
        raise ErrorFichero(_("El fichero está vacío."))
    extension = nombre.rsplit(".", 1)[-1].lower() if "." in nombre else ""
    if inicio.startswith(b"PK\x03\x04"):
        tablas = _leer_xlsx(fichero, nombre)
    elif extension in ("xls", "xlsm", "xlsx", "ods"):
        raise ErrorFichero(
            _(
                "Solo se admiten libros .xlsx y ficheros CSV: guarde «%(nombre)s» como uno de ellos."
            )
            % {"nombre": nombre}
        )
    else:
        tablas = _leer_csv(fichero, inicio, nombre)
    if not tablas:
        raise ErrorFichero(_("El fichero no tiene ninguna fila con datos."))
    return tablas
