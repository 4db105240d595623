"""The heartbeat of a long generation (a PDF, a report, an import).

While the work runs, a thread calls `marcar` (an UPDATE of the row's `latido`)
every few seconds. When the process dies (OOM killer, SIGKILL, a restart) the
beats stop with it, and a page can tell "still working" from "interrupted" by
the age of the last beat (`caducado`), without asking the broker.
"""

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


def umbral() -> timedelta:
    """How old a beat may be before the generation counts as interrupted."""
    return timedelta(seconds=settings.GENERACION_LATIDO_UMBRAL_SEGUNDOS)


def limite(ahora: datetime | None = None) -> datetime:
    """Beats older than this are stale."""
    return (ahora or timezone.now()) - umbral()


def caducado(latido: datetime | None, ahora: datetime | None = None) -> bool:
    return latido is None or latido < limite(ahora)


@contextlib.contextmanager
def latiendo(marcar: Callable[[], None], cada: float | None = None) -> Iterator[None]:
    """Call `marcar` now and every `cada` seconds until the block ends.

    Inside a transaction (a test, a caller's atomic block) it beats once, in this
    thread: another connection could neither see the row nor, on SQLite, write
    while this one holds the lock."""
    cada = cada if cada is not None else settings.GENERACION_LATIDO_SEGUNDOS
    if connection.in_atomic_block:
        marcar()
        yield
        return
    parar = threading.Event()

    def latir():
        try:
            while True:
                try:
                    marcar()
                except Exception:  # a missed beat must not break the work
                    logger.warning("Latido no registrado", exc_info=True)
                if parar.wait(cada):
                    return
        finally:
            # The thread's own database connection.
            connection.close()

    hilo = threading.Thread(target=latir, name="latido", daemon=True)
    hilo.start()
    try:
        yield
    finally:
        parar.set()
        hilo.join()
