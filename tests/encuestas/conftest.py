import pytest
from django.core.cache import cache

from encuestas import services
from organizacion.models import Canal
from tests.factories import OficinaFactory


@pytest.fixture(autouse=True)
def _cache_limpia():
    """Rate-limit counters and cached survey definitions must not leak between tests."""
    cache.clear()
    services._CACHE_LINEAS.clear()
    yield
    cache.clear()
    services._CACHE_LINEAS.clear()


@pytest.fixture
def sede():
    oficina = OficinaFactory(canales=["presencial", "telematico"])
    fuera = OficinaFactory(canales=["presencial", "telematico"])
    integracion, _clave = services.crear_integracion(
        nombre="Sede electrónica",
        oficinas=[oficina],
        canales=Canal.objects.filter(codigo="telematico"),
    )
    return {"oficina": oficina, "fuera": fuera, "integracion": integracion}


def _secreto(prefijo: str) -> str:
    from encuestas import sede

    return sede.secreto_de(prefijo)
