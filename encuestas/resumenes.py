"""Rollups: the few synchronous increments and the consolidator that adds queued
survey responses to them in batches (the upserts themselves are in `sql`).

A submit never touches the rollups: it queues its response (ResumenPendiente) and
`consolidar` adds a whole batch with one GROUP BY per table. The few synchronous
increments left (invitations offered and opened, kiosk taps) use sharded rows, so
concurrent ones do not queue on one row lock.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from comun.bd import ceder_escritura

from . import sql
from .app_settings import ajustes
from .models import Respuesta, RespuestaItem, ResumenPendiente
from .selectors.periodos import lunes
from .signals import fechas_consolidadas

# Responses per transaction: every IN (…) stays under SQLite's 999 parameters.
LOTE = 900


def _fragmento() -> int:
    return random.randrange(max(1, ajustes.FRAGMENTOS_RESUMEN))


def fragmento() -> int:
    """A random fragment of the rollups' rows, for a caller writing its own upsert."""
    return _fragmento()


# Funnel increments held back by `embudo_acumulado`: cell -> [offered, opened, completed].
_embudo_pendiente: ContextVar[dict[tuple, list[int]] | None] = ContextVar(
    "embudo_pendiente", default=None
)


def embudo_diferido() -> bool:
    """Inside `embudo_acumulado`: funnel increments must go through `sumar_embudo`."""
    return _embudo_pendiente.get() is not None


