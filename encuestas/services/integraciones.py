"""API clients: their keys (shown once, stored hashed) and the batches of
attention events they send."""

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comun.bd import ceder_escritura
from comun.cache import ERRORES_DE_CACHE
from organizacion.models import Canal, Empleado, Oficina, Servicio

from .. import resumenes, seguridad, selectors, sql
from ..models import Atencion, IntegracionAPI, Invitacion
from . import contactos
from .atenciones import (
    Registro,
    clave_de_muestreo,
    comprobar_atencion,
    en_muestra,
    repeticion,
)
from .banco import encuestas_para
from .invitaciones import InvitacionPedida, crear_invitaciones


@transaction.atomic
def crear_integracion(*, nombre: str, oficinas, canales) -> tuple[IntegracionAPI, str]:
    clave, prefijo, h = seguridad.nueva_clave()
    integracion = IntegracionAPI(nombre=nombre, prefijo=prefijo, clave_hash=h)
    integracion.full_clean()
    integracion.save()
    integracion.oficinas.set(oficinas)
    integracion.canales.set(canales)
    return integracion, clave


@transaction.atomic
def revocar_integracion(*, integracion: IntegracionAPI) -> None:
    integracion.activa = False
    integracion.revocada_en = timezone.now()
    integracion.save(update_fields=["activa", "revocada_en"])
    olvidar_integracion_en_cache(integracion=integracion)


def olvidar_integracion_en_cache(*, integracion: IntegracionAPI) -> None:
    """The API reads a key's integration and scope from the cache for a minute:
    any change to it (admin form, deletion, offices or channels) must drop that
    copy, now and again when the transaction commits, so that a request in
    between cannot put the old one back."""
    clave = seguridad.clave_cache_integracion(integracion.clave_hash)
    _olvidar(clave)
    transaction.on_commit(partial(_olvidar, clave))


def _olvidar(clave: str) -> None:
    # With the cache down nobody reads a copy (the API asks the database); one
    # kept across a network cut lives at most its minute.
    try:
        cache.delete(clave)
    except ERRORES_DE_CACHE:
        pass


@dataclass(frozen=True)
class AtencionDeLote:
    """One attention event of a batch, as the API's schema reads it: offices,
    services and employees by their codes."""

    oficina: str
    canal: str
    fecha: datetime
    referencia: str = ""
    servicio: str | None = None
    empleado: str | None = None
    resultado: str = "resuelta"
    espera_segundos: int | None = None
    gestion_segundos: int | None = None
    idioma: str | None = None
    telefono: str | None = None
    email: str | None = None


# Events per write transaction on SQLite: a short hold of its single write lock.
EVENTOS_POR_TRANSACCION = 25


class LoteNoValido(Exception):
    """The batch has errors; `errores` says why, item by item:
    [{"indice", "campo", "mensaje"}]. Nothing was stored, except the first
    `guardados` events when an event changed between the check and its writing."""

    def __init__(self, errores: list[dict], guardados: int = 0):
        super().__init__(errores)
        self.errores = errores
        self.guardados = guardados


def _error(indice: int, campo: str, mensaje: str) -> dict:
    return {"indice": indice, "campo": campo, "mensaje": mensaje}


def _errores_de_alcance(
    items, *, oficinas, servicios, empleados, oficinas_permitidas, canales_permitidos
) -> list[dict]:
    errores = []
    for indice, item in enumerate(items):
        oficina = oficinas.get(item.oficina.upper())
        if oficina is None:
            errores.append(_error(indice, "oficina", "Oficina desconocida."))
        elif oficina.pk not in oficinas_permitidas:
            errores.append(
                _error(indice, "oficina", "La clave no tiene acceso a esta oficina.")
            )
        if item.canal not in canales_permitidos:
            errores.append(
                _error(indice, "canal", "La clave no tiene acceso a este canal.")
            )
        if item.servicio and item.servicio not in servicios:
            errores.append(_error(indice, "servicio", "Servicio desconocido."))
        if item.empleado and item.empleado not in empleados:
            errores.append(_error(indice, "empleado", "Empleado desconocido."))
        if item.telefono and item.email:
            errores.append(
                _error(indice, "telefono", "Indique teléfono o correo, no ambos.")
            )
    return errores


def _argumentos(item: AtencionDeLote, *, oficinas, canales, servicios, empleados):
    """registrar_atencion's keyword arguments for one item of a checked batch."""
    contacto = item.telefono or item.email or ""
    if item.telefono:
        medio = Invitacion.Medio.SMS
    elif contacto:
        medio = Invitacion.Medio.EMAIL
    else:
        medio = Invitacion.Medio.ENLACE
    return {
        "oficina": oficinas[item.oficina.upper()],
        "canal": canales[item.canal],
        "fecha": item.fecha
        if timezone.is_aware(item.fecha)
        else timezone.make_aware(item.fecha),
        "servicio": servicios.get(item.servicio) if item.servicio else None,
        "empleado": empleados.get(item.empleado) if item.empleado else None,
        "referencia_externa": (item.referencia or "").strip(),
        "resultado": item.resultado,
        "espera_segundos": item.espera_segundos,
        "gestion_segundos": item.gestion_segundos,
        "idioma": item.idioma or "",
        "contacto": contacto,
        "medio": medio,
    }


