"""Every hand-written SQL statement of the surveys' hot path, in one place.

- the token lookup of every public page (one fixed SELECT, not an ORM query whose
  compilation cost more than the database did);
- the whole submit as one statement of data-modifying CTEs (PostgreSQL only; the
  ORM path of `services.respuestas` writes the same rows, see
  tests/encuestas/test_sql.py);
- the rollup upserts (INSERT … ON CONFLICT DO UPDATE, PostgreSQL and SQLite ≥ 3.24)
  that `resumenes` runs;
- a batch of attention events in one INSERT and its contacts' hashes locked in one
  upsert (RETURNING: PostgreSQL and SQLite ≥ 3.35).

The callers decide what to write and when; this module only knows how.
"""

import time
from datetime import date, datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from .models import (
    Alerta,
    Atencion,
    ContactoHash,
    EmbudoDiario,
    Invitacion,
    Respuesta,
    RespuestaItem,
    ResumenDiario,
    ResumenMensual,
    ResumenOficina,
    ResumenPendiente,
    ResumenSemanal,
)
from .models.respuestas import (
    CLAVE_DIARIO,
    CLAVE_MENSUAL,
    CLAVE_OFICINA,
    CLAVE_SEMANAL,
)


def una_fila(sql: str, parametros) -> tuple | None:
    """fetchone() of one of the submit's hot statements. On PostgreSQL it runs as a
    server-side prepared statement, planned once per connection: planning the
    submit's CTEs cost as much as running them. The connection's prepare_threshold
    option (DB_PREPARE_THRESHOLD) decides; empty, nothing is prepared."""
    conexion = connections[DEFAULT_DB_ALIAS]  # the proxy costs a lookup per attribute
    if conexion.vendor != "postgresql":
        with conexion.cursor() as cursor:
            cursor.execute(sql, parametros)
            return cursor.fetchone()
    import psycopg

    conexion.close_if_health_check_failed()  # what Django's cursor() does first
    conexion.ensure_connection()
    inicio = time.monotonic()
    with (
        conexion.wrap_database_errors,
        psycopg.Cursor(conexion.connection) as cursor,
    ):
        cursor.execute(sql, parametros, prepare=True)
        fila = cursor.fetchone()
    if conexion.queries_logged:  # DEBUG and assertNumQueries still see it
        conexion.queries_log.append(
            {"sql": sql, "time": f"{time.monotonic() - inicio:.3f}"}
        )
    return fila


# --- the token lookup ------------------------------------------------------------------


def _consulta_por_token():
    """SELECT of an invitation and its attention event by token hash, written once
    from the models' metadata (every concrete column, so nothing is deferred), and
    per model its field names and the backend's value converters (SQLite hands
    datetimes back as text)."""
    q = connection.ops.quote_name
    columnas, modelos = [], []
    for modelo, alias in ((Invitacion, "i"), (Atencion, "a")):
        campos = modelo._meta.concrete_fields
        columnas += [f"{alias}.{q(f.column)}" for f in campos]
        convertidores = [
            (
                f.get_col(alias),
                [
                    *connection.ops.get_db_converters(f.get_col(alias)),
                    *f.get_db_converters(connection),
                ],
            )
            for f in campos
        ]
        modelos.append(([f.attname for f in campos], convertidores))
    sql = (
        f"SELECT {', '.join(columnas)} FROM {q(Invitacion._meta.db_table)} i "
        f"LEFT JOIN {q(Atencion._meta.db_table)} a ON a.{q(Atencion._meta.pk.column)} = i.{q('atencion_id')} "
        f"WHERE i.{q('token_hash')} = %s"
    )
    return sql, modelos


_CONSULTA_POR_TOKEN: dict[str, tuple] = {}


def _instancia(modelo, nombres, convertidores, valores):
    convertidos = []
    for valor, (columna, funciones) in zip(valores, convertidores, strict=True):
        for funcion in funciones:
            valor = funcion(valor, columna, connection)
        convertidos.append(valor)
    return modelo.from_db(connection.alias, nombres, convertidos)


