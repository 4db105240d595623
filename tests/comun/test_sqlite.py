"""The embedded SQLite under concurrent use: WAL (readers never wait for the
writer) and a bounded wait for the write lock."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def cursor():
    if connection.vendor != "sqlite":
        pytest.skip("solo SQLite: PostgreSQL no tiene cerrojo de base de datos")
    with connection.cursor() as c:
        yield c


def test_un_escritor_espera_el_cerrojo_unos_segundos_y_no_mas(cursor):
    # Long enough for the longest write transaction (a chunk of a batch), short
    # enough that a stuck writer becomes an error instead of a hung page.
    cursor.execute("PRAGMA busy_timeout")
    assert 5000 <= cursor.fetchone()[0] <= 10000


def test_lectores_y_escritor_a_la_vez_en_modo_wal(cursor):
    cursor.execute("PRAGMA journal_mode")
    assert cursor.fetchone()[0] == "wal"
