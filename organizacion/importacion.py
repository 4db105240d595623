"""Reading and checking staff files (offices, services, employees) as people
export them from Excel: CSV in UTF-8 with BOM and `;`, or in cp1252 with `,`;
XLSX with numbers stored as floats and dates as datetime cells.

Everything here is pure reading and checking; `services.importar_plantilla`
runs it and writes in one transaction, so a file with one bad row changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from .provincias import codigo_provincia


class ErrorFichero(Exception):
    """The file cannot be read as a table at all (format, encoding, header)."""


@dataclass(frozen=True)
class ErrorImportacion:
    hoja: str
    linea: int
    columna: str
    mensaje: str

    def __str__(self) -> str:
        donde = _("línea %(linea)s") % {"linea": self.linea}
        if self.columna:
            donde += ", " + _("columna %(columna)s") % {"columna": self.columna}
        return f"{self.hoja}, {donde}: {self.mensaje}"


@dataclass
class Recuento:
    filas: int = 0
    creados: int = 0
    actualizados: int = 0
    sin_cambios: int = 0


@dataclass
class InformeImportacion:
    """What an import read, changed or refused. `ok` is False if anything was refused."""

    nombre: str
    simulado: bool = False
    recuentos: dict[str, Recuento] = field(default_factory=dict)
    errores: list[ErrorImportacion] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errores

    @property
    def guardado(self) -> bool:
        return self.ok and not self.simulado

    def lineas(self) -> list[str]:
        salida = []
        for tipo, r in self.recuentos.items():
            salida.append(
                _(
                    "%(tipo)s: %(filas)s filas; %(creados)s nuevos, %(actualizados)s "
                    "actualizados, %(sin_cambios)s sin cambios."
                )
                % {
                    "tipo": NOMBRES_TIPO[tipo],
                    "filas": r.filas,
                    "creados": r.creados,
                    "actualizados": r.actualizados,
                    "sin_cambios": r.sin_cambios,
                }
            )
        salida.extend(_("Aviso: %(aviso)s") % {"aviso": a} for a in self.avisos)
        salida.extend(str(e) for e in self.errores)
        return salida


# --- Columns -------------------------------------------------------------------


@dataclass(frozen=True)
class Columna:
    campo: str
    cabecera: str  # the header the examples and the README use
    obligatoria: bool = False
    alias: tuple[str, ...] = ()


OFICINAS, SERVICIOS, EMPLEADOS = "oficinas", "servicios", "empleados"
TIPOS = (OFICINAS, SERVICIOS, EMPLEADOS)  # also the order in which they are written
NOMBRES_TIPO = {OFICINAS: "Oficinas", SERVICIOS: "Servicios", EMPLEADOS: "Empleados"}

COLUMNAS: dict[str, list[Columna]] = {
    OFICINAS: [
        Columna(
            "codigo_dir3", "Código DIR3", True, ("dir3", "cod dir3", "codigo oficina")
        ),
        Columna(
            "nombre",
            "Nombre",
            True,
            ("denominacion", "nombre oficina", "nombre de la oficina"),
        ),
        Columna("provincia", "Provincia", True, ("cod provincia", "codigo provincia")),
        Columna("municipio", "Municipio", True, ("localidad",)),
        Columna(
            "direccion_postal", "Dirección", False, ("direccion postal", "domicilio")
        ),
        Columna("canales", "Canales", False, ("canales atendidos", "canal")),
        Columna(
            "unidad_superior",
            "Unidad superior",
            False,
            ("dir3 unidad superior", "codigo unidad superior", "depende de"),
        ),
        Columna("responsable", "Responsable", False, ("identificador responsable",)),
        Columna("activa", "Activa", False, ("activo", "en servicio")),
    ],
    SERVICIOS: [
        Columna("codigo", "Código", True, ("clave", "codigo servicio")),
        Columna("nombre", "Nombre", True, ("denominacion", "nombre servicio")),
        Columna("descripcion", "Descripción", False, ()),
        Columna("codigo_sia", "Código SIA", False, ("sia",)),
        Columna("canales", "Canales", False, ("canal", "canales en que se presta")),
        Columna("activo", "Activo", False, ("activa",)),
    ],
    EMPLEADOS: [
        Columna(
            "identificador",
            "Identificador",
            True,
            (
                "nrp",
                "no registro personal",
                "n registro personal",
                "numero de registro de personal",
                "registro de personal",
                "id",
                "codigo empleado",
            ),
        ),
        Columna("nombre", "Nombre", True, ()),
        Columna("apellidos", "Apellidos", True, ()),
        Columna(
            "email",
            "Correo electrónico",
            False,
            ("correo", "e mail", "mail", "correo e"),
        ),
        Columna("usuario", "Usuario", False, ("nombre de usuario", "login")),
        Columna(
            "oficina",
            "Oficina",
            True,
            (
                "dir3 oficina",
                "codigo dir3 oficina",
                "oficina dir3",
                "codigo oficina",
                "dir3",
            ),
        ),
        Columna("puesto", "Puesto", True, ("codigo puesto", "puesto de trabajo")),
        Columna(
            "supervisor",
            "Supervisor",
            False,
            (
                "supervisora",
                "supervisor a",
                "identificador supervisor",
                "superior",
                "jefe",
            ),
        ),
        Columna("canales", "Canales", False, ("canales que atiende", "canal")),
        Columna("fecha_alta", "Fecha de alta", False, ("fecha alta", "alta")),
        Columna("fecha_baja", "Fecha de baja", False, ("fecha baja", "baja")),
        Columna("roles", "Perfiles", False, ("roles", "rol", "perfil de acceso")),
    ],
}


def normalizar_cabecera(texto) -> str:
    """'Código DIR3 ' -> 'codigo dir3': no accents, no case, single spaces."""
    plano = (
        unicodedata.normalize("NFKD", str(texto or ""))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", " ", plano.casefold()).strip()


def _indice_alias(tipo: str) -> dict[str, str]:
    indice = {}
    for col in COLUMNAS[tipo]:
        for nombre in (col.campo, col.cabecera, *col.alias):
            indice[normalizar_cabecera(nombre)] = col.campo
    return indice


ALIAS = {tipo: _indice_alias(tipo) for tipo in TIPOS}


# --- Reading the file ----------------------------------------------------------


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


def detectar_tipo(tabla: Tabla) -> str | None:
    titulo = normalizar_cabecera(tabla.titulo)
    for prefijo, tipo in (
        ("oficina", OFICINAS),
        ("servicio", SERVICIOS),
        ("emplead", EMPLEADOS),
        ("personal", EMPLEADOS),
        ("plantilla", EMPLEADOS),
    ):
        if titulo.startswith(prefijo):
            return tipo
    cabeceras = {normalizar_cabecera(c) for c in tabla.cabecera}
    campos = {tipo: {ALIAS[tipo].get(c) for c in cabeceras} - {None} for tipo in TIPOS}
    if {"identificador", "apellidos"} <= campos[EMPLEADOS]:
        return EMPLEADOS
    if {"codigo_dir3", "provincia"} <= campos[OFICINAS]:
        return OFICINAS
    if {"codigo", "nombre"} <= campos[SERVICIOS]:
        return SERVICIOS
    return None


def asignar_columnas(
    tabla: Tabla, errores: list[ErrorImportacion], avisos: list[str]
) -> None:
    """Map the file's headers to fields; missing required columns are errors."""
    alias = ALIAS[tabla.tipo]
    for indice, cabecera in enumerate(tabla.cabecera):
        if not cabecera:
            continue
        campo = alias.get(normalizar_cabecera(cabecera))
        columna = f"{letra_columna(indice)} ({cabecera})"
        if campo is None:
            avisos.append(
                _("%(hoja)s: se ignora la columna %(columna)s, que no se reconoce.")
                % {"hoja": tabla.hoja, "columna": columna}
            )
        elif campo in tabla.columnas:
            errores.append(
                ErrorImportacion(
                    tabla.hoja,
                    tabla.linea_cabecera,
                    columna,
                    _("columna repetida: ya está en %(otra)s.")
                    % {"otra": tabla.etiqueta(campo)},
                )
            )
        else:
            tabla.columnas[campo] = indice
    for col in COLUMNAS[tabla.tipo]:
        if col.obligatoria and col.campo not in tabla.columnas:
            errores.append(
                ErrorImportacion(
                    tabla.hoja,
                    tabla.linea_cabecera,
                    "",
                    _("falta la columna obligatoria «%(columna)s».")
                    % {"columna": col.cabecera},
                )
            )


