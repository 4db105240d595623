"""Which Celery queue a task goes to: a person's PDF never waits behind a batch.

PDFs someone asked for (a certificate, a report) go to the interactive queue
`pdf`; the ones a batch produces (the demo seeding, scheduled reports) go to
`pdf_lote`, which its own low-priority worker drains (Procfile). Code that
produces a batch says so with `en_lote()`; the services that enqueue do not
change. The router is the first entry of CELERY_TASK_ROUTES.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from fnmatch import fnmatch

COLA_PDF = "pdf"
COLA_PDF_LOTE = "pdf_lote"
# The task names that render PDFs (the same patterns as CELERY_TASK_ROUTES).
TAREAS_PDF = ("*.tasks.generar_pdf_*", "*.tasks.renderizar_*")

_en_lote: ContextVar[bool] = ContextVar("en_lote", default=False)


@contextmanager
def en_lote() -> Iterator[None]:
    """PDFs enqueued inside (also by `transaction.on_commit` callbacks that run
    inside) go to the low-priority queue."""
    marca = _en_lote.set(True)
    try:
        yield
    finally:
        _en_lote.reset(marca)


def es_pdf(nombre: str) -> bool:
    return any(fnmatch(nombre, patron) for patron in TAREAS_PDF)


def enrutar_lote(name, args, kwargs, options, task=None, **kw):
    """Celery router: a PDF task sent inside `en_lote()` goes to `pdf_lote`;
    anything else falls through to the next route."""
    if _en_lote.get() and es_pdf(name):
        return {"queue": COLA_PDF_LOTE}
    return None
