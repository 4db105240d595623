"""Importing the staff from a file: read and check everything first (the
`organizacion.importacion` package), so a file with one bad row changes nothing,
then write the checked rows FILAS_POR_TRANSACCION at a time: on the embedded
SQLite a single long transaction would hold the only write lock for seconds."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from comun.bd import ceder_escritura

from .. import importacion as imp
from ..importacion import AUSENTE, EMPLEADOS, OFICINAS, SERVICIOS
from ..importacion.celdas import ROLES_ESCRITOS
from ..models import Canal, Empleado, Oficina
from .cuentas import programar_bienvenida

logger = logging.getLogger(__name__)

# Rows per write transaction: a new person is a handful of statements, so a
# chunk holds SQLite's write lock for a fraction of a second.
FILAS_POR_TRANSACCION = 100


def _trozos(filas: list):
    for inicio in range(0, len(filas), FILAS_POR_TRANSACCION):
        if inicio:
            ceder_escritura()
        yield filas[inicio : inicio + FILAS_POR_TRANSACCION]


def importar_plantilla(
    *,
    fichero,
    nombre: str,
    tipo: str = "auto",
    por=None,
    simular: bool = False,
) -> imp.InformeImportacion:
    """Load offices, services and/or employees from a CSV or XLSX file.

    All or nothing: every row is checked (model validation, references to the
    file or the database, hierarchy cycles) and nothing is written if any row
    fails. The checked rows are written in short transactions; re-importing
    updates by DIR3 code, service code and employee identifier, so a write cut
    halfway (a server fault) is completed by importing the same file again. New
    employees get a user and, once committed, a welcome e-mail. `simular` checks
    and counts (the counts come from the check) and writes nothing.
    """
    if tipo != "auto" and tipo not in imp.TIPOS:
        raise ValueError(f"Tipo de importación desconocido: {tipo}")
    informe = imp.InformeImportacion(nombre=nombre, simulado=simular)
    contenido = fichero if isinstance(fichero, bytes) else fichero.read()
    try:
        tablas = imp.leer_tablas(contenido, nombre)
    except imp.ErrorFichero as exc:
        informe.errores.append(imp.ErrorImportacion(nombre, 1, "", str(exc)))
        return informe
    elegidas = imp.clasificar_tablas(tablas, tipo, informe)
    if informe.errores:
        return informe

    validador = imp.Validador(elegidas, informe, por=por)
    validador.validar()
    if informe.errores:
        return informe
    if simular:
        return informe
    try:
        _escribir(validador)
    except IntegrityError as exc:
        # A race with another writer: checked rows that the database still refuses.
        # The chunks before it stay; importing the file again completes it.
        informe.errores.append(imp.ErrorImportacion(nombre, 1, "", str(exc)))
        return informe
    logger.info(
        "Importación de %s por %s%s: %s",
        nombre,
        getattr(por, "username", "la línea de órdenes"),
        " (simulada)" if simular else "",
        "; ".join(informe.lineas()),
    )
    return informe


def _escribir(v: imp.Validador) -> None:
    """Write every checked row, parents before the rows that point at them, a
    chunk per transaction."""
    canales = {c.codigo: c for c in Canal.objects.all()}
    oficina_ids = _escribir_oficinas(v, canales)
    _escribir_filas(v.pendientes[SERVICIOS], canales)
    empleado_ids = _escribir_empleados(v, canales, oficina_ids)
    supervisores = _asignar_supervisores(v, empleado_ids)
    _conceder_perfiles(v, supervisores)
    _asignar_responsables(v, empleado_ids)


def _escribir_filas(pendientes: list[imp.Pendiente], canales: dict) -> None:
    for trozo in _trozos([p for p in pendientes if p.cambiado]):
        with transaction.atomic():
            for p in trozo:
                p.obj.save()
                if p.canales is not None:
                    p.obj.canales.set([canales[c] for c in p.canales])


def _escribir_oficinas(v: imp.Validador, canales: dict) -> dict[str, int]:
    """The offices, then the units above them (which may be rows of the same file).
    Returns every office's id by DIR3 code."""
    oficina_ids = {dir3: pk for dir3, (pk, _s) in v.oficinas_bd.items()}
    _escribir_filas(v.pendientes[OFICINAS], canales)
    for p in v.pendientes[OFICINAS]:
        oficina_ids[p.obj.codigo_dir3] = p.obj.pk
    for trozo in _trozos(v.pendientes[OFICINAS]):
        with transaction.atomic():
            for p in trozo:
                if p.superior is not AUSENTE:
                    nuevo = oficina_ids[p.superior] if p.superior else None
                    if p.obj.unidad_superior_id != nuevo:
                        p.obj.unidad_superior_id = nuevo
                        p.obj.save(update_fields=["unidad_superior"])
    return oficina_ids


def _escribir_empleados(
    v: imp.Validador, canales: dict, oficina_ids: dict[str, int]
) -> dict[str, int]:
    """Employees and their accounts; a new one's welcome e-mail leaves when its
    chunk commits. Returns every employee's id by identifier."""
    empleado_ids = {ident: pk for ident, (pk, _s) in v.empleados_bd.items()}
    for trozo in _trozos(v.pendientes[EMPLEADOS]):
        with transaction.atomic():
            for p in trozo:
                _escribir_empleado(p, canales, oficina_ids)
                if p.nuevo:
                    programar_bienvenida(empleado=p.obj)
                empleado_ids[p.obj.identificador] = p.obj.pk
    return empleado_ids


def _escribir_empleado(
    p: imp.Pendiente, canales: dict, oficina_ids: dict[str, int]
) -> None:
    """A new person gets a new user without a password; an existing one keeps
    login and e-mail, only the name follows."""
    obj = p.obj
    if p.oficina:
        obj.oficina_id = oficina_ids[p.oficina]
    if p.nuevo:
        # The username was checked to be free (`comprobar_usuarios`).
        obj.usuario = get_user_model()(
            username=p.usuario["username"],
            email=p.usuario.get("email", ""),
            first_name=obj.nombre,
            last_name=obj.apellidos,
        )
        obj.usuario.set_unusable_password()
        obj.usuario.save()
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


def _asignar_supervisores(v: imp.Validador, empleado_ids: dict[str, int]) -> set[int]:
    """Returns the ids of the employees who supervise someone in the file."""
    supervisores = set()
    for trozo in _trozos(v.pendientes[EMPLEADOS]):
        with transaction.atomic():
            for p in trozo:
                if p.superior is not AUSENTE:
                    nuevo = empleado_ids[p.superior] if p.superior else None
                    if nuevo:
                        supervisores.add(nuevo)
                    if p.obj.supervisor_id != nuevo:
                        p.obj.supervisor_id = nuevo
                        p.obj.save(update_fields=["supervisor"])
    return supervisores


def _conceder_perfiles(v: imp.Validador, supervisores: set[int]) -> None:
    """Everyone imported is an employee; whoever has a team is a supervisor."""
    grupos = {g.name: g for g in Group.objects.filter(name__in=ROLES_ESCRITOS.values())}
    usuarios_por_rol: dict[str, set[int]] = {}
    for p in v.pendientes[EMPLEADOS]:
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


def _asignar_responsables(v: imp.Validador, empleado_ids: dict[str, int]) -> None:
    for trozo in _trozos(v.pendientes[OFICINAS]):
        with transaction.atomic():
            for p in trozo:
                if p.responsable is not AUSENTE:
                    nuevo = empleado_ids[p.responsable] if p.responsable else None
                    if p.obj.responsable_id != nuevo:
                        Oficina.objects.filter(pk=p.obj.pk).update(responsable_id=nuevo)
