"""Importing the staff from a file: read and check everything first (the
`organizacion.importacion` package), so a file with one bad row changes nothing,
then write the checked rows FILAS_POR_TRANSACCION at a time: on the embedded
SQLite a single long transaction would hold the only write lock for seconds."""

from __future__ import annotations

import logging
from collections.abc import Callable
from uuid import uuid4

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comun.bd import ceder_escritura
from comun.latido import latiendo

from .. import importacion as imp
from ..importacion import AUSENTE, EMPLEADOS, OFICINAS, SERVICIOS
from ..importacion.celdas import ROLES_ESCRITOS
from ..models import Canal, Empleado, Importacion, Oficina
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
    progreso: Callable[[int, str], None] | None = None,
    al_confirmar: Callable[[imp.InformeImportacion], None] | None = None,
) -> imp.InformeImportacion:
    """Load offices, services and/or employees from a CSV or XLSX file (bytes or
    a binary file, read in a stream).

    All or nothing: every row is checked (model validation, references to the
    file or the database, hierarchy cycles) and nothing is written if any row
    fails. The checked rows are written in short transactions; re-importing
    updates by DIR3 code, service code and employee identifier, so a write cut
    halfway (a server fault, a dead worker) is completed by importing the same
    file again. New employees get a user and, once committed, a welcome e-mail.
    `simular` checks and counts (the counts come from the check) and writes
    nothing. `progreso(pct, etapa)` hears each stage; `al_confirmar(informe)`
    runs once the last row is written.
    """
    avanzar = progreso or (lambda pct, etapa: None)
    if tipo != "auto" and tipo not in imp.TIPOS:
        raise ValueError(f"Tipo de importación desconocido: {tipo}")
    informe = imp.InformeImportacion(nombre=nombre, simulado=simular)
    avanzar(10, _("Leyendo el fichero"))
    try:
        tablas = imp.leer_tablas(fichero, nombre)
    except imp.ErrorFichero as exc:
        informe.errores.append(imp.ErrorImportacion(nombre, 1, "", str(exc)))
        return informe
    elegidas = imp.clasificar_tablas(tablas, tipo, informe)
    if informe.errores:
        return informe

    avanzar(30, _("Comprobando las filas"))
    validador = imp.Validador(elegidas, informe, por=por)
    validador.validar()
    if informe.errores:
        return informe
    if simular:
        return informe
    avanzar(70, _("Guardando"))
    try:
        _escribir(validador)
        if al_confirmar:
            al_confirmar(informe)
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


def solicitar_importacion(
    *,
    contenido: bytes | File,
    nombre: str,
    tipo: str = "auto",
    simular: bool = False,
    por=None,
) -> Importacion:
    """Keep the uploaded file in private storage and queue its import (the
    `organizacion.tasks.ejecutar_importacion` task, after commit). The request
    that uploads it answers at once; the import's page follows the progress."""
    if tipo != "auto" and tipo not in imp.TIPOS:
        raise ValueError(f"Tipo de importación desconocido: {tipo}")
    fichero = contenido if isinstance(contenido, File) else ContentFile(contenido)
    extension = nombre.rsplit(".", 1)[-1].lower()[:8] if "." in nombre else "csv"
    with transaction.atomic():
        importacion = Importacion(nombre=nombre, tipo=tipo, simular=simular, por=por)
        # A random name: the stored file says nothing of what it holds.
        importacion.fichero.save(f"{uuid4().hex}.{extension}", fichero, save=False)
        importacion.save()
        pk = importacion.pk
        transaction.on_commit(lambda: _encolar_importacion(pk))
    return importacion


def _encolar_importacion(importacion_id: int) -> None:
    from ..tasks import ejecutar_importacion

    ejecutar_importacion.delay(importacion_id)


def ejecutar_importacion(*, importacion_id: int) -> Importacion | None:
    """The task's body: import the stored file with progress and a heartbeat,
    keep the report, delete the upload. Idempotent: a finished import is not run
    again, and one whose worker died halfway runs again from the start: the
    file was checked whole before any write, and re-importing it updates by key
    what the dead run had written."""
    importacion = (
        Importacion.objects.select_related("por").filter(pk=importacion_id).first()
    )
    if importacion is None:
        return None
    fila = Importacion.objects.filter(pk=importacion.pk)
    if importacion.estado != Importacion.Estado.TERMINADA:
        fila.update(
            estado=Importacion.Estado.PROCESANDO,
            progreso=5,
            etapa=_("En marcha"),
            latido=timezone.now(),
        )

        def avanzar(pct: int, etapa: str) -> None:
            fila.update(progreso=pct, etapa=etapa, latido=timezone.now())

        def terminar(informe: imp.InformeImportacion) -> None:
            fila.update(
                estado=Importacion.Estado.TERMINADA,
                progreso=100,
                etapa=_("Terminada"),
                informe=informe.a_dict(),
                terminada_en=timezone.now(),
            )

        with latiendo(lambda: fila.update(latido=timezone.now())):
            with importacion.fichero.open("rb") as fichero:
                informe = importar_plantilla(
                    fichero=fichero,
                    nombre=importacion.nombre,
                    tipo=importacion.tipo,
                    por=importacion.por,
                    simular=importacion.simular,
                    progreso=avanzar,
                    al_confirmar=terminar,
                )
        if not informe.guardado:  # nothing was written: the report alone
            terminar(informe)
    if importacion.fichero:
        importacion.fichero.delete(save=False)
        fila.update(fichero="")
    importacion.refresh_from_db()
    return importacion


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
