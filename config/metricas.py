"""/metrics for Prometheus.

Requests and latency per view come from django-prometheus' middleware; task
outcomes and survey submissions are this project's counters. All of them live in
prometheus_client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR, set in settings):
gunicorn workers and Celery pool processes each write their own memory-mapped
file and the scrape adds them up, with no write to the database per request or
task (the embedded SQLite is what must stay free) and no counter lost with the
cache (the embedded one is per process). The queue depth is read from the broker
while serving the scrape, so it is never stale.

Not public: only a request from this machine that did not come through a proxy,
or, when METRICS_TOKEN is set, a request with `Authorization: Bearer <token>`.
"""

import hmac
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from comun.colas import COLA_PDF_LOTE
from config.celery import app

logger = logging.getLogger(__name__)

TIEMPO_BROKER = 2
LOOPBACK = {"127.0.0.1", "::1"}
# A proxy in front (nginx) adds one of these: its requests come from loopback too.
CABECERAS_DE_PROXY = ("X-Forwarded-For", "X-Real-IP", "Forwarded")

TAREAS = Counter(
    "ventanilla_celery_tareas",
    "Tareas de Celery terminadas, por tarea y resultado (exito, fallo, reintento).",
    ["tarea", "resultado"],
)


def contar_tarea(tarea: str, resultado: str) -> None:
    TAREAS.labels(tarea=tarea, resultado=resultado).inc()


def colas() -> list[str]:
    """Every queue the project routes to: the default, the routes' and the declared."""
    nombres = {settings.CELERY_TASK_DEFAULT_QUEUE, COLA_PDF_LOTE}
    rutas = getattr(settings, "CELERY_TASK_ROUTES", None) or ()
    # A dict of patterns, or a list of routers: dicts and dotted router names.
    for tabla in [rutas] if isinstance(rutas, dict) else rutas:
        for ruta in tabla.values() if isinstance(tabla, dict) else ():
            if isinstance(ruta, dict) and ruta.get("queue"):
                nombres.add(ruta["queue"])
    for cola in getattr(settings, "CELERY_TASK_QUEUES", None) or ():
        nombres.add(getattr(cola, "name", cola))
    return sorted(nombres)


class ColasCelery:
    """Messages waiting in each queue, asked of the broker at scrape time."""

    def collect(self):
        profundidad = GaugeMetricFamily(
            "ventanilla_celery_cola_mensajes",
            "Mensajes esperando en cada cola de Celery.",
            labels=["cola"],
        )
        disponible = GaugeMetricFamily(
            "ventanilla_celery_broker_disponible",
            "1 si el broker respondió al leer las colas, 0 si no.",
        )
        try:
            with app.connection_for_read() as conexion:
                conexion.ensure_connection(
                    max_retries=1, timeout=TIEMPO_BROKER, interval_start=0
                )
                for cola in colas():
                    profundidad.add_metric([cola], _mensajes(conexion, cola))
            disponible.add_metric([], 1)
        except Exception as exc:  # a scrape must answer even with the broker down
            logger.warning("No se pudo leer la profundidad de las colas: %s", exc)
            disponible.add_metric([], 0)
            yield disponible
            return
        yield profundidad
        yield disponible


def mensajes_en_cola(cola: str) -> int:
    """Messages waiting in `cola` now (0 if it was never declared)."""
    with app.connection_for_read() as conexion:
        return _mensajes(conexion, cola)


def _mensajes(conexion, cola: str) -> int:
    # A channel per queue: on AMQP a passive declare of a missing queue closes it;
    # on Redis a queue with no message left does not exist either.
    with conexion.channel() as canal:
        try:
            return canal.queue_declare(queue=cola, passive=True).message_count
        except conexion.channel_errors:
            # Never declared (no task ever sent to it): nothing waiting.
            return 0


def _autorizada(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        return hmac.compare_digest(
            request.headers.get("Authorization", "").encode(),
            f"Bearer {token}".encode(),
        )
    return request.META.get("REMOTE_ADDR") in LOOPBACK and not any(
        cabecera in request.headers for cabecera in CABECERAS_DE_PROXY
    )


@never_cache
@require_safe
def metricas(request):
    if not _autorizada(request):
        return HttpResponseForbidden()
    registro = CollectorRegistry()
    multiprocess.MultiProcessCollector(registro)
    registro.register(ColasCelery())
    return HttpResponse(generate_latest(registro), content_type=CONTENT_TYPE_LATEST)
