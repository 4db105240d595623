"""Integration tests: a real Celery worker process on the configured broker and database.

On the embedded defaults the broker is kombu's filesystem transport and the
database a SQLite file; in CI's second run they are Redis and PostgreSQL.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from uuid import uuid4

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.constantes import CLAVE_CONTACTO_PRUEBAS
from tests.integration.marcador import marcar

RAIZ = Path(settings.BASE_DIR)


def _broker_responde() -> str | None:
    try:
        with celery_app.connection_for_write() as conexion:
            conexion.ensure_connection(max_retries=1, timeout=3)
        return None
    except Exception as exc:  # the reason goes into the skip message
        return f"{type(exc).__name__}: {exc}"


def _url_de_la_bd() -> str:
    datos = connection.settings_dict
    if datos["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{datos['NAME']}"
    usuario = datos.get("USER") or ""
    clave = f":{datos['PASSWORD']}" if datos.get("PASSWORD") else ""
    credenciales = f"{usuario}{clave}@" if usuario else ""
    return f"postgres://{credenciales}{datos.get('HOST') or '127.0.0.1'}:{datos.get('PORT') or 5432}/{datos['NAME']}"


def _entorno_del_worker(media: Path, **extra: str) -> dict:
    entorno = dict(os.environ)
    entorno.update(
        {
            "DATABASE_URL": _url_de_la_bd(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "EMAIL_URL": "consolemail://",
            "MEDIA_ROOT": str(media),
            # Private files beside it, never inside (comun.ficheros).
            "PRIVATE_MEDIA_ROOT": str(media.parent / f"{media.name}_privado"),
            # The test process and the worker must hash a contact alike.
            "ENCUESTAS_CLAVE_CONTACTO": CLAVE_CONTACTO_PRUEBAS,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **extra,
        }
    )
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        entorno["CELERY_FILESYSTEM_DIR"] = str(
            Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]).parent
        )
    return entorno


def _arrancar_worker(
    registro: Path, entorno: dict, *, colas: str, pool: str = "solo", nombre: str
) -> subprocess.Popen:
    """Start `celery worker` and wait until it says it is ready."""
    with open(registro, "w") as salida:
        proceso = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                f"--pool={pool}",
                "--concurrency=1",
                "--loglevel=INFO",
                "-Q",
                colas,
                "--include",
                "tests.integration.marcador",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{nombre}-{os.getpid()}@%h",
            ],
            cwd=RAIZ,
            env=entorno,
            stdout=salida,
            stderr=subprocess.STDOUT,
            # Its own process group: a test may kill the worker with its pool.
            start_new_session=True,
        )
    limite = time.monotonic() + 60
    while time.monotonic() < limite:
        if "ready" in registro.read_text():
            # Its log, for tests that read what a task wrote (the request id).
            proceso.registro = registro
            return proceso
        if proceso.poll() is not None:
            pytest.fail(f"El worker terminó al arrancar:\n{registro.read_text()}")
        time.sleep(0.3)
    _parar(proceso)
    pytest.fail(f"El worker no estuvo listo en 60 s:\n{registro.read_text()}")


def _parar(proceso: subprocess.Popen) -> None:
    if proceso.poll() is not None:
        return
    proceso.terminate()
    try:
        proceso.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proceso.pid, signal.SIGKILL)
        proceso.wait()


@pytest.fixture(scope="session")
def worker_celery(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start `celery worker` as a separate process against the test database."""
    motivo = _broker_responde()
    if motivo:
        pytest.skip(f"El broker de Celery no responde ({motivo})")
    entorno = _entorno_del_worker(tmp_path_factory.mktemp("media_worker"))
    registro = tmp_path_factory.mktemp("worker") / "worker.log"
    proceso = _arrancar_worker(
        registro, entorno, colas="celery,pdf", pool="solo", nombre="pruebas"
    )
    proceso.privado = Path(entorno["PRIVATE_MEDIA_ROOT"])
    try:
        yield proceso
    finally:
        _parar(proceso)


@pytest.fixture
def privado_compartido(worker_celery, settings):
    """The test writes private files where the worker reads them: an upload the
    worker imports lives in the worker's private root, not the test's own."""
    settings.PRIVATE_MEDIA_ROOT = worker_celery.privado
    return worker_celery.privado


@pytest.fixture
def arrancar_worker(django_db_setup, tmp_path):
    """Start extra workers (prefork, on a queue of the test's own) that the test
    may kill; whatever is still running is stopped at the end."""
    motivo = _broker_responde()
    if motivo:
        pytest.skip(f"El broker de Celery no responde ({motivo})")
    procesos = []

    def arrancar(*, colas: str, pool: str = "prefork", **extra: str):
        n = len(procesos)
        entorno = _entorno_del_worker(tmp_path / "media_worker", **extra)
        proceso = _arrancar_worker(
            tmp_path / f"worker-{n}.log",
            entorno,
            colas=colas,
            pool=pool,
            nombre=f"matable{n}",
        )
        procesos.append(proceso)
        return proceso

    yield arrancar
    for proceso in procesos:
        _parar(proceso)


@pytest.fixture
def esperar():
    """Poll a condition (a callable) until it is true or the time runs out."""

    def esperar(condicion, segundos: float = 45, mensaje: str = "la condición"):
        limite = time.monotonic() + segundos
        while time.monotonic() < limite:
            if condicion():
                return
            time.sleep(0.25)
        pytest.fail(f"Tras {segundos} s no se cumple {mensaje}")

    return esperar


@pytest.fixture
def ejecutar_en_el_worker(worker_celery, esperar, tmp_path):
    """Send a task signature with the marker linked to it and wait for the marker:
    proof that the worker ran that task to the end, so a test may then assert that
    it changed nothing (a sleep would pass just as well with no worker at all)."""

    def ejecutar(firma, segundos: float = 45):
        ruta = tmp_path / f"marca-{uuid4().hex}"
        firma.apply_async(link=marcar.si(str(ruta)))
        esperar(ruta.exists, segundos, mensaje=f"que el worker termine {firma.task}")

    return ejecutar
