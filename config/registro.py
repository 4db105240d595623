"""Request id: one per request, in every log line it writes and in the tasks it
enqueues.

An incoming X-Request-ID is kept if it looks like an id (a proxy or a client may
set one to follow a call across systems); otherwise a new one is made. It goes
back in the response header, into a contextvar that a logging filter copies onto
every record, and into the headers of each task published while it is set
(`before_task_publish`); the worker puts it back in the contextvar while the task
runs (`task_prerun` / `task_postrun`), so the task's log lines carry it too.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from celery import signals
from django.core.signals import request_finished
from django.dispatch import receiver

CABECERA = "X-Request-ID"
CABECERA_TAREA = "request_id"
SIN_ID = "-"
# Letters, digits and a few separators, at most 64: enough for UUIDs and the ids
# of common proxies, and nothing that could forge a log line.
ID_VALIDO = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

request_id: ContextVar[str] = ContextVar("request_id", default=SIN_ID)


def id_de(entrante: str | None) -> str:
    if entrante and ID_VALIDO.match(entrante):
        return entrante
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        valor = id_de(request.headers.get(CABECERA))
        request.request_id = valor
        # Not reset on the way out: Django logs a 4xx/5xx ("Not Found: …") after
        # the middleware chain returns. request_finished clears it instead.
        request_id.set(valor)
        respuesta = self.get_response(request)
        respuesta[CABECERA] = valor
        return respuesta


@receiver(request_finished)
def _fin_de_peticion(**kwargs):
    request_id.set(SIN_ID)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (the handlers' formatters print it)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


@signals.before_task_publish.connect
def _anadir_a_la_tarea(headers=None, **kwargs):
    valor = request_id.get()
    if headers is not None and valor != SIN_ID:
        headers.setdefault(CABECERA_TAREA, valor)


_marcas: dict[str, object] = {}


@signals.task_prerun.connect
def _tomar_de_la_tarea(task_id=None, task=None, **kwargs):
    peticion = getattr(task, "request", None)
    valor = getattr(peticion, CABECERA_TAREA, None) or (
        (getattr(peticion, "headers", None) or {}).get(CABECERA_TAREA)
    )
    if valor and ID_VALIDO.match(str(valor)):
        _marcas[task_id] = request_id.set(str(valor))


@signals.task_postrun.connect
def _soltar(task_id=None, **kwargs):
    marca = _marcas.pop(task_id, None)
    if marca is not None:
        request_id.reset(marca)
