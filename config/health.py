"""Health probes. They live in config/ because they check the project's wiring,
not any app's domain.

- /health/live/: the process answers. It touches no dependency, so a database or
  broker outage does not make the orchestrator restart healthy web processes.
- /health/ready/: the database, the broker and the media storage answer; if any
  fails the load balancer takes this node out (503, the failing part named).
- /health/: the readiness probe under its old address, for what already calls it.
"""

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.celery import app

logger = logging.getLogger(__name__)

# A probe must answer before the load balancer's own timeout (nginx: 5 s by default).
TIEMPO_BROKER = 2


def _broker_responde() -> tuple[bool, str]:
    try:
        with app.connection_for_write() as conexion:
            conexion.ensure_connection(
                max_retries=1, timeout=TIEMPO_BROKER, interval_start=0
            )
        return True, "ok"
    except Exception as exc:  # any broker failure means "down" for the probe
        logger.warning("El broker no responde: %s", exc)
        return False, type(exc).__name__


def _bd_responde() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, "ok"
    except Exception as exc:  # any database failure means "down" for the probe
        logger.warning("La base de datos no responde: %s", exc)
        return False, type(exc).__name__


def _almacenamiento_escribible() -> tuple[bool, str]:
    """Write and delete a small file where certificates and reports are kept:
    a full or read-only disk fails every PDF, so the node is not ready."""
    nombre = f".health/{uuid.uuid4().hex}"
    try:
        guardado = default_storage.save(nombre, ContentFile(b"ok"))
        default_storage.delete(guardado)
        return True, "ok"
    except Exception as exc:  # any storage failure means "down" for the probe
        logger.warning("El almacenamiento de media no es escribible: %s", exc)
        return False, type(exc).__name__


def _componentes() -> dict[str, tuple[bool, str]]:
    return {
        "database": _bd_responde(),
        "broker": _broker_responde(),
        "storage": _almacenamiento_escribible(),
    }


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    componentes = _componentes()
    ok = all(bien for bien, _detalle in componentes.values())
    cuerpo: dict = {"status": "ok" if ok else "error"}
    for nombre, (bien, detalle) in componentes.items():
        cuerpo[nombre] = {"ok": bien, "detail": detalle}
    return JsonResponse(cuerpo, status=200 if ok else 503)


# The old address: load balancers and scripts configured before the split.
health = ready