# --- Cell values -----------------------------------------------------------------


def texto(valor) -> str:
    """A cell as text: Excel's 28.0 is '28', a date cell its ISO date."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime):
        return (
            valor.date().isoformat()
            if valor.time() == datetime.min.time()
            else valor.isoformat()
        )
    if isinstance(valor, date):
        return valor.isoformat()
    return str(valor).strip()


FORMATOS_FECHA = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")


def fecha(valor) -> date | None:
    """dd/mm/aaaa, aaaa-mm-dd, a date cell, or an Excel serial number in a number cell."""
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    if isinstance(valor, int | float) and not isinstance(valor, bool):
        from openpyxl.utils.datetime import from_excel

        if 1 <= valor < 2958466:
            return from_excel(valor).date()
        raise ValueError(_("«%(valor)s» no es una fecha.") % {"valor": valor})
    cadena = str(valor).strip()
    cadena = re.sub(
        r"[ T]00:00(:00)?$", "", cadena
    )  # "2015-09-01 00:00:00" from exports
    for formato in FORMATOS_FECHA:
        try:
            leida = datetime.strptime(cadena, formato).date()
        except ValueError:
            continue
        if leida.year < 1900:
            break  # "01/09/15": a two-digit year is ambiguous
        return leida
    raise ValueError(
        _(
            "«%(valor)s» no es una fecha: use dd/mm/aaaa (p. ej. 01/09/2015) o aaaa-mm-dd."
        )
        % {"valor": cadena}
    )


VERDADERO = {
    "si",
    "s",
    "sí",
    "yes",
    "y",
    "true",
    "verdadero",
    "1",
    "x",
    "activa",
    "activo",
}
FALSO = {"no", "n", "false", "falso", "0", "inactiva", "inactivo", "baja"}


def booleano(valor, *, por_defecto: bool) -> bool:
    if isinstance(valor, bool):
        return valor
    cadena = normalizar_cabecera(texto(valor))
    if not cadena:
        return por_defecto
    if cadena in {normalizar_cabecera(v) for v in VERDADERO}:
        return True
    if cadena in FALSO:
        return False
    raise ValueError(_("«%(valor)s» no es sí ni no.") % {"valor": texto(valor)})


# Names people write for each channel, compared without accents or case.
NOMBRES_CANAL = {
    "presencial": "presencial",
    "oficina": "presencial",
    "telefonico": "telefonico",
    "telefono": "telefonico",
    "telefonica": "telefonico",
    "012": "telefonico",
    "telematico": "telematico",
    "telematica": "telematico",
    "electronico": "telematico",
    "online": "telematico",
    "internet": "telematico",
    "sede electronica": "telematico",
}


def lista(valor) -> list[str]:
    """'presencial, telefónico' / 'presencial; telefónico' / 'presencial y telefónico'."""
    partes = re.split(r"[,;/|+\n]|\s+y\s+|\s+e\s+", texto(valor))
    return [p.strip() for p in partes if p.strip()]


def canales(valor) -> list[str]:
    codigos, desconocidos = [], []
    for parte in lista(valor):
        codigo = NOMBRES_CANAL.get(normalizar_cabecera(parte))
        if codigo is None:
            desconocidos.append(parte)
        elif codigo not in codigos:
            codigos.append(codigo)
    if desconocidos:
        raise ValueError(
            _(
                "canal desconocido: %(canales)s (use presencial, telefónico o telemático)."
            )
            % {"canales": ", ".join(f"«{d}»" for d in desconocidos)}
        )
    return codigos


def provincia(valor) -> str:
    cadena = texto(valor)
    cadena = re.sub(r"^(\d+)[.,]0+$", r"\1", cadena)  # "28,0" typed as text
    codigo = codigo_provincia(cadena)
    if codigo is None:
        raise ValueError(
            _(
                "«%(valor)s» no es una provincia: escriba su código INE (28) o su nombre (Madrid)."
            )
            % {"valor": cadena}
        )
    return codigo


# --- Checking rows and writing them ----------------------------------------------

AUSENTE = object()  # the column is not in the file: keep what the database has


@dataclass
class Pendiente:
    """A checked row waiting to be written."""

    tabla: Tabla
    linea: int
    obj: object
    nuevo: bool
    cambiado: bool = False
    canales: list[str] | None = None
    superior: object = AUSENTE  # DIR3 / identifier of the parent, "" for none
    responsable: object = AUSENTE
    oficina: str = ""  # an office created by this same import
    usuario: dict = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)


ROLES_ESCRITOS = {
    "empleado": "empleado",
    "empleada": "empleado",
    "supervisor": "supervisor",
    "supervisora": "supervisor",
    "supervisor a": "supervisor",
    "direccion": "direccion",
    "calidad": "calidad",
}


# Who grants these reads everyone's records: superusers or the command line only.
ROLES_PRIVILEGIADOS = {"direccion", "calidad"}


class Importador:
    """Checks every row of every table against the file and the database, then
    writes them. `validar()` writes nothing; `guardar()` must run in a transaction."""

    def __init__(self, tablas: list[Tabla], informe: InformeImportacion, por=None):
        from .models import Canal

        self.puede_conceder = por is None or por.is_superuser
        self.tablas = tablas
        self.informe = informe
        self.canales = {c.codigo: c for c in Canal.objects.all()}
        self.pendientes: dict[str, list[Pendiente]] = {t: [] for t in TIPOS}
        self.claves: dict[str, dict[str, int]] = {t: {} for t in TIPOS}
        self.repetidas: set[tuple[str, int]] = set()

    # errors ------------------------------------------------------------------

    def error(self, tabla: Tabla, linea: int, campo: str, mensaje) -> None:
        self.informe.errores.append(
            ErrorImportacion(tabla.hoja, linea, tabla.etiqueta(campo), str(mensaje))
        )

    def errores_de_modelo(self, tabla, linea, exc) -> None:
        for campo, mensajes in exc.message_dict.items():
            self.error(
                tabla,
                linea,
                campo if campo in tabla.columnas else "",
                " ".join(mensajes),
            )

    @staticmethod
    def celda(tabla: Tabla, valores: list, campo: str):
        if campo not in tabla.columnas:
            return AUSENTE
        indice = tabla.columnas[campo]
        return valores[indice] if indice < len(valores) else None

    # keys --------------------------------------------------------------------

    def clave(self, tabla: Tabla, valores: list) -> str:
        from .validators import normalizar_dir3

        campo = {
            OFICINAS: "codigo_dir3",
            SERVICIOS: "codigo",
            EMPLEADOS: "identificador",
        }
        valor = texto(self.celda(tabla, valores, campo[tabla.tipo]) or "")
        return normalizar_dir3(valor) if tabla.tipo == OFICINAS else valor

    def recoger_claves(self) -> None:
        """First pass: what each table defines, so rows may point at rows further down."""
        for tabla in self.tablas:
            for linea, valores in tabla.filas:
                clave = self.clave(tabla, valores)
                if not clave:
                    continue
                previa = self.claves[tabla.tipo].get(clave)
                if previa is not None:
                    self.repetidas.add((tabla.hoja, linea))
                    campo = {
                        OFICINAS: "codigo_dir3",
                        SERVICIOS: "codigo",
                        EMPLEADOS: "identificador",
                    }
                    self.error(
                        tabla,
                        linea,
                        campo[tabla.tipo],
                        _(
                            "«%(clave)s» está repetido: ya aparece en la línea %(linea)s."
                        )
                        % {"clave": clave, "linea": previa},
                    )
                else:
                    self.claves[tabla.tipo][clave] = linea

    def cargar_bd(self) -> None:
        """Everything the checks need from the database, in a handful of queries."""
        from django.contrib.auth import get_user_model

        from .models import Empleado, Oficina, Puesto, Servicio

        self.oficinas_bd: dict[str, tuple[int, str | None]] = {
            dir3: (pk, superior)
            for dir3, pk, superior in Oficina.objects.values_list(
                "codigo_dir3", "pk", "unidad_superior__codigo_dir3"
            )
        }
        self.empleados_bd: dict[str, tuple[int, str | None]] = {
            ident: (pk, superior)
            for ident, pk, superior in Empleado.objects.values_list(
                "identificador", "pk", "supervisor__identificador"
            )
        }
        self.oficinas = Oficina.objects.prefetch_related("canales").in_bulk(
            list(self.claves[OFICINAS]), field_name="codigo_dir3"
        )
        self.servicios = Servicio.objects.prefetch_related("canales").in_bulk(
            list(self.claves[SERVICIOS]), field_name="codigo"
        )
        self.empleados = (
            Empleado.objects.select_related("usuario")
            .prefetch_related("canales")
            .in_bulk(list(self.claves[EMPLEADOS]), field_name="identificador")
        )
        self.responsables_bd = dict(
            Oficina.objects.filter(
                codigo_dir3__in=list(self.claves[OFICINAS])
            ).values_list("codigo_dir3", "responsable__identificador")
        )
        self.puestos = {}
        for puesto in Puesto.objects.all():
            self.puestos[puesto.codigo.casefold()] = puesto
            self.puestos.setdefault(normalizar_cabecera(puesto.nombre), puesto)
        self.codigos_puesto = sorted(p.codigo for p in set(self.puestos.values()))
        self.User = get_user_model()
        self.usuarios_bd: dict[str, str | None] = {}  # username -> employee identifier
        self.usuarios_en_fichero: dict[str, int] = {}

    # rows --------------------------------------------------------------------

    def asignar_texto(self, p: Pendiente, valores, campos) -> None:
        for campo in campos:
            valor = self.celda(p.tabla, valores, campo)
            if valor is not AUSENTE:
                setattr(p.obj, campo, texto(valor))

    def asignar(
        self, p: Pendiente, campo: str, valor, conversor, errores_campo: set, **kw
    ):
        """Convert a cell; a conversion error is reported once, against its cell."""
        if valor is AUSENTE:
            return AUSENTE
        try:
            return conversor(valor, **kw)
        except ValueError as exc:
            self.error(p.tabla, p.linea, campo, exc)
            errores_campo.add(campo)
            return AUSENTE

    def limpiar(
        self, p: Pendiente, excluir: set, jerarquia: str | None = None, **opciones
    ):
        """Model validation (`full_clean`). The hierarchy is left out: it is checked
        in memory against the final state (file over database), since the database
        still holds the old one and would see cycles a reorganisation undoes."""
        from django.core.exceptions import ValidationError

        guardado = getattr(p.obj, jerarquia) if jerarquia else None
        if jerarquia:
            setattr(p.obj, jerarquia, None)
        try:
            p.obj.full_clean(exclude=sorted(excluir), **opciones)
        except ValidationError as exc:
            self.errores_de_modelo(p.tabla, p.linea, exc)
        finally:
            if jerarquia:
                setattr(p.obj, jerarquia, guardado)

    @staticmethod
    def foto(obj) -> dict:
        return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}

    def referencia(
        self, p, campo, valor, propia, existentes, en_fichero, mensaje_propio
    ):
        """A pointer to another row of the same kind (parent unit, supervisor)."""
        if valor is AUSENTE:
            return AUSENTE
        clave = texto(valor)
        if campo == "unidad_superior":
            clave = clave.upper()
        if not clave:
            return ""
        if clave == propia:
            self.error(p.tabla, p.linea, campo, mensaje_propio)
        elif clave not in en_fichero and clave not in existentes:
            self.error(
                p.tabla,
                p.linea,
                campo,
                _("«%(clave)s» no existe ni en el fichero ni en la base de datos.")
                % {"clave": clave},
            )
        else:
            return clave
        return AUSENTE

    def fila_oficina(self, tabla, linea, valores) -> None:
        from .models import Oficina

        dir3 = self.clave(tabla, valores)
        if not dir3:
            self.error(tabla, linea, "codigo_dir3", _("El código DIR3 es obligatorio."))
            return
        obj = self.oficinas.get(dir3) or Oficina(codigo_dir3=dir3)
        p = Pendiente(tabla, linea, obj, nuevo=obj.pk is None)
        antes, errores_campo = self.foto(obj), set()
        self.asignar_texto(p, valores, ("nombre", "municipio", "direccion_postal"))
        prov = self.asignar(
            p,
            "provincia",
            self.celda(tabla, valores, "provincia"),
            provincia,
            errores_campo,
        )
        if prov is not AUSENTE:
            obj.provincia = prov
        activa = self.asignar(
            p,
            "activa",
            self.celda(tabla, valores, "activa"),
            booleano,
            errores_campo,
            por_defecto=True,
        )
        if activa is not AUSENTE:
            obj.activa = activa
        cods = self.asignar(
            p, "canales", self.celda(tabla, valores, "canales"), canales, errores_campo
        )
        p.canales = None if cods is AUSENTE else cods
        p.superior = self.referencia(
            p,
            "unidad_superior",
            self.celda(tabla, valores, "unidad_superior"),
            dir3,
            self.oficinas_bd,
            self.claves[OFICINAS],
            _("Una oficina no puede depender de sí misma."),
        )
        responsable = self.celda(tabla, valores, "responsable")
        if responsable is not AUSENTE:
            ident = texto(responsable)
            if (
                ident
                and ident not in self.claves[EMPLEADOS]
                and ident not in self.empleados_bd
            ):
                self.error(
                    tabla,
                    linea,
                    "responsable",
                    _(
                        "No hay ninguna persona con identificador «%(id)s» ni en el fichero ni en la base de datos."
                    )
                    % {"id": ident},
                )
            else:
                p.responsable = ident
        self.limpiar(
            p, errores_campo | {"unidad_superior", "responsable"}, "unidad_superior_id"
        )
        p.cambiado = p.nuevo or self.foto(obj) != antes
        if not p.nuevo and p.canales is not None:
            p.cambiado |= set(p.canales) != {c.codigo for c in obj.canales.all()}
        if not p.nuevo and p.superior is not AUSENTE:
            p.cambiado |= (p.superior or None) != self.oficinas_bd[dir3][1]
        if not p.nuevo and p.responsable is not AUSENTE:
            p.cambiado |= (p.responsable or None) != self.responsables_bd.get(dir3)
        self.pendientes[OFICINAS].append(p)

    def fila_servicio(self, tabla, linea, valores) -> None:
        from .models import Servicio

        codigo = self.clave(tabla, valores)
        if not codigo:
            self.error(
                tabla, linea, "codigo", _("El código del servicio es obligatorio.")
            )
            return
        obj = self.servicios.get(codigo) or Servicio(codigo=codigo)
        p = Pendiente(tabla, linea, obj, nuevo=obj.pk is None)
        antes, errores_campo = self.foto(obj), set()
        self.asignar_texto(p, valores, ("nombre", "descripcion", "codigo_sia"))
        activo = self.asignar(
            p,
            "activo",
            self.celda(tabla, valores, "activo"),
            booleano,
            errores_campo,
            por_defecto=True,
        )
        if activo is not AUSENTE:
            obj.activo = activo
        cods = self.asignar(
            p, "canales", self.celda(tabla, valores, "canales"), canales, errores_campo
        )
        p.canales = None if cods is AUSENTE else cods
        if obj.codigo_sia:
            previa = self.sia_en_fichero.setdefault(obj.codigo_sia, linea)
            if previa != linea:
                self.error(
                    tabla,
                    linea,
                    "codigo_sia",
                    _("El código SIA «%(sia)s» ya está en la línea %(linea)s.")
                    % {"sia": obj.codigo_sia, "linea": previa},
                )
                errores_campo.add("codigo_sia")
        self.limpiar(p, errores_campo)
        p.cambiado = p.nuevo or self.foto(obj) != antes
        if not p.nuevo and p.canales is not None:
            p.cambiado |= set(p.canales) != {c.codigo for c in obj.canales.all()}
        self.pendientes[SERVICIOS].append(p)

    def fila_empleado(self, tabla, linea, valores) -> None:
        from django.contrib.auth.validators import UnicodeUsernameValidator
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email
        from django.utils import timezone

        from .models import Empleado
        from .validators import normalizar_dir3

        ident = self.clave(tabla, valores)
        if not ident:
            self.error(
                tabla, linea, "identificador", _("El identificador es obligatorio.")
            )
            return
        obj = self.empleados.get(ident) or Empleado(identificador=ident)
        p = Pendiente(tabla, linea, obj, nuevo=obj.pk is None)
        antes, errores_campo = self.foto(obj), {"usuario"}
        self.asignar_texto(p, valores, ("nombre", "apellidos"))

        oficina = self.celda(tabla, valores, "oficina")
        dir3 = normalizar_dir3(texto(oficina))
        if not dir3:
            self.error(
                tabla,
                linea,
                "oficina",
                _("La oficina (su código DIR3) es obligatoria."),
            )
            errores_campo.add("oficina")
        elif dir3 in self.oficinas_bd:
            obj.oficina_id = self.oficinas_bd[dir3][0]
        elif dir3 in self.claves[OFICINAS]:
            p.oficina = dir3
            errores_campo.add("oficina")
        else:
            self.error(
                tabla,
                linea,
                "oficina",
                _(
                    "No hay ninguna oficina con código DIR3 «%(dir3)s» ni en el fichero ni en la base de datos."
                )
                % {"dir3": dir3},
            )
            errores_campo.add("oficina")

        nombre_puesto = texto(self.celda(tabla, valores, "puesto"))
        puesto = self.puestos.get(nombre_puesto.casefold()) or self.puestos.get(
            normalizar_cabecera(nombre_puesto)
        )
        if puesto is None:
            self.error(
                tabla,
                linea,
                "puesto",
                _("El puesto «%(puesto)s» no existe. Puestos disponibles: %(lista)s.")
                % {
                    "puesto": nombre_puesto,
                    "lista": ", ".join(self.codigos_puesto) or "—",
                },
            )
            errores_campo.add("puesto")
        else:
            obj.puesto = puesto

        p.superior = self.referencia(
            p,
            "supervisor",
            self.celda(tabla, valores, "supervisor"),
            ident,
            self.empleados_bd,
            self.claves[EMPLEADOS],
            _("Nadie puede ser su propio supervisor."),
        )
        cods = self.asignar(
            p, "canales", self.celda(tabla, valores, "canales"), canales, errores_campo
        )
        p.canales = None if cods is AUSENTE else cods
        alta = self.asignar(
            p,
            "fecha_alta",
            self.celda(tabla, valores, "fecha_alta"),
            fecha,
            errores_campo,
        )
        if alta is not AUSENTE and (alta is not None or p.nuevo):
            obj.fecha_alta = alta or timezone.localdate()
        baja = self.asignar(
            p,
            "fecha_baja",
            self.celda(tabla, valores, "fecha_baja"),
            fecha,
            errores_campo,
        )
        if baja is not AUSENTE:
            obj.fecha_baja = baja

        roles = self.celda(tabla, valores, "roles")
        for rol in lista(roles) if roles is not AUSENTE else []:
            codigo = ROLES_ESCRITOS.get(normalizar_cabecera(rol))
            if codigo in ROLES_PRIVILEGIADOS and not self.puede_conceder:
                self.error(
                    tabla,
                    linea,
                    "roles",
                    _("Solo un superusuario puede conceder el perfil «%(rol)s».")
                    % {"rol": rol},
                )
            elif codigo is None:
                self.error(
                    tabla,
                    linea,
                    "roles",
                    _(
                        "Perfil desconocido «%(rol)s»: use empleado, supervisor, direccion o calidad."
                    )
                    % {"rol": rol},
                )
            else:
                p.roles.append(codigo)

        # The account: the import creates it for new people. An existing account's
        # login and e-mail are not changed here: whoever controls the e-mail can
        # reset the password, so that stays in the users' admin.
        email = self.celda(tabla, valores, "email")
        if email is not AUSENTE:
            email = texto(email)
            try:
                if email:
                    validate_email(email)
            except ValidationError:
                self.error(
                    tabla,
                    linea,
                    "email",
                    _("«%(email)s» no es un correo electrónico válido.")
                    % {"email": email},
                )
            else:
                if p.nuevo:
                    p.usuario["email"] = email
                elif email != obj.usuario.email:
                    self.aviso_cuenta(tabla, linea, "email", ident)
        usuario = self.celda(tabla, valores, "usuario")
        username = texto(usuario) if usuario is not AUSENTE else ""
        if not p.nuevo:
            if username and username != obj.usuario.username:
                self.aviso_cuenta(tabla, linea, "usuario", ident)
        else:
            username = username or ident.lower()
            campo = (
                "usuario"
                if usuario is not AUSENTE and texto(usuario)
                else "identificador"
            )
            try:
                UnicodeUsernameValidator()(username)
                if len(username) > 150:
                    raise ValidationError("largo")
            except ValidationError:
                self.error(
                    tabla,
                    linea,
                    campo,
                    _(
                        "«%(usuario)s» no sirve como nombre de usuario (letras, dígitos "
                        "y @ . + - _): añada una columna Usuario."
                    )
                    % {"usuario": username},
                )
            else:
                previa = self.usuarios_en_fichero.setdefault(username, linea)
                if previa != linea:
                    self.error(
                        tabla,
                        linea,
                        campo,
                        _("El usuario «%(usuario)s» ya está en la línea %(linea)s.")
                        % {"usuario": username, "linea": previa},
                    )
                p.usuario["username"] = username

        # Office and puesto were resolved against what was loaded, the identifier
        # is looked up by value and `clean()` checks the dates: skipping Django's
        # per-row existence, unique and constraint queries keeps big files fast.
        self.limpiar(
            p,
            errores_campo | {"supervisor", "oficina", "puesto"},
            "supervisor_id",
            validate_unique=False,
            validate_constraints=False,
        )
        p.cambiado = p.nuevo or self.foto(obj) != antes
        if not p.nuevo:
            if p.canales is not None:
                p.cambiado |= set(p.canales) != {c.codigo for c in obj.canales.all()}
            if p.superior is not AUSENTE:
                p.cambiado |= (p.superior or None) != self.empleados_bd[ident][1]
            p.cambiado |= bool(set(p.roles) - self._roles_de(obj))
        self.pendientes[EMPLEADOS].append(p)

    def _roles_de(self, empleado) -> set[str]:
        if not hasattr(self, "_roles_cache"):
            from .models import Empleado

            self._roles_cache: dict[int, set[str]] = {}
            pks = [e.pk for e in self.empleados.values()]
            for pk, grupo in Empleado.objects.filter(pk__in=pks).values_list(
                "pk", "usuario__groups__name"
            ):
                self._roles_cache.setdefault(pk, set()).add(grupo)
        return self._roles_cache.get(empleado.pk, set())

    def aviso_cuenta(self, tabla, linea, campo, ident) -> None:
        self.informe.avisos.append(
            _(
                "%(hoja)s, línea %(linea)s, columna %(columna)s: no se cambia el usuario "
                "ni el correo de una cuenta que ya existe (%(id)s); hágalo en la "
                "administración de usuarios."
            )
            % {
                "hoja": tabla.hoja,
                "linea": linea,
                "columna": tabla.etiqueta(campo),
                "id": ident,
            }
        )

    def comprobar_usuarios(self) -> None:
        """New people get new accounts: an import never takes over an existing
        login (it could be someone else's, or an administrator's)."""
        nuevos = {
            p.usuario["username"]: p
            for p in self.pendientes[EMPLEADOS]
            if "username" in p.usuario
        }
        existentes = self.User.objects.filter(username__in=list(nuevos)).values_list(
            "username", "empleado__identificador"
        )
        for nombre, dueno in existentes:
            p = nuevos[nombre]
            campo = "usuario" if "usuario" in p.tabla.columnas else "identificador"
            mensaje = (
                _("El usuario «%(usuario)s» ya existe y pertenece a la persona %(id)s.")
                if dueno
                else _(
                    "El usuario «%(usuario)s» ya existe: elija otro en la columna Usuario."
                )
            )
            self.error(
                p.tabla, p.linea, campo, mensaje % {"usuario": nombre, "id": dueno}
            )

    def comprobar_ciclos(self, tipo: str, campo: str, en_bd: dict) -> None:
        """No unit above itself, nobody their own (indirect) supervisor, in the
        hierarchy that results: the file's rows over the database's."""
        padre = {clave: superior for clave, (_pk, superior) in en_bd.items()}
        filas = {}
        for p in self.pendientes[tipo]:
            clave = self.clave_de(p)
            filas[clave] = p
            if p.superior is not AUSENTE:
                padre[clave] = p.superior or None
        vistos: set[frozenset] = set()
        for clave, p in filas.items():
            if p.superior is AUSENTE or not p.superior:
                continue
            camino, actual = [clave], padre.get(clave)
            while actual is not None and actual not in camino and len(camino) <= 10_000:
                camino.append(actual)
                actual = padre.get(actual)
            if actual != clave:
                continue
            ciclo = frozenset(camino)
            if ciclo in vistos:
                continue
            vistos.add(ciclo)
            recorrido = " → ".join([*camino, clave])
            for miembro in camino:
                if miembro in filas and filas[miembro].superior is not AUSENTE:
                    q = filas[miembro]
                    self.error(
                        q.tabla,
                        q.linea,
                        campo,
                        _("La jerarquía tendría un ciclo: %(ciclo)s.")
                        % {"ciclo": recorrido},
                    )

    @staticmethod
    def clave_de(p: Pendiente) -> str:
        return (
            getattr(p.obj, "codigo_dir3", None)
            or getattr(p.obj, "identificador", None)
            or p.obj.codigo
        )

    def validar(self) -> None:
        self.recoger_claves()
        self.cargar_bd()
        self.sia_en_fichero: dict[str, int] = {}
        por_tipo = {
            OFICINAS: self.fila_oficina,
            SERVICIOS: self.fila_servicio,
            EMPLEADOS: self.fila_empleado,
        }
        for tipo in TIPOS:
            for tabla in self.tablas:
                if tabla.tipo == tipo:
                    self.informe.recuentos.setdefault(tipo, Recuento()).filas += len(
                        tabla.filas
                    )
                    for linea, valores in tabla.filas:
                        # A repeated key is already reported; its row is not checked twice.
                        if (tabla.hoja, linea) not in self.repetidas:
                            por_tipo[tipo](tabla, linea, valores)
        self.comprobar_usuarios()
        self.comprobar_ciclos(OFICINAS, "unidad_superior", self.oficinas_bd)
        self.comprobar_ciclos(EMPLEADOS, "supervisor", self.empleados_bd)
        self.informe.errores.sort(
            key=lambda e: (e.hoja, e.linea, len(e.columna.split(" ")[0]), e.columna)
        )
        for tipo, pendientes in self.pendientes.items():
            if tipo not in self.informe.recuentos:
                continue
            recuento = self.informe.recuentos[tipo]
            recuento.creados = sum(p.nuevo for p in pendientes)
            recuento.actualizados = sum(p.cambiado and not p.nuevo for p in pendientes)
            recuento.sin_cambios = sum(not p.cambiado for p in pendientes)

    # writing -------------------------------------------------------------------

    def guardar(self) -> None:
        """Write every checked row. Call inside `transaction.atomic()`."""
        from django.contrib.auth.models import Group

        from . import services
        from .models import Empleado, Oficina

        canales = self.canales
        oficina_ids = {dir3: pk for dir3, (pk, _s) in self.oficinas_bd.items()}
        for p in self.pendientes[OFICINAS]:
            if p.cambiado:
                p.obj.save()
                if p.canales is not None:
                    p.obj.canales.set([canales[c] for c in p.canales])
            oficina_ids[p.obj.codigo_dir3] = p.obj.pk
        for p in self.pendientes[OFICINAS]:
            if p.superior is not AUSENTE:
                nuevo = oficina_ids[p.superior] if p.superior else None
                if p.obj.unidad_superior_id != nuevo:
                    p.obj.unidad_superior_id = nuevo
                    p.obj.save(update_fields=["unidad_superior"])

        for p in self.pendientes[SERVICIOS]:
            if p.cambiado:
                p.obj.save()
                if p.canales is not None:
                    p.obj.canales.set([canales[c] for c in p.canales])

        grupos = {
            g.name: g for g in Group.objects.filter(name__in=ROLES_ESCRITOS.values())
        }
        empleado_ids = {ident: pk for ident, (pk, _s) in self.empleados_bd.items()}
        nuevos = []
        for p in self.pendientes[EMPLEADOS]:
            obj = p.obj
            if p.oficina:
                obj.oficina_id = oficina_ids[p.oficina]
            if p.nuevo:
                # The username was checked to be free (`comprobar_usuarios`).
                obj.usuario = self.User(
                    username=p.usuario["username"],
                    email=p.usuario.get("email", ""),
                    first_name=obj.nombre,
                    last_name=obj.apellidos,
                )
                obj.usuario.set_unusable_password()
                obj.usuario.save()
                nuevos.append(obj)
            elif p.cambiado:
                usuario, cambios = obj.usuario, []
                datos = {"first_name": obj.nombre, "last_name": obj.apellidos}
                for atributo, valor in datos.items():
                    if getattr(usuario, atributo) != valor:
                        setattr(usuario, atributo, valor)
                        cambios.append(atributo)
                if cambios:
                    usuario.save(update_fields=cambios)
            if p.cambiado:
                obj.save()
                if p.canales is not None:
                    obj.canales.set([canales[c] for c in p.canales])
            empleado_ids[obj.identificador] = obj.pk
        supervisores = set()
        for p in self.pendientes[EMPLEADOS]:
            if p.superior is not AUSENTE:
                nuevo = empleado_ids[p.superior] if p.superior else None
                if nuevo:
                    supervisores.add(nuevo)
                if p.obj.supervisor_id != nuevo:
                    p.obj.supervisor_id = nuevo
                    p.obj.save(update_fields=["supervisor"])
        # Everyone imported is an employee; whoever has a team is a supervisor.
        usuarios_por_rol: dict[str, set[int]] = {}
        for p in self.pendientes[EMPLEADOS]:
            for rol in {"empleado", *p.roles}:
                usuarios_por_rol.setdefault(rol, set()).add(p.obj.usuario_id)
        if supervisores:
            usuarios_por_rol.setdefault("supervisor", set()).update(
                Empleado.objects.filter(pk__in=supervisores).values_list(
                    "usuario_id", flat=True
                )
            )
        for rol, usuarios in usuarios_por_rol.items():
            if rol in grupos:
                grupos[rol].user_set.add(*usuarios)

        for p in self.pendientes[OFICINAS]:
            if p.responsable is not AUSENTE:
                nuevo = empleado_ids[p.responsable] if p.responsable else None
                if p.obj.responsable_id != nuevo:
                    Oficina.objects.filter(pk=p.obj.pk).update(responsable_id=nuevo)

        for empleado in nuevos:
            services.programar_bienvenida(empleado=empleado)
