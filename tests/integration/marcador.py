"""A task that only the test worker loads (`--include`): linked after a task under
test, its file appears once a live worker has run that task to the end."""

from pathlib import Path

from celery import shared_task


@shared_task(name="pruebas.marcar")
def marcar(ruta: str) -> None:
    Path(ruta).touch()
