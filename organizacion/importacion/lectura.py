"""Reading a staff file into tables, whatever Excel wrote: CSV in UTF-8 with BOM
and `;`, in cp1252 with `,`, or UTF-16 with tabs; XLSX with one table per sheet.
Nothing here knows what the columns mean."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from django.utils.translation import gettext as _

# Files are read in blocks of this size.
BLOQUE = 1024 * 1024


class ErrorFichero(Exception):
    """The file cannot be read as a table at all (format, encoding, header)."""


@dataclass
class Tabla:
    """One sheet (or the CSV file): the header row and the non-empty data rows."""

    hoja: str
    titulo: str
    linea_cabecera: int
    cabecera: list[str]
    filas: list[tuple[int, list]]
    tipo: str = ""
    columnas: dict[str, int] = field(default_factory=dict)

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
    hoja: str, titulo: str, filas: Iterable[tuple[int, Sequence]]
) -> Tabla | None:
    """First non-empty row is the header; empty rows (Excel leaves many) are skipped."""
    filas = [(n, list(v)) for n, v in filas if not _vacia(v)]
    if not filas:
        return None
    linea, cabecera = filas[0]
    cabecera = ["" if c is None else str(c).strip() for c in cabecera]
    return Tabla(hoja, titulo, linea, cabecera, filas[1:])


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


def _leer_csv(fichero: BinaryIO, inicio: bytes, nombre: str) -> list[Tabla]:
    """Row by row from the file: neither its bytes nor its text are held whole."""
    if b"\x00" in inicio[:2048] and not inicio.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ErrorFichero(_("El fichero no es un CSV de texto ni un libro XLSX."))
    codificacion = _codificacion(fichero, inicio)
    texto = io.TextIOWrapper(fichero, encoding=codificacion, newline="")
    try:
        primera = next((ln for ln in texto if ln.strip(" ;,\t\r\n")), "")
        fichero.seek(0)
        texto = io.TextIOWrapper(texto.detach(), encoding=codificacion, newline="")
        lector = csv.reader(texto, delimiter=_separador(primera))
        filas = []
        try:
            for valores in lector:
                if not _vacia(valores):
                    filas.append((lector.line_num, valores))
        except csv.Error as exc:
            raise ErrorFichero(
                _("Línea %(linea)s: el CSV está mal formado (%(error)s).")
                % {"linea": lector.line_num, "error": exc}
            ) from exc
    finally:
        texto.detach()  # the caller closes its own file
    tabla = _tabla(nombre, "", filas)
    return [tabla] if tabla else []


def _leer_xlsx(fichero: BinaryIO, nombre: str) -> list[Tabla]:
    from openpyxl import load_workbook

    try:
        # read_only: rows are parsed as they are iterated, not the whole sheet.
        libro = load_workbook(fichero, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ErrorFichero(
            _(
                "No se puede leer el libro de Excel (%(error)s). Guárdelo de nuevo como .xlsx o CSV."
            )
            % {"error": type(exc).__name__}
        ) from exc
    tablas = []
    try:
        for hoja in libro.worksheets:
            filas = (
                (n, valores)
                for n, valores in enumerate(hoja.iter_rows(values_only=True), start=1)
                if not _vacia(valores)
            )
            tabla = _tabla(f"{nombre} [{hoja.title}]", hoja.title, filas)
            if tabla:
                tablas.append(tabla)
    finally:
        libro.close()
    return tablas


def leer_tablas(origen: bytes | BinaryIO, nombre: str) -> list[Tabla]:
    """The tables in a CSV file or an XLSX workbook (one per non-empty sheet),
    from bytes or from a binary file (read in a stream, never whole)."""
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
