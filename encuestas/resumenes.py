"""Rollup upserts: one INSERT … ON CONFLICT DO UPDATE per table and response.

Works on PostgreSQL and SQLite (≥ 3.24). Concurrent responses for the same cell
serialise on the row only for the length of one statement.
"""

from datetime import date

from django.db import connection

from .models import EmbudoDiario, ResumenDiario


def _sql_valores(filas) -> tuple[str, list]:
    tabla = connection.ops.quote_name(ResumenDiario._meta.db_table)
    valores = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(filas))
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, n) "
        f"VALUES {valores} ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor) "
        f"DO UPDATE SET n = {tabla}.n + excluded.n"
    )
    return sql, [p for fila in filas for p in fila]


def _sql_embudo(fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas) -> tuple[str, list]:
    tabla = connection.ops.quote_name(EmbudoDiario._meta.db_table)
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (fecha, oficina_id, canal_id, servicio_id) "
        f"DO UPDATE SET ofrecidas = {tabla}.ofrecidas + excluded.ofrecidas, "
        f"abiertas = {tabla}.abiertas + excluded.abiertas, "
        f"completadas = {tabla}.completadas + excluded.completadas"
    )
    return sql, [fecha, oficina_id, canal_id, servicio_id or 0, ofrecidas, abiertas, completadas]


def sumar_valores(filas: list[tuple[date, int, int, int, int, str, int, int]], embudo: dict | None = None) -> None:
    """filas: (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, n);
    `embudo`: the funnel increment of the same response, written in the same
    round trip on PostgreSQL (a data-modifying CTE) — the submit's hot path."""
    with connection.cursor() as cursor:
        if filas and embudo and connection.vendor == "postgresql":
            sql_e, par_e = _sql_embudo(**embudo)
            sql_v, par_v = _sql_valores(filas)
            cursor.execute(f"WITH embudo AS ({sql_e} RETURNING 1) {sql_v}", par_e + par_v)
            return
        if filas:
            cursor.execute(*_sql_valores(filas))
        if embudo:
            cursor.execute(*_sql_embudo(**embudo))


def sumar_embudo(*, fecha: date, oficina_id: int, canal_id: int, servicio_id: int | None,
                 ofrecidas: int = 0, abiertas: int = 0, completadas: int = 0) -> None:
    with connection.cursor() as cursor:
        cursor.execute(*_sql_embudo(fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas))


def filas_de_respuesta(respuesta, valores: dict[str, int]) -> list[tuple]:
    return [
        (respuesta.fecha, respuesta.oficina_id, respuesta.canal_id, respuesta.servicio_id or 0,
         respuesta.empleado_id or 0, codigo, valor, 1)
        for codigo, valor in valores.items()
        if valor is not None
    ]
