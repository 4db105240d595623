"""Tasks and hooks that only the test workers load (`--include`).

`marcar`, linked after a task under test, leaves a file once a live worker has
run that task to the end. `larga` and the PDF pause let a test kill the pool
process in the middle of a task: each attempt writes its pid, then waits while
the pause file exists.
"""

import os
import time
from pathlib import Path

from celery import shared_task
from celery.signals import worker_process_init


@shared_task(name="pruebas.marcar")
def marcar(ruta: str) -> None:
    Path(ruta).touch()


def _anotar_intento_y_esperar(carpeta: Path) -> None:
    with (carpeta / "intentos").open("a") as intentos:
        intentos.write(f"{os.getpid()}\n")
    while (carpeta / "pausa").exists():
        time.sleep(0.1)


@shared_task(name="pruebas.larga", acks_late=True)
def larga(carpeta: str) -> None:
    """A long task whose effect (one line in `efectos`) comes after the pause."""
    _anotar_intento_y_esperar(Path(carpeta))
    with (Path(carpeta) / "efectos").open("a") as efectos:
        efectos.write("hecho\n")


def _pausar_los_pdf(carpeta: Path) -> None:
    # The report's PDF step waits while the pause file exists: the test kills the
    # pool process there, in the middle of a generation.
    from mejora import informe

    original = informe.pdf

    def pdf_con_pausa(*args, **kwargs):
        _anotar_intento_y_esperar(carpeta)
        return original(*args, **kwargs)

    informe.pdf = pdf_con_pausa


@worker_process_init.connect
def _al_arrancar_el_proceso(**kwargs):
    if os.environ.get("PRUEBAS_PAUSA_PDF"):
        _pausar_los_pdf(Path(os.environ["PRUEBAS_PAUSA_PDF"]))
