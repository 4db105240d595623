"""Reading and checking staff files (offices, services, employees) as people
export them from Excel, before anything is written:

- `lectura`: the file formats (CSV in any of Excel's encodings, XLSX) into tables;
- `columnas`: the columns of each kind of file and the headers people give them;
- `celdas`: cell values (numbers, dates, yes/no, channels, provinces) converted;
- `validacion` and `filas`: every sheet, row and reference checked.

Nothing in this package writes: `services.importar_plantilla` runs the checks
and only then writes the rows, which `Validador.trozos` rebuilds from the file a
chunk at a time (memory stays flat in the file's size), so a file with one bad
row changes nothing.
"""

from .celdas import booleano, canales, fecha, lista, provincia, texto
from .columnas import COLUMNAS, EMPLEADOS, NOMBRES_TIPO, OFICINAS, SERVICIOS, TIPOS
from .filas import AUSENTE, Pendiente
from .informe import ErrorImportacion, InformeImportacion, Recuento
from .lectura import ErrorFichero, Tabla, leer_tablas, letra_columna
from .validacion import Validador, asignar_columnas, clasificar_tablas

__all__ = [
    "AUSENTE",
    "COLUMNAS",
    "EMPLEADOS",
    "NOMBRES_TIPO",
    "OFICINAS",
    "SERVICIOS",
    "TIPOS",
    "ErrorFichero",
    "ErrorImportacion",
    "InformeImportacion",
    "Pendiente",
    "Recuento",
    "Tabla",
    "Validador",
    "asignar_columnas",
    "booleano",
    "canales",
    "clasificar_tablas",
    "fecha",
    "leer_tablas",
    "letra_columna",
    "lista",
    "provincia",
    "texto",
]
