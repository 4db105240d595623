"""Import offices, services and employees from a CSV or XLSX file exported by Excel."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organizacion.services import importar_plantilla

TIPOS = ["auto", "oficinas", "servicios", "empleados"]


class Command(BaseCommand):
    help = (
        "Importa oficinas, servicios o empleados desde un CSV (UTF-8 con BOM o "
        "Windows-1252, separado por ; o ,) o un libro XLSX. Todo o nada: si una "
        "fila tiene errores no se guarda ninguna. Reimportar actualiza."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichero", help="Ruta del fichero .csv o .xlsx")
        parser.add_argument(
            "--tipo",
            choices=TIPOS,
            default="auto",
            help="Qué contiene (por defecto se deduce de las cabeceras o del nombre de la hoja).",
        )
        parser.add_argument(
            "--simular",
            action="store_true",
            help="Comprueba e importa sin guardar nada.",
        )

    def handle(self, *args, fichero, tipo, simular, **options):
        ruta = Path(fichero)
        if not ruta.is_file():
            raise CommandError(f"No existe el fichero {ruta}")
        with ruta.open("rb") as contenido:
            informe = importar_plantilla(
                fichero=contenido,
                nombre=ruta.name,
                tipo=tipo,
                por=None,
                simular=simular,
            )
        for linea in informe.lineas():
            self.stdout.write(linea)
        if not informe.ok:
            raise CommandError(
                f"{len(informe.errores)} errores: no se ha importado nada."
            )
        if simular:
            self.stdout.write(self.style.WARNING("Simulación: no se ha guardado nada."))
        else:
            self.stdout.write(self.style.SUCCESS("Importación completada."))
