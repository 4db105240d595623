import json

import pytest
from django.db import connection
from django.test import override_settings

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


# A Redis nobody listens on: what production's cache looks like during an outage.
CACHE_CAIDA = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_sin_cache_el_limite_deja_pasar_y_lo_avisa(caplog):
    """A rate limit is defence in depth (tokens are single-use): while the cache
    is down it lets the request through and says so, instead of a 500 that would
    lose the citizen's answer."""
    with (
        override_settings(CACHES=CACHE_CAIDA),
        caplog.at_level("WARNING", logger="ventanilla.limites"),
    ):
        assert seguridad.limite_superado("ip", "x", 1, 60) is False
        assert seguridad.limite_superado("ip", "x", 1, 60) is False
    assert "caché no disponible" in caplog.text