def invitacion_por_hash(token_hash: str) -> Invitacion | None:
    """The invitation of a token hash with its attention event (if still linked)
    already set, as the ORM would load them; None if there is none."""
    consulta = _CONSULTA_POR_TOKEN.get(connection.vendor)
    if consulta is None:
        consulta = _CONSULTA_POR_TOKEN[connection.vendor] = _consulta_por_token()
    sql, ((nombres_i, conv_i), (nombres_a, conv_a)) = consulta
    fila = una_fila(sql, [token_hash])
    if fila is None:
        return None
    corte = len(nombres_i)
    invitacion = _instancia(Invitacion, nombres_i, conv_i, fila[:corte])
    if invitacion.atencion_id is not None:
        invitacion.atencion = _instancia(Atencion, nombres_a, conv_a, fila[corte:])
    return invitacion


# --- the submit in one statement (PostgreSQL) ----------------------------------------


def _sql_envio() -> str:
    """The whole submit as ONE statement of data-modifying CTEs: lock the unused,
    unexpired invitation of this token and survey (reading service and employee
    from its event), burn and scrub it with one UPDATE (event link cut, seed and
    contact blanked, times coarsened to the start of their local day), insert the
    response (coarse dimensions and medium only) and its values, and queue it for
    the rollups, and, for a low score whose citizen asked to be called back
    (%(alerta)s), the alert for the office's manager. Of two concurrent submits
    the second waits on the row lock, then finds it answered and writes nothing. The text never changes (values travel
    as arrays): prepared once per connection. Same rows as
    `services.respuestas._quemar_y_guardar`."""
    q = connection.ops.quote_name
    invitaciones = q(Invitacion._meta.db_table)
    oficinas = q(Alerta._meta.get_field("oficina").related_model._meta.db_table)

    def dia(columna):
        return (
            f"date_trunc('day', {columna} AT TIME ZONE %(zona)s::text) "
            "AT TIME ZONE %(zona)s::text"
        )

    return (
        "WITH previa AS (SELECT i.id, i.oficina_id, i.canal_id, i.medio, "
        "i.abierta_en IS NULL AS nueva, a.servicio_id, a.empleado_id "
        f"FROM {invitaciones} i LEFT JOIN {q(Atencion._meta.db_table)} a ON a.id = i.atencion_id "
        "WHERE i.token_hash = %(token_hash)s::varchar AND i.encuesta_id = %(encuesta)s::bigint "
        "AND i.medio <> 'quiosco' AND i.estado <> 'respondida' AND i.caduca_en > %(ahora)s::timestamptz "
        "FOR UPDATE OF i), "
        f"quemada AS (UPDATE {invitaciones} AS u SET estado = 'respondida', atencion_id = NULL, "
        f"semilla = '', contacto = '', creada_en = {dia('u.creada_en')}, "
        f"caduca_en = {dia('u.caduca_en')}, "
        f"abierta_en = {dia('COALESCE(u.abierta_en, %(ahora)s::timestamptz)')}, "
        f"enviada_en = {dia('u.enviada_en')} FROM previa WHERE u.id = previa.id "
        "RETURNING previa.*), "
        f"resp AS (INSERT INTO {q(Respuesta._meta.db_table)} (encuesta_id, oficina_id, canal_id, "
        "servicio_id, empleado_id, medio, hora, fecha, idioma, reportable, motivo_no_reportable, "
        "comentario) SELECT %(encuesta)s::bigint, q.oficina_id, q.canal_id, q.servicio_id, "
        "q.empleado_id, q.medio, %(hora)s::timestamptz, %(fecha)s::date, %(idioma)s::varchar, "
        "%(reportable)s::boolean, %(motivo)s::varchar, %(comentario)s::text FROM quemada q "
        "RETURNING id), "
        f"items AS (INSERT INTO {q(RespuestaItem._meta.db_table)} (respuesta_id, item_version_id, codigo, valor, texto) "
        "SELECT resp.id, v.iv, v.codigo, v.valor, '' FROM resp, "
        "unnest(%(versiones)s::bigint[], %(codigos)s::varchar[], %(valores)s::smallint[]) AS v(iv, codigo, valor)), "
        f"pendiente AS (INSERT INTO {q(ResumenPendiente._meta.db_table)} (respuesta_id, abierta) "
        "SELECT resp.id, quemada.nueva FROM resp, quemada), "
        f"alerta AS (INSERT INTO {q(Alerta._meta.db_table)} (respuesta_id, oficina_id, "
        "responsable_id, estado, plazo, contacto, puntuacion, creada_en) "
        f"SELECT resp.id, quemada.oficina_id, o.responsable_id, {Alerta.Estado.NUEVA.value!r}, "
        "%(plazo)s::timestamptz, %(contacto)s::varchar, %(puntuacion)s::smallint, "
        f"%(ahora)s::timestamptz FROM resp, quemada JOIN {oficinas} o ON o.id = quemada.oficina_id "
        "WHERE %(alerta)s::boolean RETURNING id, responsable_id) "
        # Commit without waiting for the disk flush (ENCUESTAS_COMMIT_ASINCRONO): a
        # crash in the next fraction of a second would lose this response and the
        # use of its token together, so the link would simply work again. Set inside
        # the statement, the setting covers this transaction's commit and no other.
        "SELECT resp.id, alerta.id, alerta.responsable_id, "
        "set_config('synchronous_commit', CASE WHEN %(asincrono)s::boolean "
        "THEN 'off' ELSE current_setting('synchronous_commit') END, true) "
        "FROM resp LEFT JOIN alerta ON true"
    )


