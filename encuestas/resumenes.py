"""Rollup upserts (INSERT … ON CONFLICT DO UPDATE, PostgreSQL and SQLite ≥ 3.24)
and the consolidator that adds queued survey responses to them in batches.

A submit never touches the rollups: it queues its response (ResumenPendiente) and
`consolidar` adds a whole batch with one GROUP BY per table. The few synchronous
increments left (invitations offered and opened, kiosk taps) use sharded rows, so
concurrent ones do not queue on one row lock.
"""

import random
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from .models import (
    EmbudoDiario,
    Respuesta,
    RespuestaItem,
    ResumenDiario,
    ResumenPendiente,
)

# Responses per transaction: every IN (…) stays under SQLite's 999 parameters.
LOTE = 900


def _fragmento() -> int:
    return random.randrange(
        max(1, getattr(settings, "ENCUESTAS_FRAGMENTOS_RESUMEN", 8))
    )


def _sql_valores(filas, fragmento: int | None = None) -> tuple[str, list]:
    tabla = connection.ops.quote_name(ResumenDiario._meta.db_table)
    valores = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(filas))
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, n, fragmento) "
        f"VALUES {valores} ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, fragmento) "
        f"DO UPDATE SET n = {tabla}.n + excluded.n"
    )
    fragmento = _fragmento() if fragmento is None else fragmento
    return sql, [p for fila in filas for p in (*fila, fragmento)]


def _sql_embudo(
    fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas
) -> tuple[str, list]:
    tabla = connection.ops.quote_name(EmbudoDiario._meta.db_table)
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) "
        f"DO UPDATE SET ofrecidas = {tabla}.ofrecidas + excluded.ofrecidas, "
        f"abiertas = {tabla}.abiertas + excluded.abiertas, "
        f"completadas = {tabla}.completadas + excluded.completadas"
    )
    return sql, [
        fecha,
        oficina_id,
        canal_id,
        servicio_id or 0,
        ofrecidas,
        abiertas,
        completadas,
        _fragmento(),
    ]


def sumar_valores(filas: list[tuple[date, int, int, int, int, str, int, int]]) -> None:
    """filas: (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, n)."""
    if filas:
        with connection.cursor() as cursor:
            cursor.execute(*_sql_valores(filas))


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
    with connection.cursor() as cursor:
        cursor.execute(
            *_sql_embudo(
                fecha,
                oficina_id,
                canal_id,
                servicio_id,
                ofrecidas,
                abiertas,
                completadas,
            )
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


def _sql_embudo_completadas(celdas) -> tuple[str, list]:
    """celdas: (fecha, oficina_id, canal_id, servicio_id, abiertas, completadas)."""
    tabla = connection.ops.quote_name(EmbudoDiario._meta.db_table)
    valores = ", ".join(["(%s, %s, %s, %s, 0, %s, %s, 0)"] * len(celdas))
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento) "
        f"VALUES {valores} ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) "
        f"DO UPDATE SET abiertas = {tabla}.abiertas + excluded.abiertas, "
        f"completadas = {tabla}.completadas + excluded.completadas"
    )
    return sql, [p for celda in celdas for p in celda]


def _trozos(filas: list, tamano: int):
    for inicio in range(0, len(filas), tamano):
        yield filas[inicio : inicio + tamano]


def consolidar(lote: int = LOTE) -> int:
    """Add every queued response to both rollups; returns how many were added.

    A batch per transaction: the responses are counted and dequeued together, so a
    crash loses nothing and counts nothing twice. Several workers may run it at once
    on PostgreSQL: each takes rows the others have not locked (SKIP LOCKED)."""
    total = 0
    while True:
        hechas = _consolidar_lote(lote)
        total += hechas
        if hechas < lote:
            return total


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
    with connection.cursor() as cursor:
        # 100 rows × 9 parameters per statement, again under SQLite's limit.
        for filas in _trozos(list(valores), 100):
            cursor.execute(*_sql_valores(filas, fragmento=0))
        for celdas in _trozos(list(embudo), 100):
            cursor.execute(*_sql_embudo_completadas(celdas))
    ResumenPendiente.objects.filter(respuesta_id__in=ids).delete()
    return len(ids)
