"""Rebuild the indicator rollup now (the nightly beat job does the same)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mejora import services
from mejora.periodos import Periodo


class Command(BaseCommand):
    help = (
        "Recalcula ValorIndicador para los periodos indicados "
        "(por defecto, 8 trimestres y 13 meses)."
    )

    def add_arguments(self, parser):
        parser.add_argument("periodos", nargs="*", help="2026-Q3, 2026-09…")
        parser.add_argument("--indicador", action="append", dest="codigos")

    def handle(self, *args, periodos, codigos, **options):
        try:
            for p in periodos:
                Periodo.de(p)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        periodos = periodos or services.periodos_por_defecto(
            timezone.localdate(), completo=True
        )
        n = services.recalcular_indicadores(periodos=periodos, codigos=codigos)
        self.stdout.write(self.style.SUCCESS(f"{n} valores recalculados."))
