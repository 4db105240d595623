"""Load the demo data of every app, in dependency order. Idempotent."""

from django.core.management.base import BaseCommand

from demo import encuestas, evaluacion, formacion, mejora, organizacion
from organizacion.models import Oficina

# Each step reads what the ones before it wrote (people, courses, responses).
SEMBRADORES = [organizacion, formacion, evaluacion, encuestas, mejora]


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
        for modulo in SEMBRADORES:
            modulo.sembrar(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Datos de demostración listos."))
