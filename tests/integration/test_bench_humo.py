"""Smoke run of the benches at small scale, so a bench can never silently break
again (issue 14: two PostgreSQL benches crashed in their volume step and one could
not run twice). Each bench runs in a subprocess with its smallest volume and the
test fails on a non-zero exit. The PostgreSQL benches run in CI's PostgreSQL pass,
on a throwaway database of their own; the SQLite ones in the SQLite pass.

bench/sqlite_concurrencia.py has its own test (test_bench_sqlite.py) and
bench/organizacion_importacion_memoria.py is run by
tests/organizacion/services/test_importacion.py.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

RAIZ = Path(settings.BASE_DIR)

pytestmark = pytest.mark.integration

solo_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="el bench necesita PostgreSQL; corre en la pasada de CI en PostgreSQL",
)
solo_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="el bench usa su propia SQLite; basta con la pasada de CI en SQLite",
)


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ejecutar(*argumentos: str, **entorno: str) -> str:
    proceso = subprocess.run(
        [sys.executable, *argumentos],
        cwd=RAIZ,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **entorno},
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proceso.returncode == 0, (
        f"{argumentos[0]} salió con {proceso.returncode}:\n"
        + proceso.stdout[-3000:]
        + proceso.stderr[-5000:]
    )
    return proceso.stdout


@pytest.fixture
def bd_desechable():
    """A PostgreSQL database of its own next to the suite's (the benches flush
    or fill theirs), dropped afterwards."""
    datos = connection.settings_dict
    usuario = datos.get("USER") or "postgres"
    clave = f":{datos['PASSWORD']}" if datos.get("PASSWORD") else ""
    servidor = f"{datos.get('HOST') or '127.0.0.1'}:{datos.get('PORT') or 5432}"
    base = f"postgres://{usuario}{clave}@{servidor}"
    nombre = f"{settings.DATABASES['default']['NAME']}_bench_{os.getpid()}"[:63]

    def borrar(c):
        c.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')

    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        borrar(c)
        c.execute(f'CREATE DATABASE "{nombre}"')
    yield f"{base}/{nombre}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        borrar(c)


@solo_postgres
@pytest.mark.timeout(600)
def test_mejora_informe_a_escala_pequena(bd_desechable):
    salida = _ejecutar(
        "bench/mejora_informe.py",
        *("--pasos", "1000", "--pequeno"),
        DATABASE_URL=bd_desechable,
    )
    assert "| 1,000 |" in salida  # the results table reached its row


@solo_postgres
@pytest.mark.timeout(600)
def test_mejora_recalculo_a_escala_pequena(bd_desechable):
    salida = _ejecutar(
        "bench/mejora_recalculo.py", BENCH_ESCALA="pequena", DATABASE_URL=bd_desechable
    )
    assert "recalculo_completo_22_periodos:" in salida
    # The day dated back marked its month and quarter for the night.
    assert "2025-05 2025-Q2" in salida


@solo_postgres
@pytest.mark.timeout(600)
def test_encuestas_envio_a_escala_pequena(bd_desechable):
    salida = _ejecutar(
        "bench/encuestas_envio.py",
        *("--segundos", "1", "--respuestas", "1000"),
        *("--trabajadores", "1", "--hilos", "2"),
        BENCH_DATABASE_URL=bd_desechable,
        BENCH_PUERTO=str(_puerto_libre()),
    )
    assert "Generadas 1000 respuestas de volumen" in salida
    assert "Exportación CSV" in salida


@solo_sqlite
@pytest.mark.timeout(600)
def test_formacion_certificados_dos_veces_seguidas():
    for _vez in range(2):
        salida = _ejecutar("bench/formacion_certificados.py", "2")
        assert "Certificados PDF: n=2" in salida
