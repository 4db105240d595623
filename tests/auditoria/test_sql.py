"""The triggers come off and back on (the migration's reverse, and the test
flush on SQLite): after instalar() UPDATE is refused again."""

import pytest
from django.db import DatabaseError, connection, transaction

from auditoria import sql
from auditoria.models import AccesoDatos

pytestmark = pytest.mark.django_db(transaction=True)


def test_quitar_e_instalar_los_disparadores():
    acceso = AccesoDatos.objects.create(
        usuario_nombre="u", accion="ver", categoria="evaluacion", ruta="/", metodo="GET"
    )
    sql.quitar(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {sql.TABLA} SET roles = 'x'")
    finally:
        sql.instalar(connection)
    acceso.refresh_from_db()
    assert acceso.roles == "x"
    with pytest.raises(DatabaseError, match="solo añadir"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {sql.TABLA} SET roles = 'y'")
    # The row stays for the flush: the fixture in tests/conftest.py empties it.
