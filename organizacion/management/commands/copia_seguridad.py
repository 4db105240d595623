"""Back up or restore the whole installation: database and media (PDFs included)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from comun.copias import CopiaNoValida, comprobar_copia, crear_copia, restaurar_copia


class Command(BaseCommand):
    help = (
        "Copia de seguridad de la base de datos (pg_dump o la copia en línea de "
        "SQLite), de MEDIA_ROOT y de PRIVATE_MEDIA_ROOT, con la suma SHA-256 de "
        "cada fichero. «crear» "
        "escribe en una carpeta vacía; «comprobar» verifica las sumas; «restaurar» "
        "las verifica y restaura en una base de datos nueva y vacía."
    )

    def add_arguments(self, parser):
        parser.add_argument("accion", choices=["crear", "comprobar", "restaurar"])
        parser.add_argument("carpeta", help="Carpeta de la copia")

    def handle(self, *args, accion, carpeta, **options):
        ruta = Path(carpeta)
        try:
            if accion == "crear":
                resumen = crear_copia(destino=ruta)
            elif accion == "comprobar":
                manifiesto = comprobar_copia(origen=ruta)
                self.stdout.write(
                    f"Copia íntegra: {len(manifiesto['ficheros'])} ficheros "
                    f"({manifiesto['motor']}, {manifiesto['creada']})."
                )
                return
            else:
                resumen = restaurar_copia(origen=ruta)
        except CopiaNoValida as exc:
            raise CommandError(str(exc)) from exc
        verbo = "Copia creada en" if accion == "crear" else "Restaurada desde"
        self.stdout.write(
            f"{verbo} {ruta}: {resumen.ficheros} ficheros, {resumen.bytes} bytes "
            f"({resumen.motor})."
        )
