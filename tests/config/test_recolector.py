"""The web and worker processes tune the garbage collector once loaded: a
whole-organisation export builds ~100,000 short-lived containers, and with
Python's defaults every full collection walked everything Django, Wagtail and
the apps had loaded (about a third of a one-second export)."""

import gc
import subprocess
import sys

import pytest

from config import recolector


@pytest.fixture
def gc_restaurado():
    umbral = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*umbral)


def test_ajustar_congela_lo_cargado_y_espacia_las_colecciones(gc_restaurado):
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    recolector.ajustar()
    assert gc.get_freeze_count() > 10_000  # the modules loaded so far
    assert gc.get_threshold() == recolector.UMBRAL
    assert gc.isenabled()


CARGAR = {
    "gunicorn": "import config.wsgi",
    "uvicorn": "import config.asgi",
    # The worker's main process, once loaded and before its pool forks.
    "celery": "import django; django.setup(); from celery import signals; "
    "import config.celery; signals.worker_init.send(sender=None)",
}


@pytest.mark.parametrize("proceso", CARGAR)
def test_cada_proceso_lo_ajusta_al_cargar(proceso):
    """In a fresh interpreter, as gunicorn, uvicorn or celery load the app."""
    codigo = (
        f"import gc; {CARGAR[proceso]}; from config import recolector; "
        "assert gc.get_threshold() == recolector.UMBRAL, gc.get_threshold(); "
        "assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()"
    )
    salida = subprocess.run(
        [sys.executable, "-c", codigo], capture_output=True, text=True, timeout=120
    )
    assert salida.returncode == 0, salida.stderr[-2000:]
