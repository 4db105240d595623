"""Load the demo data of every app, in INSTALLED_APPS order. Idempotent."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

from organizacion.models import Oficina


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
        # Each app may ship a `demo` module with `sembrar(stdout=...)`; organizacion first.
        for app_config in apps.get_app_configs():
            nombre = f"{app_config.name}.demo"
            if app_config.path.startswith(str(self._raiz())) and find_spec(nombre):
                import_module(nombre).sembrar(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Datos de demostración listos."))

    @staticmethod
    def _raiz():
        from django.conf import settings

        return settings.BASE_DIR
