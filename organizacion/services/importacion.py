"""Importing the staff from a file: read and check everything first (the
`organizacion.importacion` package), so a file with one bad row changes nothing,
then write the checked rows FILAS_POR_TRANSACCION at a time: on the embedded
SQLite a single long transaction would hold the only write lock for seconds.

Memory stays flat in the file's size: the check reads the file in a stream and
keeps keys per row; the write reads it again and builds the instances of one
chunk at a time. What rows of the file point at (parent unit, supervisor,
responsible person) is set after the rows are written, by key."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from itertools import islice
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
from ..importacion import EMPLEADOS, OFICINAS, SERVICIOS
from ..importacion.celdas import ROLES_ESCRITOS
from ..models import Canal, Empleado, Importacion, Oficina
from .cuentas import programar_bienvenida

logger = logging.getLogger(__name__)

# Rows per write transaction: a new person is a handful of statements, so a
# chunk holds SQLite's write lock for a fraction of a second.
FILAS_POR_TRANSACCION = 100


def _trozos(filas: Iterable):
    """Chunks of FILAS_POR_TRANSACCION, giving way to other writers between them."""
    iterador = iter(filas)
    primero = True
    while trozo := list(islice(iterador, FILAS_POR_TRANSACCION)):
        if not primero:
            ceder_escritura()
        primero = False
        yield trozo


def _trozos_validados(v: imp.Validador, tipo: str):
    for i, trozo in enumerate(v.trozos(tipo, FILAS_POR_TRANSACCION)):
        if i:
            ceder_escritura()
        yield trozo


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
    try:
        validador.validar()
    except imp.ErrorFichero as exc:  # a malformed CSV line further down
        informe.errores = [imp.ErrorImportacion(nombre, 1, "", str(exc))]
        informe.avisos.clear()
    if informe.errores:
        return informe
    if simular:
        return informe
    avanzar(70, _("Guardando"))
    try:
        # The file is read again: the check kept keys, not rows.
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
    v.para_escribir()
    canales = {c.codigo: c for c in Canal.objects.all()}
    oficina_ids = _escribir_oficinas(v, canales)
    for trozo in _trozos_validados(v, SERVICIOS):
        _guardar_trozo(trozo, canales)
    _escribir_empleados(v, canales, oficina_ids)
    supervisores = _asignar_supervisores(v)
    _conceder_perfiles({"supervisor": supervisores})
    _asignar_responsables(v)


def _guardar_trozo(trozo: list[imp.Pendiente], canales: dict) -> None:
    with transaction.atomic():
        for p in trozo:
            if p.cambiado:
                p.obj.save()
                if p.canales is not None:
                    p.obj.canales.set([canales[c] for c in p.canales])


def _escribir_oficinas(v: imp.Validador, canales: dict) -> dict[str, int]:
    """The offices, then the units above them (which may be rows of the same file).
    Returns every office's id by DIR3 code (offices are few: hundreds)."""
    oficina_ids = {dir3: pk for dir3, (pk, _s) in v.oficinas_bd.items()}
    for trozo in _trozos_validados(v, OFICINAS):
        _guardar_trozo(trozo, canales)
        oficina_ids.update((p.obj.codigo_dir3, p.obj.pk) for p in trozo)
    for trozo in _trozos(v.superiores[OFICINAS].items()):
        actuales = dict(
            Oficina.objects.filter(codigo_dir3__in=[c for c, _s in trozo]).values_list(
                "codigo_dir3", "unidad_superior_id"
            )
        )
        with transaction.atomic():
            for dir3, superior in trozo:
                nuevo = oficina_ids[superior] if superior else None
                if actuales[dir3] != nuevo:
                    Oficina.objects.filter(pk=oficina_ids[dir3]).update(
                        unidad_superior_id=nuevo
                    )
    return oficina_ids


def _escribir_empleados(
    v: imp.Validador, canales: dict, oficina_ids: dict[str, int]
) -> None:
    """Employees, their accounts and profiles; a new one's welcome e-mail leaves
    when its chunk commits."""
    for trozo in _trozos_validados(v, EMPLEADOS):
        with transaction.atomic():
            perfiles: dict[str, set[int]] = {}
            for p in trozo:
                _escribir_empleado(p, canales, oficina_ids)
                if p.nuevo:
                    programar_bienvenida(empleado=p.obj)
                # Everyone imported is an employee.
                for rol in {"empleado", *p.roles}:
                    perfiles.setdefault(rol, set()).add(p.obj.usuario_id)
            _conceder_perfiles(perfiles)


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


def _ids_de_empleados(identificadores) -> dict[str, tuple[int, int | None, int]]:
    """(id, supervisor's id, user's id) by identifier."""
    return {
        ident: (pk, supervisor, usuario)
        for ident, pk, supervisor, usuario in Empleado.objects.filter(
            identificador__in=set(identificadores)
        ).values_list("identificador", "pk", "supervisor_id", "usuario_id")
    }


def _asignar_supervisores(v: imp.Validador) -> set[int]:
    """Set each row's supervisor by identifier, a chunk at a time. Returns the
    user ids of the employees who supervise someone in the file."""
    supervisores = set()
    for trozo in _trozos(v.superiores[EMPLEADOS].items()):
        ids = _ids_de_empleados([c for c, _s in trozo] + [s for _c, s in trozo if s])
        with transaction.atomic():
            for ident, superior in trozo:
                nuevo = ids[superior][0] if superior else None
                if nuevo:
                    supervisores.add(ids[superior][2])
                pk, actual, _u = ids[ident]
                if actual != nuevo:
                    Empleado.objects.filter(pk=pk).update(supervisor_id=nuevo)
    return supervisores


def _conceder_perfiles(usuarios_por_rol: dict[str, set[int]]) -> None:
    """Add users to the groups of their profiles (whoever has a team is a supervisor)."""
    grupos = {g.name: g for g in Group.objects.filter(name__in=ROLES_ESCRITOS.values())}
    for rol, usuarios in usuarios_por_rol.items():
        if rol in grupos and usuarios:
            grupos[rol].user_set.add(*usuarios)


def _asignar_responsables(v: imp.Validador) -> None:
    for trozo in _trozos(v.responsables.items()):
        ids = _ids_de_empleados(r for _d, r in trozo if r)
        actuales = dict(
            Oficina.objects.filter(codigo_dir3__in=[d for d, _r in trozo]).values_list(
                "codigo_dir3", "responsable_id"
            )
        )
        with transaction.atomic():
            for dir3, responsable in trozo:
                nuevo = ids[responsable][0] if responsable else None
                if actuales[dir3] != nuevo:
                    Oficina.objects.filter(codigo_dir3=dir3).update(
                        responsable_id=nuevo
                    )
