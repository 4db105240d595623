"""The database triggers that keep the access log append-only.

The model refuses save() of an existing row and delete(); these make the
database itself refuse UPDATE and DELETE, whoever sends them (a raw query, a
shell, a bug). PostgreSQL's TRUNCATE is a separate privilege the application's
account does not need (the test flush uses it, so it is left alone).

SQLite drops a table's triggers when a migration rebuilds the table: a later
migration that alters AccesoDatos must call `instalar(connection)` again.
"""

TABLA = "auditoria_accesodatos"
MENSAJE = "auditoria_accesodatos: registro de solo añadir"

_POSTGRESQL = [
    f"""
    CREATE OR REPLACE FUNCTION auditoria_solo_anadir() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MENSAJE} (% rechazado)', TG_OP
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"""
    CREATE TRIGGER auditoria_solo_anadir BEFORE UPDATE OR DELETE ON {TABLA}
    FOR EACH ROW EXECUTE FUNCTION auditoria_solo_anadir()
    """,
]
_POSTGRESQL_QUITAR = [
    f"DROP TRIGGER IF EXISTS auditoria_solo_anadir ON {TABLA}",
    "DROP FUNCTION IF EXISTS auditoria_solo_anadir()",
]

_SQLITE = [
    f"""
    CREATE TRIGGER auditoria_sin_{operacion.lower()} BEFORE {operacion} ON {TABLA}
    BEGIN SELECT RAISE(ABORT, '{MENSAJE} ({operacion} rechazado)'); END
    """
    for operacion in ("UPDATE", "DELETE")
]
_SQLITE_QUITAR = [
    f"DROP TRIGGER IF EXISTS auditoria_sin_{operacion}"
    for operacion in ("update", "delete")
]


def _ejecutar(connection, sentencias) -> None:
    with connection.cursor() as cursor:
        for sentencia in sentencias:
            cursor.execute(sentencia)


def instalar(connection) -> None:
    _ejecutar(
        connection,
        {"postgresql": _POSTGRESQL, "sqlite": _SQLITE}.get(connection.vendor, []),
    )


def quitar(connection) -> None:
    _ejecutar(
        connection,
        {"postgresql": _POSTGRESQL_QUITAR, "sqlite": _SQLITE_QUITAR}.get(
            connection.vendor, []
        ),
    )