_SQL_ENVIO: str | None = None


def guardar_envio(
    *,
    token_hash: str,
    encuesta_id: int,
    ahora: datetime,
    hora: datetime,
    fecha: date,
    idioma: str,
    reportable: bool,
    motivo: str,
    comentario: str,
    valores: list[tuple[int, str, int]],
    asincrono: bool,
    alerta: tuple[int, str, datetime] | None = None,
) -> tuple[int, int | None, int | None] | None:
    """Run `_sql_envio`: one statement, atomic on its own (autocommit). `valores`
    are (item version id, code, value); `alerta`, (score, contact, deadline) when
    an alert is to be opened. Returns (the new response's id, the alert's id and
    its manager's, None without them), or None if nothing was written (no unused,
    unexpired invitation of that token and survey)."""
    global _SQL_ENVIO
    if _SQL_ENVIO is None:
        _SQL_ENVIO = _sql_envio()
    fila = una_fila(
        _SQL_ENVIO,
        {
            "token_hash": token_hash,
            "encuesta": encuesta_id,
            "ahora": ahora,
            "zona": settings.TIME_ZONE,
            "hora": hora,
            "fecha": fecha,
            "idioma": idioma,
            "reportable": reportable,
            "motivo": motivo,
            "comentario": comentario,
            "versiones": [v for v, _c, _x in valores],
            "codigos": [c for _v, c, _x in valores],
            "valores": [x for _v, _c, x in valores],
            "alerta": alerta is not None,
            "puntuacion": alerta[0] if alerta else 0,
            "contacto": alerta[1] if alerta else "",
            "plazo": alerta[2] if alerta else ahora,
            # Only when the statement is its own transaction, not inside a caller's.
            "asincrono": asincrono and not connection.in_atomic_block,
        },
    )
    return None if fila is None else (fila[0], fila[1], fila[2])


def abrir_invitacion(
    *,
    invitacion_id: int,
    ahora: datetime,
    fecha: date,
    oficina_id: int,
    canal_id: int,
    servicio_id: int,
    fragmento: int,
) -> bool:
    """Mark an invitation opened and count it in its funnel cell, in one statement
    (PostgreSQL): only if it was not opened before. True if it was opened now.
    Same rows as the ORM path of `services.marcar_abierta`."""
    global _SQL_ABRIR
    if _SQL_ABRIR is None:
        q = connection.ops.quote_name
        embudo = q(EmbudoDiario._meta.db_table)
        _SQL_ABRIR = (
            f"WITH abierta AS (UPDATE {q(Invitacion._meta.db_table)} SET abierta_en = %(ahora)s::timestamptz, "
            f"estado = {Invitacion.Estado.ABIERTA.value!r} "
            "WHERE id = %(id)s::bigint AND abierta_en IS NULL RETURNING id) "
            f"INSERT INTO {embudo} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento) "
            "SELECT %(fecha)s::date, %(oficina)s::bigint, %(canal)s::bigint, %(servicio)s::bigint, 0, 1, 0, "
            "%(fragmento)s::smallint FROM abierta "
            "ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) "
            f"DO UPDATE SET abiertas = {embudo}.abiertas + excluded.abiertas RETURNING 1"
        )
    return (
        una_fila(
            _SQL_ABRIR,
            {
                "ahora": ahora,
                "id": invitacion_id,
                "fecha": fecha,
                "oficina": oficina_id,
                "canal": canal_id,
                "servicio": servicio_id,
                "fragmento": fragmento,
            },
        )
        is not None
    )


