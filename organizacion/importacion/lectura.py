"""Reading a staff file into tables, whatever Excel wrote: CSV in UTF-8 with BOM
and `;`, in cp1252 with `,`, or UTF-16 with tabs; XLSX with one table per sheet.
Nothing here knows what the columns mean."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


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


def _tabla(hoja: str, titulo: str, filas: list[tuple[int, list]]) -> Tabla | None:
    """First non-empty row is the header; empty rows (Excel leaves many) are skipped."""
    filas = [(n, list(v)) for n, v in filas if not _vacia(v)]
    if not filas:
        return None
    linea, cabecera = filas[0]
    cabecera = ["" if c is None else str(c).strip() for c in cabecera]
    return Tabla(hoja, titulo, linea, cabecera, filas[1:])


def _decodificar(contenido: bytes) -> str:
    if contenido.startswith(b"\xef\xbb\xbf"):
        return contenido[3:].decode("utf-8")
    if contenido.startswith((b"\xff\xfe", b"\xfe\xff")):
        return contenido.decode("utf-16")  # Excel's "Unicode text"
    try:
        return contenido.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Excel on Windows saves "CSV (delimitado por comas)" in the ANSI code page.
    try:
        return contenido.decode("cp1252")
    except UnicodeDecodeError:
        return contenido.decode("latin-1")


def _separador(primera_linea: str) -> str:
    """Spanish Excel writes `;`, other locales `,`; "Unicode text" uses tabs."""
    sin_comillas = re.sub(r'"[^"]*"', "", primera_linea)
    cuentas = {s: sin_comillas.count(s) for s in (";", ",", "\t")}
    mejor = max(cuentas, key=cuentas.get)
    return mejor if cuentas[mejor] else ";"


def _leer_csv(contenido: bytes, nombre: str) -> list[Tabla]:
    if b"\x00" in contenido[:2048] and not contenido.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        raise ErrorFichero(_("El fichero no es un CSV de texto ni un libro XLSX."))
    texto = _decodificar(contenido)
    primera = next((ln for ln in texto.splitlines() if ln.strip(" ;,\t")), "")
    lector = csv.reader(io.StringIO(texto, newline=""), delimiter=_separador(primera))
    filas = []
    try:
        for valores in lector:
            filas.append((lector.line_num, valores))
    except csv.Error as exc:
        raise ErrorFichero(
            _("Línea %(linea)s: el CSV está mal formado (%(error)s).")
            % {"linea": lector.line_num, "error": exc}
        ) from exc
    tabla = _tabla(nombre, "", filas)
    return [tabla] if tabla else []


def _leer_xlsx(contenido: bytes, nombre: str) -> list[Tabla]:
    from openpyxl import load_workbook

    try:
        libro = load_workbook(io.BytesIO(contenido), read_only=True, data_only=True)
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
            filas = list(enumerate(hoja.iter_rows(values_only=True), start=1))
            tabla = _tabla(f"{nombre} [{hoja.title}]", hoja.title, filas)
            if tabla:
                tablas.append(tabla)
    finally:
        libro.close()
    return tablas


def leer_tablas(contenido: bytes, nombre: str) -> list[Tabla]:
    """The tables in a CSV file or an XLSX workbook (one per non-empty sheet)."""
    if not contenido.strip():
        raise ErrorFichero(_("El fichero está vacío."))
    extension = nombre.rsplit(".", 1)[-1].lower() if "." in nombre else ""
    if contenido.startswith(b"PK\x03\x04"):
        tablas = _leer_xlsx(contenido, nombre)
    elif extension in ("xls", "xlsm", "xlsx", "ods"):
        raise ErrorFichero(
            _(
                "Solo se admiten libros .xlsx y ficheros CSV: guarde «%(nombre)s» como uno de ellos."
            )
            % {"nombre": nombre}
        )
    else:
        tablas = _leer_csv(contenido, nombre)
    if not tablas:
        raise ErrorFichero(_("El fichero no tiene ninguna fila con datos."))
    return tablas
