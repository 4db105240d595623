"""Absolute links (e-mail, SMS, QR, printed slips, PDFs, API answers): one place
that knows the public base address.

- `SITE_URL` set: always that (production requires it, see `validar_site_url`).
- Not set (development): the address the server is actually reached at. Inside
  a request, its scheme and host (`EnlacesMiddleware`); in a Celery task that a
  request enqueued, that request's address, which travels in a message header
  (`config/celery.py` connects the signals below); elsewhere (beat, commands),
  `http://127.0.0.1:$PORT`, the port `make run` and honcho give the web process.

Code never concatenates `settings.SITE_URL` itself: `enlace_absoluto(ruta)`.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host

CABECERA_TAREA = "ventanilla_base_publica"
PUERTO_POR_DEFECTO = "8000"

_base_actual: ContextVar[str | None] = ContextVar("base_publica", default=None)


def base_publica() -> str:
    """Scheme and host (and port) of the public address, without a final slash."""
    fija = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    if fija:
        return fija
    return _base_actual.get() or base_local()


def base_local() -> str:
    """Outside any request: the local server on the port the web process uses."""
    puerto = os.environ.get("PORT", "").strip() or PUERTO_POR_DEFECTO
    return f"http://127.0.0.1:{puerto}"


def enlace_absoluto(ruta: str) -> str:
    """`ruta` (a path from `reverse()` or `get_absolute_url()`) as a full URL."""
    if not ruta.startswith("/"):
        raise ValueError(f"Se esperaba una ruta absoluta ('/…'), no {ruta!r}")
    return base_publica() + ruta


def base_de_peticion(request) -> str:
    # get_host() checks ALLOWED_HOSTS: a forged Host header never gets into a link.
    return f"{request.scheme}://{request.get_host()}"


@contextmanager
def con_base(base: str | None):
    """Links built inside use `base` (unless SITE_URL is set)."""
    marca = _base_actual.set(base.rstrip("/") if base else None)
    try:
        yield
    finally:
        _base_actual.reset(marca)


class EnlacesMiddleware:
    """Remembers the request's own address for the links built while serving it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            base = base_de_peticion(request)
        except Exception:  # DisallowedHost: CommonMiddleware answers 400 anyway
            base = None
        with con_base(base):
            return self.get_response(request)


# Celery signals (connected in config/celery.py): the base of the request that
# enqueued a task goes with it and is restored while the worker runs it.


def al_publicar_tarea(headers=None, **_kwargs) -> None:
    base = _base_actual.get()
    if base and headers is not None:
        headers[CABECERA_TAREA] = base


_marcas: dict[str, object] = {}


def antes_de_la_tarea(task_id=None, task=None, **_kwargs) -> None:
    base = getattr(task.request, CABECERA_TAREA, None) if task else None
    if base and task_id:
        _marcas[task_id] = _base_actual.set(base)


def despues_de_la_tarea(task_id=None, **_kwargs) -> None:
    marca = _marcas.pop(task_id, None)
    if marca is not None:
        _base_actual.reset(marca)


def validar_site_url(url: str, allowed_hosts: list[str]) -> list[str]:
    """What is wrong with a public base address (empty list: nothing)."""
    partes = urlsplit(url)
    if partes.scheme not in ("http", "https"):
        return ["debe empezar por https:// (o http:// explícito)"]
    if not partes.hostname:
        return ["le falta el nombre del servidor"]
    errores = []
    if partes.path not in ("", "/"):
        errores.append(
            f"no debe llevar ruta ({partes.path!r}): la aplicación se sirve en la raíz"
        )
    if partes.query or partes.fragment or partes.username or partes.password:
        errores.append("no debe llevar parámetros, fragmento ni credenciales")
    servidor = partes.hostname
    if ":" in servidor:  # IPv6, written as in ALLOWED_HOSTS and Host headers
        servidor = f"[{servidor}]"
    if not validate_host(servidor, allowed_hosts):
        errores.append(
            f"su servidor {servidor!r} no está en ALLOWED_HOSTS "
            f"({', '.join(allowed_hosts) or 'vacío'})"
        )
    return errores
