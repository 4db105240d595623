"""Checking a whole file before anything is written: which kind each sheet holds,
its headers, every row (see `filas`), and what only shows across rows (repeated
keys, taken logins, hierarchy cycles), reading the file in a stream. Nothing
here writes: the import service writes the rows, rebuilt chunk by chunk by
`Validador.trozos`, only when the report has no errors."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Empleado, Oficina, Puesto, Servicio
from ..validators import normalizar_dir3
from . import filas
from .celdas import texto
from .columnas import (
    ALIAS,
    CAMPO_CLAVE,
    COLUMNAS,
    EMPLEADOS,
    NOMBRES_TIPO,
    OFICINAS,
    SERVICIOS,
    TIPOS,
    detectar_tipo,
    normalizar_cabecera,
)
from .filas import AUSENTE, Pendiente
from .informe import ErrorImportacion, InformeImportacion, Recuento
from .lectura import Tabla, letra_columna


def clasificar_tablas(
    tablas: list[Tabla], tipo: str, informe: InformeImportacion
) -> list[Tabla]:
    """The tables to import, each with its kind and its columns mapped. `tipo` is
    "auto" (tell each sheet's kind) or the kind the user chose; sheets that are not
    of it are left out, and what cannot be told is an error or a warning."""
    elegidas = []
    for tabla in tablas:
        detectado = detectar_tipo(tabla)
        if tipo != "auto" and (len(tablas) == 1 or detectado == tipo):
            tabla.tipo = tipo
        elif tipo == "auto" and detectado:
            tabla.tipo = detectado
        elif tipo == "auto" and len(tablas) > 1:
            informe.avisos.append(
                _(
                    "Se ignora la hoja «%(hoja)s»: no parece de oficinas, servicios ni empleados."
                )
                % {"hoja": tabla.titulo}
            )
            continue
        elif tipo == "auto":
            informe.errores.append(
                ErrorImportacion(
                    tabla.hoja,
                    tabla.linea_cabecera,
                    "",
                    _(
                        "No se reconoce si son oficinas, servicios o empleados: indique el tipo."
                    ),
                )
            )
            continue
        else:
            continue
        asignar_columnas(tabla, informe.errores, informe.avisos)
        elegidas.append(tabla)
    if not elegidas and not informe.errores:
        informe.errores.append(
            ErrorImportacion(
                informe.nombre,
                1,
                "",
                _("El libro no tiene ninguna hoja de %(tipo)s.")
                % {"tipo": NOMBRES_TIPO.get(tipo, tipo).lower()},
            )
        )
    return elegidas


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


# Errors kept in the report; past this many only their number is told (a file
# of wrong rows would otherwise hold one error per cell in memory).
MAX_ERRORES = 1000

_SUPERIOR = {OFICINAS: "unidad_superior", EMPLEADOS: "supervisor"}


class Validador:
    """Checks every row of every table against the file and the database,
    reading the file in a stream: what it keeps per row is the row's key, its
    line and the key of the row above it (parent unit, supervisor), never the
    row. `trozos` builds the checked rows again, a chunk at a time, for the
    import service to write. Writes nothing."""

    TROZO = 500  # rows checked together: one query per chunk for what exists

    def __init__(self, tablas: list[Tabla], informe: InformeImportacion, por=None):
        self.puede_conceder = por is None or por.is_superuser
        self.tablas = tablas
        self.informe = informe
        self.escribiendo = False
        self.errores_omitidos = 0
        # key -> line of the row that defines it, by kind
        self.claves: dict[str, dict[str, int]] = {t: {} for t in TIPOS}
        # key -> key of the row above ("" for none), rows whose file has the column
        self.superiores: dict[str, dict[str, str]] = {t: {} for t in TIPOS}
        # key -> sheet, only for the second and later sheets of a kind
        self.hojas: dict[str, dict[str, Tabla]] = {t: {} for t in TIPOS}
        self.responsables: dict[str, str] = {}  # office DIR3 -> identifier
        self.repetidas: set[tuple[str, int]] = set()
        self.sia_en_fichero: dict[str, int] = {}
        self.usuarios_en_fichero: dict[str, int] = {}

    def validar(self) -> None:
        for tipo in TIPOS:  # the report lists the kinds in this order
            if any(t.tipo == tipo for t in self.tablas):
                self.informe.recuentos.setdefault(tipo, Recuento())
        self.recoger_claves()
        self.cargar_bd()
        for tipo in TIPOS:
            for pendientes in self.trozos(tipo, self.TROZO):
                self.contar(tipo, pendientes)
                if tipo == OFICINAS:
                    self.responsables.update(
                        (p.obj.codigo_dir3, p.responsable)
                        for p in pendientes
                        if p.responsable is not AUSENTE
                    )
                if tipo == EMPLEADOS:
                    self.comprobar_usuarios(pendientes)
        self.usuarios_en_fichero = {}
        self.comprobar_ciclos(OFICINAS, self.oficinas_bd)
        self.comprobar_ciclos(EMPLEADOS, self.empleados_bd)
        self.informe.errores.sort(
            key=lambda e: (e.hoja, e.linea, len(e.columna.split(" ")[0]), e.columna)
        )
        if self.errores_omitidos:
            self.informe.avisos.append(
                _(
                    "Hay %(mas)s errores más que no se muestran: corrija los de la "
                    "lista y vuelva a importar el fichero."
                )
                % {"mas": self.errores_omitidos}
            )

    def trozos(self, tipo: str, tamano: int):
        """The rows of kind `tipo` checked again from the file, `tamano` at a
        time, as `Pendiente`s with their instances (the write's input)."""
        comprobar = {
            OFICINAS: filas.comprobar_oficina,
            SERVICIOS: filas.comprobar_servicio,
            EMPLEADOS: filas.comprobar_empleado,
        }[tipo]
        for tabla in self.tablas:
            if tabla.tipo != tipo:
                continue
            trozo = []
            for linea, valores in tabla.filas:
                # A repeated key is already reported; its row is not checked twice.
                if (tabla.hoja, linea) not in self.repetidas:
                    trozo.append((linea, valores))
                if len(trozo) == tamano:
                    yield self.comprobar_trozo(tabla, trozo, comprobar)
                    trozo = []
            if trozo:
                yield self.comprobar_trozo(tabla, trozo, comprobar)

    def comprobar_trozo(self, tabla: Tabla, trozo: list, comprobar) -> list[Pendiente]:
        self.cargar_existentes(tabla.tipo, [self.clave(tabla, v) for _l, v in trozo])
        pendientes = []
        for linea, valores in trozo:
            p = comprobar(self, tabla, linea, valores)
            if p is not None:
                pendientes.append(p)
        return pendientes

    def para_escribir(self) -> None:
        """From here on `trozos` rebuilds rows already checked: nothing is reported."""
        self.escribiendo = True

    # errors ------------------------------------------------------------------

    def error(self, tabla: Tabla, linea: int, campo: str, mensaje) -> None:
        if self.escribiendo:
            return
        if len(self.informe.errores) >= MAX_ERRORES:
            self.errores_omitidos += 1
            return
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

    def aviso_cuenta(self, tabla, linea, campo, ident) -> None:
        if self.escribiendo:
            return
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

    # keys and the database -----------------------------------------------------

    @staticmethod
    def celda(tabla: Tabla, valores: list, campo: str):
        if campo not in tabla.columnas:
            return AUSENTE
        indice = tabla.columnas[campo]
        return valores[indice] if indice < len(valores) else None

    def clave(self, tabla: Tabla, valores: list) -> str:
        valor = texto(self.celda(tabla, valores, CAMPO_CLAVE[tabla.tipo]) or "")
        return normalizar_dir3(valor) if tabla.tipo == OFICINAS else valor

    def superior(self, tabla: Tabla, valores: list):
        """The key the row points at as its parent, as `referencia` reads it."""
        valor = self.celda(tabla, valores, _SUPERIOR[tabla.tipo])
        if valor is AUSENTE:
            return AUSENTE
        clave = texto(valor)
        return clave.upper() if tabla.tipo == OFICINAS else clave

    def recoger_claves(self) -> None:
        """First pass: what each table defines, so rows may point at rows further
        down, and the hierarchy the file sets (for the cycles)."""
        # Equal parents share one string: many rows name the same head.
        canonicas: dict[str, str] = {}
        vistas: set[str] = set()
        for tabla in self.tablas:
            claves, superiores = self.claves[tabla.tipo], self.superiores[tabla.tipo]
            otra_hoja = tabla.tipo in vistas
            vistas.add(tabla.tipo)
            recuento = self.informe.recuentos[tabla.tipo]
            for linea, valores in tabla.filas:
                recuento.filas += 1
                clave = self.clave(tabla, valores)
                if not clave:
                    continue
                previa = claves.get(clave)
                if previa is not None:
                    self.repetidas.add((tabla.hoja, linea))
                    self.error(
                        tabla,
                        linea,
                        CAMPO_CLAVE[tabla.tipo],
                        _(
                            "«%(clave)s» está repetido: ya aparece en la línea %(linea)s."
                        )
                        % {"clave": clave, "linea": previa},
                    )
                    continue
                claves[clave] = linea
                if otra_hoja:
                    self.hojas[tabla.tipo][clave] = tabla
                if tabla.tipo in _SUPERIOR:
                    superior = self.superior(tabla, valores)
                    if superior is not AUSENTE:
                        superiores[clave] = canonicas.setdefault(superior, superior)

    def cargar_bd(self) -> None:
        """What the checks need from the whole database, in a handful of queries:
        the hierarchies (keys and parents, compact) and the puestos."""
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
        self.puestos = {}
        for puesto in Puesto.objects.all():
            self.puestos[puesto.codigo.casefold()] = puesto
            self.puestos.setdefault(normalizar_cabecera(puesto.nombre), puesto)
        self.codigos_puesto = sorted(p.codigo for p in set(self.puestos.values()))

    def cargar_existentes(self, tipo: str, claves: list[str]) -> None:
        """The rows of a chunk that already exist, as instances to update."""
        self.oficinas, self.servicios, self.empleados = {}, {}, {}
        self._roles_cache = None
        if tipo == OFICINAS:
            self.oficinas = Oficina.objects.prefetch_related("canales").in_bulk(
                claves, field_name="codigo_dir3"
            )
            self.responsables_bd = dict(
                Oficina.objects.filter(codigo_dir3__in=claves).values_list(
                    "codigo_dir3", "responsable__identificador"
                )
            )
        elif tipo == SERVICIOS:
            self.servicios = Servicio.objects.prefetch_related("canales").in_bulk(
                claves, field_name="codigo"
            )
        else:
            self.empleados = (
                Empleado.objects.select_related("usuario")
                .prefetch_related("canales")
                .in_bulk(claves, field_name="identificador")
            )

    def roles_de(self, empleado) -> set[str]:
        """The groups an employee of the chunk already in the database belongs to."""
        if self._roles_cache is None:
            self._roles_cache = {}
            pks = [e.pk for e in self.empleados.values()]
            for pk, grupo in Empleado.objects.filter(pk__in=pks).values_list(
                "pk", "usuario__groups__name"
            ):
                self._roles_cache.setdefault(pk, set()).add(grupo)
        return self._roles_cache.get(empleado.pk, set())

    # cells of a row --------------------------------------------------------------

    def asignar_texto(self, p: Pendiente, valores, campos) -> None:
        for campo in campos:
            valor = self.celda(p.tabla, valores, campo)
            if valor is not AUSENTE:
                setattr(p.obj, campo, texto(valor))

    def convertir(
        self, p: Pendiente, valores, campo: str, conversor, errores_campo: set, **kw
    ):
        """The cell of `campo` converted, or AUSENTE if the column is not in the
        file or the value is wrong (reported once, against its cell)."""
        valor = self.celda(p.tabla, valores, campo)
        if valor is AUSENTE:
            return AUSENTE
        try:
            return conversor(valor, **kw)
        except ValueError as exc:
            self.error(p.tabla, p.linea, campo, exc)
            errores_campo.add(campo)
            return AUSENTE

    def asignar(
        self, p: Pendiente, valores, campo: str, conversor, errores_campo: set, **kw
    ) -> None:
        """Set the field `campo` from its cell, converted; a missing column or a
        wrong value leaves the field as it was."""
        valor = self.convertir(p, valores, campo, conversor, errores_campo, **kw)
        if valor is not AUSENTE:
            setattr(p.obj, campo, valor)

    def limpiar(
        self, p: Pendiente, excluir: set, jerarquia: str | None = None, **opciones
    ):
        """Model validation (`full_clean`). The hierarchy is left out: it is checked
        in memory against the final state (file over database), since the database
        still holds the old one and would see cycles a reorganisation undoes."""
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

    # across rows ---------------------------------------------------------------

    def comprobar_usuarios(self, pendientes: list[Pendiente]) -> None:
        """New people get new accounts: an import never takes over an existing
        login (it could be someone else's, or an administrator's)."""
        nuevos = {
            p.usuario["username"]: p for p in pendientes if "username" in p.usuario
        }
        if not nuevos:
            return
        existentes = (
            get_user_model()
            .objects.filter(username__in=list(nuevos))
            .values_list("username", "empleado__identificador")
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

    def tabla_de(self, tipo: str, clave: str) -> Tabla:
        return self.hojas[tipo].get(clave) or next(
            t for t in self.tablas if t.tipo == tipo
        )

    def comprobar_ciclos(self, tipo: str, en_bd: dict) -> None:
        """No unit above itself, nobody their own (indirect) supervisor, in the
        hierarchy that results: the file's rows over the database's. A row that
        points at itself or at nothing is already an error of its own."""
        superiores, campo = self.superiores[tipo], _SUPERIOR[tipo]

        def padre(clave):
            if clave in superiores:
                return superiores[clave] or None
            return en_bd[clave][1] if clave in en_bd else None

        vistos: set[frozenset] = set()
        for clave, superior in superiores.items():
            if not superior or superior == clave:
                continue
            camino, actual = [clave], padre(clave)
            while actual is not None and actual not in camino and len(camino) <= 10_000:
                camino.append(actual)
                actual = padre(actual)
            if actual != clave:
                continue
            ciclo = frozenset(camino)
            if ciclo in vistos:
                continue
            vistos.add(ciclo)
            recorrido = " → ".join([*camino, clave])
            for miembro in camino:
                if miembro in superiores and miembro in self.claves[tipo]:
                    self.error(
                        self.tabla_de(tipo, miembro),
                        self.claves[tipo][miembro],
                        campo,
                        _("La jerarquía tendría un ciclo: %(ciclo)s.")
                        % {"ciclo": recorrido},
                    )

    def contar(self, tipo: str, pendientes: list[Pendiente]) -> None:
        recuento = self.informe.recuentos.setdefault(tipo, Recuento())
        for p in pendientes:
            recuento.creados += p.nuevo
            recuento.actualizados += p.cambiado and not p.nuevo
            recuento.sin_cambios += not p.cambiado
