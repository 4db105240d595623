"""The Celery app: settings come from Django's, under the CELERY_ namespace."""

import os

from celery import Celery, signals

from comun import enlaces

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ventanilla")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A task enqueued while serving a request builds its links with that request's
# address (comun.enlaces); weak=False: the handlers are module functions anyway.
signals.before_task_publish.connect(enlaces.al_publicar_tarea, weak=False)
signals.task_prerun.connect(enlaces.antes_de_la_tarea, weak=False)
signals.task_postrun.connect(enlaces.despues_de_la_tarea, weak=False)
