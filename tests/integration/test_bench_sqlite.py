"""The SQLite concurrency benchmark in its small mode, as CI runs it: staff pages
keep p95 < 1 s with zero errors while a 1,000-event API batch and a consolidation
write (bench/sqlite_concurrencia.py: its own database file and gunicorn)."""

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

RAIZ = Path(settings.BASE_DIR)

pytestmark = pytest.mark.integration


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="mide la SQLite embebida; basta con la pasada de CI en SQLite",
)
@pytest.mark.timeout(1200)
def test_paginas_del_personal_responden_durante_lote_y_consolidacion():
    proceso = subprocess.run(
        [
            sys.executable,
            str(RAIZ / "bench" / "sqlite_concurrencia.py"),
            "--pequeno",
            "--comprobar",
        ],
        cwd=RAIZ,
        # Not the suite's environment: the bench sets its own database and broker.
        env={"PATH": "/usr/bin:/bin", "BENCH_PUERTO": str(_puerto_libre())},
        capture_output=True,
        text=True,
        timeout=1100,
    )
    print(proceso.stdout)
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr[-3000:]
    assert "resultado: correcto" in proceso.stdout
