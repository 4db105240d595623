"""Compile locale/*/LC_MESSAGES/*.po without gettext (`make traducciones` on a
machine without msgfmt): polib writes the same .mo files. msgfmt stays the first
choice, since it also checks every placeholder; CI has it."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compila los catálogos de locale/ sin gettext (con polib)."

    def handle(self, *args, **options):
        hechos = 0
        for carpeta in settings.LOCALE_PATHS:
            for po in sorted(Path(carpeta).glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))
                hechos += 1
        self.stdout.write(f"{hechos} catálogos compilados con polib (sin msgfmt).")
