import pytest
from django.core.cache import cache

from encuestas import services


@pytest.fixture(autouse=True)
def _cache_limpia():
    """Rate-limit counters and cached survey definitions must not leak between tests."""
    cache.clear()
    services._CACHE_LINEAS.clear()
    yield
    cache.clear()
    services._CACHE_LINEAS.clear()
