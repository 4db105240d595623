"""The /health/ probe: the database and the broker answer, or the load balancer
takes this node out. It lives in config/ because it checks the project's wiring,
not any app's domain."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app

logger = logging.getLogger(__name__)


def _broker_responde() -> tuple[bool, str]:
    try:
        with app.connection_for_write() as conexion:
            conexion.ensure_connection(max_retries=1, timeout=2)
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


@never_cache
@require_GET
def health(request):
    bd_ok, bd_detalle = _bd_responde()
    broker_ok, broker_detalle = _broker_responde()
    ok = bd_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            "database": {"ok": bd_ok, "detail": bd_detalle},
            "broker": {"ok": broker_ok, "detail": broker_detalle},
        },
        status=200 if ok else 503,
    )