_SQL_ABRIR: str | None = None


# --- rollup upserts --------------------------------------------------------------------


def _sql_sumas(modelo, clave, filas, fragmento: int) -> tuple[str, list]:
    tabla = connection.ops.quote_name(modelo._meta.db_table)
    columnas = ", ".join((*clave, "n", "fragmento"))
    fila = "(" + ", ".join(["%s"] * (len(clave) + 2)) + ")"
    sql = (
        f"INSERT INTO {tabla} ({columnas}) VALUES {', '.join([fila] * len(filas))} "
        f"ON CONFLICT ({', '.join((*clave, 'fragmento'))}) "
        f"DO UPDATE SET n = {tabla}.n + excluded.n"
    )
    return sql, [p for f in filas for p in (*f, fragmento)]


def sumar_valores(filas, *, fragmento: int) -> None:
    """Add to ResumenDiario. filas: (fecha, oficina_id, canal_id, servicio_id,
    empleado_id, codigo, valor, n), all in the same fragment."""
    with connection.cursor() as cursor:
        cursor.execute(*_sql_sumas(ResumenDiario, CLAVE_DIARIO, filas, fragmento))


def sumar_valores_oficina(filas, *, fragmento: int) -> None:
    """Add to ResumenOficina. filas: (fecha, oficina_id, canal_id, servicio_id,
    codigo, valor, n), all in the same fragment."""
    with connection.cursor() as cursor:
        cursor.execute(*_sql_sumas(ResumenOficina, CLAVE_OFICINA, filas, fragmento))


def sumar_valores_mes(filas, *, fragmento: int) -> None:
    """Add to ResumenMensual. filas: (mes, oficina_id, canal_id, codigo, valor, n),
    all in the same fragment."""
    with connection.cursor() as cursor:
        cursor.execute(*_sql_sumas(ResumenMensual, CLAVE_MENSUAL, filas, fragmento))


def sumar_valores_semana(filas, *, fragmento: int) -> None:
    """Add to ResumenSemanal. filas: (semana, oficina_id, canal_id, codigo, valor,
    n), all in the same fragment."""
    with connection.cursor() as cursor:
        cursor.execute(*_sql_sumas(ResumenSemanal, CLAVE_SEMANAL, filas, fragmento))


def sumar_embudo(
    *,
    fecha: date,
    oficina_id: int,
    canal_id: int,
    servicio_id: int,
    ofrecidas: int,
    abiertas: int,
    completadas: int,
    fragmento: int,
) -> None:
    """Add to one EmbudoDiario cell (servicio_id 0 for none)."""
    tabla = connection.ops.quote_name(EmbudoDiario._meta.db_table)
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) "
        f"DO UPDATE SET ofrecidas = {tabla}.ofrecidas + excluded.ofrecidas, "
        f"abiertas = {tabla}.abiertas + excluded.abiertas, "
        f"completadas = {tabla}.completadas + excluded.completadas"
    )
    parametros = [
        fecha,
        oficina_id,
        canal_id,
        servicio_id,
        ofrecidas,
        abiertas,
        completadas,
        fragmento,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, parametros)


def sumar_embudos(celdas, *, fragmento: int) -> None:
    """Add to several EmbudoDiario cells of one fragment. celdas: (fecha,
    oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas), each
    cell once; the rows are upserted (and locked) in the order given."""
    tabla = connection.ops.quote_name(EmbudoDiario._meta.db_table)
    valores = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(celdas))
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento) "
        f"VALUES {valores} ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) "
        f"DO UPDATE SET ofrecidas = {tabla}.ofrecidas + excluded.ofrecidas, "
        f"abiertas = {tabla}.abiertas + excluded.abiertas, "
        f"completadas = {tabla}.completadas + excluded.completadas"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [p for celda in celdas for p in (*celda, fragmento)])


