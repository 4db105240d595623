"""Fixtures shared by the cross-cutting sweeps of tests/comun/."""

import importlib

import pytest
from django.urls import clear_url_caches


@pytest.fixture
def media_servido(settings):
    """The URLs of `make run` and the pilot (DEBUG): Django serves /media/
    (Wagtail's images only; private files never)."""
    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()