def _comprobar_eventos(argumentos: list[dict], integracion):
    """Every event checked as registrar_atencion will, without writing: the errors
    and, per item, its unsaved Atencion, contact and medium. A replay (a reference
    already stored, or repeated earlier in the batch) is not checked (None): it
    returns what is stored."""
    vistas = set(
        Atencion.objects.filter(
            integracion=integracion,
            referencia_externa__in={a["referencia_externa"] for a in argumentos} - {""},
        ).values_list("oficina_id", "referencia_externa")
    )
    errores, comprobados = [], []
    for indice, a in enumerate(argumentos):
        comprobados.append(None)
        if a["referencia_externa"]:
            clave = (a["oficina"].pk, a["referencia_externa"])
            if clave in vistas:
                continue
            vistas.add(clave)
        try:
            comprobados[-1] = comprobar_atencion(integracion=integracion, **a)
        except ValidationError as exc:
            errores.append(_error(indice, "atencion", " ".join(exc.messages)))
    return errores, comprobados


@dataclass
class _Lote:
    """What the writing of a checked batch needs, read once: its integration,
    sampling rules and surveys, and each reference already answered for."""

    integracion: IntegracionAPI
    reglas: dict
    encuestas: dict
    registros: dict[tuple[int, str], Registro]


def _escribir(lote: _Lote, items: list[tuple[int, dict, tuple | None]]):
    """Write some checked events (index, arguments, checked event) in the current
    transaction as registrar_atencion would one after the other, with a fixed
    number of statements: one Registro per item, or the errors found."""
    registros: dict[int, Registro] = {}
    por_leer = {
        a["referencia_externa"]
        for _i, a, _c in items
        if a["referencia_externa"]
        and (a["oficina"].pk, a["referencia_externa"]) not in lote.registros
    }
    if por_leer:
        for existente in Atencion.objects.filter(
            integracion=lote.integracion, referencia_externa__in=por_leer
        ).select_related("invitacion"):
            clave = (existente.oficina_id, existente.referencia_externa)
            lote.registros.setdefault(clave, repeticion(existente))
    nuevas, errores = [], []  # (index, checked event): first of each reference
    for indice, a, comprobado in items:
        clave = (a["oficina"].pk, a["referencia_externa"])
        if not a["referencia_externa"] or clave not in lote.registros:
            if comprobado is None:  # a replay when checked, gone since
                try:
                    comprobado = comprobar_atencion(integracion=lote.integracion, **a)
                except ValidationError as exc:
                    errores.append(_error(indice, "atencion", " ".join(exc.messages)))
                    continue
            nuevas.append((indice, comprobado))
            if a["referencia_externa"]:
                lote.registros[clave] = None  # its later copies are replays
    # References in one order: two batches sharing some cannot wait crosswise.
    sql.insertar_atenciones(
        sorted(
            (atencion for _i, (atencion, _c, _m) in nuevas),
            key=lambda x: (x.oficina_id, x.referencia_externa),
        )
    )
    # Stored meanwhile by a concurrent batch: replays of what it stored.
    ganadas = {
        (a.oficina_id, a.referencia_externa)
        for _i, (a, _c, _m) in nuevas
        if a.pk is None
    }
    if ganadas:
        for existente in Atencion.objects.filter(
            integracion=lote.integracion,
            referencia_externa__in={r for _o, r in ganadas},
        ).select_related("invitacion"):
            clave = (existente.oficina_id, existente.referencia_externa)
            if clave in ganadas:
                lote.registros[clave] = repeticion(existente)
    muestra = []
    for indice, (atencion, contacto, medio) in nuevas:
        if atencion.pk is None:
            continue
        tasa, _dias = lote.reglas[atencion.canal_id, atencion.oficina_id]
        muestreo = clave_de_muestreo(
            lote.integracion, atencion.oficina, atencion.referencia_externa
        )
        if en_muestra(tasa, muestreo):
            muestra.append((indice, atencion, contacto, medio))
        else:
            registros[indice] = Registro(atencion, None, None, "muestreo", True)
    motivos = iter(
        contactos.aplicar_fatiga_en_lote([c for _i, _a, c, _m in muestra if c])
    )
    pedidas = []
    for indice, atencion, contacto, medio in muestra:
        motivo = next(motivos) if contacto else None
        if motivo:
            registros[indice] = Registro(atencion, None, None, motivo, True)
            continue
        encuesta = lote.encuestas.get(atencion.canal_id)
        if encuesta is None:
            errores.append(
                _error(
                    indice,
                    "atencion",
                    _("No hay encuesta activa para el canal %(canal)s.")
                    % {"canal": atencion.canal},
                )
            )
            continue
        pedidas.append(
            (
                indice,
                InvitacionPedida(
                    atencion=atencion,
                    encuesta=encuesta,
                    medio=medio,
                    dias=lote.reglas[atencion.canal_id, atencion.oficina_id][1],
                    contacto=contacto,
                    recuperable=bool(atencion.referencia_externa) or bool(contacto),
                ),
            )
        )
    if errores:
        return None, errores
    creadas = crear_invitaciones([p for _i, p in pedidas])
    for (indice, pedida), (invitacion, token) in zip(pedidas, creadas, strict=True):
        registros[indice] = Registro(
            pedida.atencion, invitacion, token, "invitada", True
        )
    resultado = []
    for indice, a, _c in items:
        registro = registros.get(indice)
        if registro is None:  # a replay, of an event stored before or in this batch
            primero = lote.registros[a["oficina"].pk, a["referencia_externa"]]
            registro = Registro(
                primero.atencion, primero.invitacion, primero.token, "existente", False
            )
        elif a["referencia_externa"]:
            lote.registros[a["oficina"].pk, a["referencia_externa"]] = registro
        resultado.append(registro)
    return resultado, []


