"""`manage.py consolidar_axe var/axe.jsonl docs/accesibilidad/axe.json`: the e2e
run's recorded axe checks into the statement's summary (`make accesibilidad`)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accesibilidad.declaracion import consolidar


class Command(BaseCommand):
    help = "Resume los resultados de axe de la suite e2e para la declaración de accesibilidad."

    def add_arguments(self, parser):
        parser.add_argument("lineas", type=Path)
        parser.add_argument("destino", type=Path)

    def handle(self, *args, lineas: Path, destino: Path, **options):
        try:
            texto = lineas.read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise CommandError(
                f"No existe {lineas}: ¿se ejecutó la suite e2e?"
            ) from error
        resumen = consolidar(texto.splitlines())
        if not resumen["paginas"]:
            raise CommandError(f"{lineas} no tiene ninguna comprobación de axe.")
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_text(
            json.dumps(resumen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"{destino}: {len(resumen['paginas'])} páginas, "
            f"{resumen['comprobaciones']} comprobaciones."
        )
