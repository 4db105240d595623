"""gunicorn for the benches that measure through real HTTP: the same server and
worker class as the Procfile (gthread), started from the project folder, and
returned once its port accepts connections."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def arrancar_gunicorn(
    puerto: int,
    *,
    aplicacion: str = "config.wsgi",
    trabajadores: int = 2,
    hilos: int = 4,
    opciones: tuple[str, ...] = ("--timeout", "120"),
    entorno: dict | None = None,
) -> subprocess.Popen:
    proceso = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            aplicacion,
            "--bind",
            f"127.0.0.1:{puerto}",
            "--workers",
            str(trabajadores),
            "--worker-class",
            "gthread",
            "--threads",
            str(hilos),
            "--log-level",
            "warning",
            *opciones,
        ],
        cwd=RAIZ,
        env={**os.environ, **(entorno or {})},
    )
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", puerto), timeout=0.5).close()
            return proceso
        except OSError:
            time.sleep(0.2)
    proceso.kill()
    raise SystemExit("gunicorn no arrancó")
