"""The per-IP limit of the public survey on a real Redis (the production cache):
one check is one round trip, and the limits and windows are those of the
in-memory cache.

Runs when the default cache is Redis (CI's PostgreSQL pass: CACHE_URL=rediscache://…);
otherwise skipped.
"""

import time
from uuid import uuid4

import pytest
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from redis.connection import AbstractConnection

from encuestas import seguridad

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache),
        reason="necesita la caché en Redis (CACHE_URL=rediscache://…)",
    ),
]


@pytest.fixture
def sujeto():
    """A subject of its own per test, so no counter of another run is reused."""
    nombre = f"prueba-{uuid4().hex}"
    yield nombre
    caches[DEFAULT_CACHE_ALIAS].delete(f"enc:lim:ip:{nombre}")


@pytest.fixture
def viajes(monkeypatch):
    """Round trips to Redis: each one sends one packed buffer on a connection
    (a pipeline sends all its commands in one)."""
    cuenta = []
    original = AbstractConnection.send_packed_command

    def contar(self, command, check_health=True):
        cuenta.append(command)
        return original(self, command, check_health)

    caches[DEFAULT_CACHE_ALIAS].get("calentar")  # the connection is already open
    monkeypatch.setattr(AbstractConnection, "send_packed_command", contar)
    return cuenta


def test_una_comprobacion_del_limite_es_un_viaje_a_redis(sujeto, viajes):
    for vez in range(4):  # the first (a new counter) and the following ones
        antes = len(viajes)
        seguridad.limite_superado("ip", sujeto, 60, 60)
        assert len(viajes) - antes == 1, f"comprobación {vez + 1}"


def test_limite_y_ventana_en_redis_como_siempre(sujeto):
    cache = caches[DEFAULT_CACHE_ALIAS]
    resultados = [seguridad.limite_superado("ip", sujeto, 3, 1) for _ in range(5)]
    assert resultados == [False, False, False, True, True]
    # The counter reads back as a number and lives as long as its window, no more.
    assert cache.get(f"enc:lim:ip:{sujeto}") == 5
    cliente = cache._cache.get_client(write=True)
    ttl = cliente.pttl(cache.make_and_validate_key(f"enc:lim:ip:{sujeto}"))
    assert 0 < ttl <= 1000
    time.sleep(1.1)
    assert seguridad.limite_superado("ip", sujeto, 3, 1) is False
    assert 0 < cliente.pttl(cache.make_and_validate_key(f"enc:lim:ip:{sujeto}"))


def test_sin_limite_no_se_pregunta_a_redis(sujeto, viajes):
    assert seguridad.limite_superado("ip", sujeto, 0, 60) is False
    assert viajes == []
