"""Apply the retention policies now (beat runs them nightly), or only report."""

from django.core.management.base import BaseCommand

from organizacion.services import aplicar_conservacion


class Command(BaseCommand):
    help = (
        "Aplica los plazos de conservación de datos personales (contactos de "
        "alertas, antiguos empleados, inicios de sesión, correo y SMS guardados) "
        "e informa de cada política: qué, cuántos y la fecha de corte. Con "
        "--dry-run solo cuenta, sin cambiar nada."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Solo informa de lo que se borraría o anonimizaría.",
        )

    def handle(self, *args, dry_run, **options):
        resultados = aplicar_conservacion(simulacion=dry_run)
        self.stdout.write(
            "Conservación de datos: simulación, no se ha cambiado nada."
            if dry_run
            else "Conservación de datos aplicada."
        )
        verbo = "se tratarían" if dry_run else "tratados"
        for r in resultados:
            self.stdout.write(
                f"- {r.descripcion} [{r.codigo}]: {r.afectados} {verbo} "
                f"(anteriores al {r.corte:%d/%m/%Y})"
            )