def registrar_lote_atenciones(
    *,
    integracion_id: int,
    oficinas_permitidas: set[int],
    canales_permitidos: set[str],
    items: list[AtencionDeLote],
) -> list[Registro]:
    """Record a batch of attention events from an integration: one Registro per
    item, in order, or LoteNoValido with every error found and nothing stored.

    Everything is checked before anything is written (the codes and the key's
    scope, then each event as registrar_atencion checks it). The checked batch is
    then written with a fixed number of statements per transaction, whatever its
    size: on PostgreSQL in one transaction; on SQLite EVENTOS_POR_TRANSACCION
    events per transaction, with a pause between them (`ceder_escritura`), so
    that other writers get its single write lock instead of waiting for the whole
    batch. If the writing stops halfway (a server fault), the transactions already
    committed stay: sending the same batch again completes it without duplicating
    the events that carry a `referencia`.
    """
    oficinas = {
        o.codigo_dir3: o
        for o in Oficina.objects.filter(
            codigo_dir3__in={i.oficina.upper() for i in items}
        ).prefetch_related("canales")
    }
    canales = {c.codigo: c for c in Canal.objects.all()}
    servicios = {
        s.codigo: s
        for s in Servicio.objects.filter(
            codigo__in={i.servicio for i in items if i.servicio}
        )
    }
    empleados = {
        e.identificador: e
        for e in Empleado.objects.filter(
            identificador__in={i.empleado for i in items if i.empleado}
        )
    }
    integracion = IntegracionAPI.objects.get(pk=integracion_id)
    errores = _errores_de_alcance(
        items,
        oficinas=oficinas,
        servicios=servicios,
        empleados=empleados,
        oficinas_permitidas=oficinas_permitidas,
        canales_permitidos=canales_permitidos,
    )
    if errores:
        raise LoteNoValido(errores)
    argumentos = [
        _argumentos(
            item,
            oficinas=oficinas,
            canales=canales,
            servicios=servicios,
            empleados=empleados,
        )
        for item in items
    ]
    errores, comprobados = _comprobar_eventos(argumentos, integracion)
    if errores:
        raise LoteNoValido(errores)

    lote = _Lote(
        integracion=integracion,
        reglas=selectors.reglas_de(
            {(a["canal"].pk, a["oficina"].pk) for a in argumentos}
        ),
        encuestas=encuestas_para({a["canal"].pk for a in argumentos}),
        registros={},
    )
    todos = list(zip(range(len(argumentos)), argumentos, comprobados, strict=True))
    por_transaccion = (
        EVENTOS_POR_TRANSACCION if connection.vendor == "sqlite" else len(todos)
    )
    registros: list[Registro] = []
    try:
        for inicio in range(0, len(todos), por_transaccion):
            if inicio:
                ceder_escritura()
            # The funnel counters at the end, in a fixed order: concurrent batches
            # upserting them event by event deadlocked on PostgreSQL.
            with transaction.atomic(), resumenes.embudo_acumulado():
                escritos, errores = _escribir(
                    lote, todos[inicio : inicio + por_transaccion]
                )
                if errores:
                    transaction.set_rollback(True)
            if errores:
                raise LoteNoValido(errores, guardados=inicio)
            registros += escritos
    finally:
        # One message for the whole batch (a publish is a round trip to the
        # broker), including the transactions committed before an error.
        _encolar_envios(registros)
    return registros


def _encolar_envios(registros: list[Registro]) -> None:
    from ..tasks import enviar_invitaciones

    ids = [
        r.invitacion.pk
        for r in registros
        if r.creada and r.invitacion is not None and r.invitacion.contacto
    ]
    if ids:
        transaction.on_commit(partial(enviar_invitaciones.delay, ids))
