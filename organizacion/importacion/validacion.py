"""Checking a whole file before anything is written: which kind each sheet holds,
its headers, every row (see `filas`), and what only shows across rows (repeated
keys, taken logins, hierarchy cycles). Nothing here writes: the import service
writes the `Pendiente` rows only when the report has no errors."""

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


class Validador:
    """Checks every row of every table against the file and the database and
    leaves the rows to write in `pendientes`, grouped by kind. Writes nothing."""

    def __init__(self, tablas: list[Tabla], informe: InformeImportacion, por=None):
        self.puede_conceder = por is None or por.is_superuser
        self.tablas = tablas
        self.informe = informe
        self.pendientes: dict[str, list[Pendiente]] = {t: [] for t in TIPOS}
        self.claves: dict[str, dict[str, int]] = {t: {} for t in TIPOS}
        self.repetidas: set[tuple[str, int]] = set()
        self.sia_en_fichero: dict[str, int] = {}
        self.usuarios_en_fichero: dict[str, int] = {}

    def validar(self) -> None:
        self.recoger_claves()
        self.cargar_bd()
        por_tipo = {
            OFICINAS: filas.comprobar_oficina,
            SERVICIOS: filas.comprobar_servicio,
            EMPLEADOS: filas.comprobar_empleado,
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
                            por_tipo[tipo](self, tabla, linea, valores)
        self.comprobar_usuarios()
        self.comprobar_ciclos(OFICINAS, "unidad_superior", self.oficinas_bd)
        self.comprobar_ciclos(EMPLEADOS, "supervisor", self.empleados_bd)
        self.informe.errores.sort(
            key=lambda e: (e.hoja, e.linea, len(e.columna.split(" ")[0]), e.columna)
        )
        self.contar()

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
                    self.error(
                        tabla,
                        linea,
                        CAMPO_CLAVE[tabla.tipo],
                        _(
                            "«%(clave)s» está repetido: ya aparece en la línea %(linea)s."
                        )
                        % {"clave": clave, "linea": previa},
                    )
                else:
                    self.claves[tabla.tipo][clave] = linea

    def cargar_bd(self) -> None:
        """Everything the checks need from the database, in a handful of queries."""
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

    def roles_de(self, empleado) -> set[str]:
        """The groups an employee already in the file and the database belongs to."""
        if not hasattr(self, "_roles_cache"):
            self._roles_cache: dict[int, set[str]] = {}
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

    def comprobar_usuarios(self) -> None:
        """New people get new accounts: an import never takes over an existing
        login (it could be someone else's, or an administrator's)."""
        nuevos = {
            p.usuario["username"]: p
            for p in self.pendientes[EMPLEADOS]
            if "username" in p.usuario
        }
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

    def comprobar_ciclos(self, tipo: str, campo: str, en_bd: dict) -> None:
        """No unit above itself, nobody their own (indirect) supervisor, in the
        hierarchy that results: the file's rows over the database's."""
        padre = {clave: superior for clave, (_pk, superior) in en_bd.items()}
        por_clave = {}
        for p in self.pendientes[tipo]:
            clave = self.clave_de(p)
            por_clave[clave] = p
            if p.superior is not AUSENTE:
                padre[clave] = p.superior or None
        vistos: set[frozenset] = set()
        for clave, p in por_clave.items():
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
                if miembro in por_clave and por_clave[miembro].superior is not AUSENTE:
                    q = por_clave[miembro]
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

    def contar(self) -> None:
        for tipo, pendientes in self.pendientes.items():
            if tipo not in self.informe.recuentos:
                continue
            recuento = self.informe.recuentos[tipo]
            recuento.creados = sum(p.nuevo for p in pendientes)
            recuento.actualizados = sum(p.cambiado and not p.nuevo for p in pendientes)
            recuento.sin_cambios = sum(not p.cambiado for p in pendientes)