@contextmanager
def embudo_acumulado() -> Iterator[None]:
    """Hold the funnel increments made inside in memory and add them when the
    block ends without error: one row per cell, all in one random fragment, in
    ascending cell order.

    For a write transaction of many events (a batch of attentions): one upsert per
    event, each in a random fragment, locked the same rows in a different order in
    each concurrent transaction and deadlocked them; rows locked in one global
    order cannot form a cycle. Only for blocks whose failure rolls back the whole
    transaction (an increment undone by a caught savepoint would still be added).
    A nested block leaves the writing to the outer one."""
    if _embudo_pendiente.get() is not None:
        yield
        return
    pendiente: dict[tuple, list[int]] = {}
    marca = _embudo_pendiente.set(pendiente)
    try:
        yield
    finally:
        _embudo_pendiente.reset(marca)
    if pendiente:
        fragmento = _fragmento()
        celdas = [(*celda, *sumas) for celda, sumas in sorted(pendiente.items())]
        # One statement, or as many as the backend's limit of parameters needs
        # (SQLite: 999, 8 per row).
        limite = connection.features.max_query_params or len(celdas) * 8
        for trozo in _trozos(celdas, limite // 8):
            sql.sumar_embudos(trozo, fragmento=fragmento)


def sumar_valores(filas: list[tuple[date, int, int, int, int, str, int, int]]) -> None:
    """Add to both rollups. filas: (fecha, oficina_id, canal_id, servicio_id,
    empleado_id, codigo, valor, n)."""
    if filas:
        _sumar_en_ambos(filas, fragmento=_fragmento())


def por_oficina(filas) -> list[tuple]:
    """ResumenDiario rows summed over the employee: ResumenOficina's rows, sorted."""
    sumas: dict[tuple, int] = {}
    for *celda, n in filas:
        clave = (*celda[:4], *celda[5:])
        sumas[clave] = sumas.get(clave, 0) + n
    return [(*clave, n) for clave, n in sorted(sumas.items())]


def por_mes(filas_oficina) -> list[tuple]:
    """ResumenOficina rows summed by month over the service: ResumenMensual's
    rows, sorted."""
    sumas: dict[tuple, int] = {}
    for fecha, oficina_id, canal_id, _servicio, codigo, valor, n in filas_oficina:
        clave = (fecha.replace(day=1), oficina_id, canal_id, codigo, valor)
        sumas[clave] = sumas.get(clave, 0) + n
    return [(*clave, n) for clave, n in sorted(sumas.items())]


def por_semana(filas_oficina) -> list[tuple]:
    """ResumenOficina rows summed by ISO week (its Monday) over the service:
    ResumenSemanal's rows, sorted."""
    sumas: dict[tuple, int] = {}
    for fecha, oficina_id, canal_id, _servicio, codigo, valor, n in filas_oficina:
        clave = (lunes(fecha), oficina_id, canal_id, codigo, valor)
        sumas[clave] = sumas.get(clave, 0) + n
    return [(*clave, n) for clave, n in sorted(sumas.items())]


def _sumar_en_ambos(filas, *, fragmento: int) -> None:
    """The per-person table first, then the office one, the monthly and the
    weekly ones, each in ascending key order (100 rows × 9 parameters per
    statement, under SQLite's limit): every writer locks rows in one global
    order, so two of them cannot deadlock."""
    for trozo in _trozos(sorted(filas), 100):
        sql.sumar_valores(trozo, fragmento=fragmento)
    oficina = por_oficina(filas)
    for trozo in _trozos(oficina, 100):
        sql.sumar_valores_oficina(trozo, fragmento=fragmento)
    for trozo in _trozos(por_mes(oficina), 100):
        sql.sumar_valores_mes(trozo, fragmento=fragmento)
    for trozo in _trozos(por_semana(oficina), 100):
        sql.sumar_valores_semana(trozo, fragmento=fragmento)


def sumar_embudo(
    *,
    fecha: date,
    oficina_id: int,
    canal_id: int,
    servicio_id: int | None,
    ofrecidas: int = 0,
    abiertas: int = 0,
    completadas: int = 0,
) -> None:
    pendiente = _embudo_pendiente.get()
    if pendiente is not None:
        sumas = pendiente.setdefault(
            (fecha, oficina_id, canal_id, servicio_id or 0), [0, 0, 0]
        )
        sumas[0] += ofrecidas
        sumas[1] += abiertas
        sumas[2] += completadas
        return
    sql.sumar_embudo(
        fecha=fecha,
        oficina_id=oficina_id,
        canal_id=canal_id,
        servicio_id=servicio_id or 0,
        ofrecidas=ofrecidas,
        abiertas=abiertas,
        completadas=completadas,
        fragmento=_fragmento(),
    )


def filas_de_respuesta(respuesta, valores: dict[str, int]) -> list[tuple]:
    return [
        (
            respuesta.fecha,
            respuesta.oficina_id,
            respuesta.canal_id,
            respuesta.servicio_id or 0,
            respuesta.empleado_id or 0,
            codigo,
            valor,
            1,
        )
        for codigo, valor in valores.items()
        if valor is not None
    ]


def _trozos(filas: list, tamano: int):
    for inicio in range(0, len(filas), tamano):
        yield filas[inicio : inicio + tamano]


def consolidar(lote: int = LOTE) -> int:
    """Add every queued response to the rollups (values per person and per office,
    and the funnel); returns how many were added.

    A batch per transaction: the responses are counted and dequeued together, so a
    crash loses nothing and counts nothing twice. Several workers may run it at once
    on PostgreSQL: each takes rows the others have not locked (SKIP LOCKED)."""
    total = 0
    while True:
        hechas = _consolidar_lote(lote)
        total += hechas
        if hechas < lote:
            return total
        ceder_escritura()


@transaction.atomic
def _consolidar_lote(lote: int) -> int:
    ids = list(
        ResumenPendiente.objects.select_for_update(skip_locked=True)
        .order_by("respuesta_id")
        .values_list("respuesta_id", flat=True)[:lote]
    )
    if not ids:
        return 0
    # Aggregated by the database: one row per rollup cell, not per response.
    valores = (
        RespuestaItem.objects.filter(
            respuesta_id__in=ids, respuesta__reportable=True, valor__isnull=False
        )
        .exclude(codigo="CONTACTO")
        .values_list(
            "respuesta__fecha",
            "respuesta__oficina_id",
            "respuesta__canal_id",
            Coalesce("respuesta__servicio_id", 0),
            Coalesce("respuesta__empleado_id", 0),
            "codigo",
            "valor",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    embudo = (
        Respuesta.objects.filter(pk__in=ids)
        .values_list("fecha", "oficina_id", "canal_id", Coalesce("servicio_id", 0))
        .annotate(
            abiertas=Count("pk", filter=Q(pendiente__abierta=True)),
            completadas=Count("pk"),
        )
        .order_by()
    )
    # Sorted: rows locked in one order cannot deadlock with another consolidator
    # or batch.
    _sumar_en_ambos(list(valores), fragmento=0)
    celdas_embudo = sorted(embudo)
    for celdas in _trozos(celdas_embudo, 100):
        sql.sumar_completadas(celdas)
    # In this transaction: a derived figure is marked stale exactly when the
    # responses are counted.
    fechas_consolidadas.send(
        sender=ResumenPendiente, fechas={celda[0] for celda in celdas_embudo}
    )
    ResumenPendiente.objects.filter(respuesta_id__in=ids).delete()
    return len(ids)
