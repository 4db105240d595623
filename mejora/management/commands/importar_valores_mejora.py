"""Import manual indicator values from a CSV (indicador,periodo,valor,n,oficina)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mejora import services


class Command(BaseCommand):
    help = "Importa valores de indicadores manuales desde un CSV (todo o nada)."

    def add_arguments(self, parser):
        parser.add_argument("archivo", type=Path)

    def handle(self, *args, archivo: Path, **options):
        try:
            contenido = archivo.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"No se puede leer {archivo}: {exc}") from exc
        try:
            n = services.importar_valores_csv(contenido=contenido)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{n} valores importados."))
