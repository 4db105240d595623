import json

import pytest
from django.db import connection

from encuestas import seguridad
from tests.factories import OficinaFactory, invitar

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_token_corto_aleatorio_y_guardado_con_hash(oficina):
    registro, token = invitar(oficina)
    assert len(token) == 13 and seguridad.token_valido(token)  # 65 bits, fits an SMS
    assert registro.invitacion.token_hash == seguridad.hash_token(token)
    with connection.cursor() as c:
        c.execute("SELECT * FROM encuestas_invitacion")
        assert token not in json.dumps(c.fetchall(), default=str)
    _, otro = invitar(oficina)
    assert otro != token