def sumar_completadas(celdas) -> None:
    """Add opened and completed to EmbudoDiario, fragment 0. celdas: (fecha,
    oficina_id, canal_id, servicio_id, abiertas, completadas)."""
    tabla = connection.ops.quote_name(EmbudoDiario._meta.db_table)
    valores = ", ".join(["(%s, %s, %s, %s, 0, %s, %s, 0)"] * len(celdas))
    sql = (
        f"INSERT INTO {tabla} (fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas, fragmento) "
        f"VALUES {valores} ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) "
        f"DO UPDATE SET abiertas = {tabla}.abiertas + excluded.abiertas, "
        f"completadas = {tabla}.completadas + excluded.completadas"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [p for celda in celdas for p in celda])


# --- the batches of attention events ---------------------------------------------------


def bloquear_contactos(hashes: list[str], *, baja: bool = False) -> None:
    """Insert the contact hashes that are new and lock them all, in the order
    given (ascending, so that two transactions cannot lock them crosswise); with
    `baja`, mark them as opted out."""
    tabla = connection.ops.quote_name(ContactoHash._meta.db_table)
    valores = ", ".join(["(%s, NULL, %s, %s)"] * len(hashes))
    sql = (
        f"INSERT INTO {tabla} (hash, ultima_invitacion_el, baja, clave_antigua) "
        f"VALUES {valores} ON CONFLICT (hash) DO UPDATE SET baja = {tabla}.baja OR excluded.baja"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [p for h in hashes for p in (h, baja, False)])


def _insertar(modelo, objetos: list, devolver: str, conflicto: str = "") -> list:
    """INSERT the objects with one statement; the rows RETURNING `devolver`. On
    PostgreSQL the values travel as one array per column (unnest): a statement
    of fixed text, not one placeholder per value for the driver to parse (13,000
    for 1,000 invitations)."""
    conexion = connections[DEFAULT_DB_ALIAS]  # the proxy costs a lookup per attribute
    q = conexion.ops.quote_name
    campos = [f for f in modelo._meta.concrete_fields if not f.primary_key]
    columnas = [
        [f.get_db_prep_save(getattr(o, f.attname), conexion) for o in objetos]
        for f in campos
    ]
    if conexion.vendor == "postgresql":
        origen = "SELECT * FROM unnest({})".format(
            ", ".join(f"%s::{f.cast_db_type(conexion)}[]" for f in campos)
        )
        parametros = columnas
    else:
        fila = "(" + ", ".join(["%s"] * len(campos)) + ")"
        origen = "VALUES " + ", ".join([fila] * len(objetos))
        parametros = [v for valores in zip(*columnas, strict=True) for v in valores]
    sql = (
        f"INSERT INTO {q(modelo._meta.db_table)} ({', '.join(q(f.column) for f in campos)}) "
        f"{origen} {conflicto} RETURNING {devolver}"
    )
    with conexion.cursor() as cursor:
        cursor.execute(sql, parametros)
        devueltas = cursor.fetchall()
    for o in objetos:
        o._state.db = conexion.alias
    return devueltas


def insertar_atenciones(atenciones: list[Atencion]) -> None:
    """INSERT the events with one statement and set their ids. An event whose
    reference another transaction stored meanwhile is skipped (ON CONFLICT DO
    NOTHING, after waiting for that transaction) and keeps pk None: the caller
    reads the stored one, as for a replay."""
    if not atenciones:
        return
    devueltas = _insertar(
        Atencion,
        atenciones,
        "id, oficina_id, referencia_externa",
        conflicto="ON CONFLICT DO NOTHING",
    )
    # With a reference, matched by it; without (never in conflict), in order,
    # as Django's bulk_create reads RETURNING.
    por_referencia = {(o, r): pk for pk, o, r in devueltas if r}
    sin_referencia = iter(pk for pk, _o, r in devueltas if not r)
    for a in atenciones:
        if a.referencia_externa:
            a.pk = por_referencia.get((a.oficina_id, a.referencia_externa))
        else:
            a.pk = next(sin_referencia)
        a._state.adding = a.pk is None


def insertar_invitaciones(invitaciones: list[Invitacion]) -> None:
    """bulk_create of invitations in one statement of fixed text; their ids
    matched by token hash (unique)."""
    if not invitaciones:
        return
    ids = dict(
        (h, pk) for pk, h in _insertar(Invitacion, invitaciones, "id, token_hash")
    )
    for i in invitaciones:
        i.pk = ids[i.token_hash]
        i._state.adding = False
