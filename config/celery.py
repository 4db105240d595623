"""The Celery app: settings come from Django's, under the CELERY_ namespace."""

import os

from celery import Celery, signals

import config.registro  # noqa: F401  (connects the request id's task signals)
from comun import enlaces

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ventanilla")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def _recolector(**kwargs):
    """Once the worker has loaded Django and the tasks, before its pool forks
    (config/recolector.py)."""
    from config import recolector

    recolector.ajustar()


@signals.setup_logging.connect
def _registro_de_django(**kwargs):
    """The worker and beat log with Django's LOGGING (JSON in production, with the
    request id) instead of Celery's own format."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


# Task outcomes for /metrics. The counters are imported when a task ends, not here:
# prometheus_client must first see PROMETHEUS_MULTIPROC_DIR, which settings set.
def _contar(tarea, resultado: str) -> None:
    from config.metricas import contar_tarea

    contar_tarea(getattr(tarea, "name", None) or str(tarea), resultado)


@signals.task_success.connect
def _exito(sender=None, **kwargs):
    _contar(sender, "exito")


@signals.task_failure.connect
def _fallo(sender=None, **kwargs):
    _contar(sender, "fallo")


@signals.task_retry.connect
def _reintento(sender=None, **kwargs):
    _contar(sender, "reintento")


# A task enqueued while serving a request builds its links with that request's
# address (comun.enlaces); weak=False: the handlers are module functions anyway.
signals.before_task_publish.connect(enlaces.al_publicar_tarea, weak=False)
signals.task_prerun.connect(enlaces.antes_de_la_tarea, weak=False)
signals.task_postrun.connect(enlaces.despues_de_la_tarea, weak=False)
