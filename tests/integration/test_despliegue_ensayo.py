"""The multi-node rehearsal (deploy/ensayo.py) end to end: nginx, two gunicorn
nodes, two workers, beat, its own Redis and a database of its own.

Runs in CI's PostgreSQL run (the rehearsal needs the PostgreSQL server; the
embedded SQLite run skips it) and where nginx and redis-server are installed.
"""

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.integration

RAIZ = Path(settings.BASE_DIR)
NGINX = shutil.which("nginx") or (
    "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
)


def _servidor_postgres() -> str:
    datos = connection.settings_dict
    usuario = datos.get("USER") or "postgres"
    clave = f":{datos['PASSWORD']}" if datos.get("PASSWORD") else ""
    return (
        f"postgres://{usuario}{clave}@{datos.get('HOST') or '127.0.0.1'}"
        f":{datos.get('PORT') or 5432}"
    )


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="el ensayo multinodo usa el servidor PostgreSQL (ejecución PostgreSQL de CI)",
)
@pytest.mark.skipif(
    NGINX is None, reason="falta nginx (paquete Debian): el ensayo no puede arrancar"
)
@pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="falta redis-server: el ensayo arranca el suyo",
)
@pytest.mark.timeout(600)
def test_el_ensayo_multinodo_sobrevive_a_las_caidas(tmp_path):
    resultado = tmp_path / "ensayo.json"
    proceso = subprocess.run(
        [
            sys.executable,
            "deploy/ensayo.py",
            "--postgres",
            _servidor_postgres(),
            "--redis-puerto",
            str(_puerto_libre()),
            "--nginx",
            NGINX,
            "--json",
            str(resultado),
        ],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        timeout=560,
    )
    print(proceso.stdout)
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr[-5000:]
    cifras = json.loads(resultado.read_text())
    assert all(cifras["comprobaciones"].values()), cifras["comprobaciones"]
    encuestas = cifras["encuestas"]
    assert encuestas["enviadas_aceptadas"] > 100
    assert (
        encuestas["enviadas_aceptadas"]
        == encuestas["respuestas_almacenadas"]
        == encuestas["consolidadas_embudo"]
    )
    # The worker really died in the middle of both PDFs, and both came back.
    assert cifras["hechos"]["al_matar_el_worker"]["certificados_en_curso"] >= 1
    assert cifras["tareas"]["generar_pdf_informe"]["entregas"] >= 2
    assert cifras["informe"]["estado"] == "listo"
