"""Load the demo data of every app, in dependency order. Idempotent."""

import logging
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from comun.colas import en_lote
from demo import auditoria, encuestas, evaluacion, formacion, mejora, organizacion
from organizacion.models import Oficina

# Each step reads what the ones before it wrote (people, courses, responses).
SEMBRADORES = [organizacion, formacion, evaluacion, encuestas, mejora, auditoria]
# Hundreds of lines nobody reads while seeding: Wagtail's page log, its task
# runner, one line per batch of e-mail. The summary below says what happened.
REGISTROS_SILENCIADOS = ("wagtail", "django_tasks", "comun.correo")


@contextmanager
def _silenciar(*nombres: str):
    registros = [logging.getLogger(nombre) for nombre in nombres]
    antes = [registro.level for registro in registros]
    for registro in registros:
        registro.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for registro, nivel in zip(registros, antes, strict=True):
            registro.setLevel(nivel)


def _correos_guardados() -> int:
    carpeta = getattr(settings, "EMAIL_FILE_PATH", None)
    if settings.EMAIL_BACKEND != "comun.correo.CorreoEnArchivo" or not carpeta:
        return 0
    return sum(1 for _ in Path(carpeta).glob("*/*.eml"))


class Command(BaseCommand):
    help = "Carga los datos de demostración (idempotente)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--si-vacia",
            action="store_true",
            help="Solo si la base de datos aún no tiene oficinas (lo usa `make run`).",
        )

    def handle(self, *args, si_vacia=False, **options):
        if si_vacia and Oficina.objects.exists():
            self.stdout.write(
                "La base de datos ya tiene datos: no se cargan los de demostración."
            )
            return
        correos_antes = _correos_guardados()
        with ExitStack() as pila:
            pila.enter_context(_silenciar(*REGISTROS_SILENCIADOS))
            # The demo's PDFs go to the low-priority queue: the first certificate
            # a person asks for is rendered before them.
            pila.enter_context(en_lote())
            for modulo in SEMBRADORES:
                inicio = time.monotonic()
                modulo.sembrar(stdout=self.stdout)
                if options["verbosity"] > 1:
                    self.stdout.write(
                        f"  ({modulo.__name__}: {time.monotonic() - inicio:.1f} s)"
                    )
        correos = _correos_guardados() - correos_antes
        if correos:
            self.stdout.write(
                f"Correo: {correos} mensajes de la demostración guardados en "
                f"{settings.EMAIL_FILE_PATH}/ (no se envían)."
            )
        self.stdout.write(self.style.SUCCESS("Datos de demostración listos."))
