"""Import offices, services and employees from a CSV or XLSX file exported by Excel."""

import time
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from organizacion.importacion import InformeImportacion
from organizacion.models import Importacion
from organizacion.selectors import importacion_interrumpida
from organizacion.services import importar_plantilla, solicitar_importacion

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
        parser.add_argument(
            "--en-cola",
            action="store_true",
            help=(
                "La importa un worker de Celery (como la administración): la orden "
                "muestra el progreso y el informe al acabar."
            ),
        )

    def handle(self, *args, fichero, tipo, simular, en_cola, **options):
        ruta = Path(fichero)
        if not ruta.is_file():
            raise CommandError(f"No existe el fichero {ruta}")
        with ruta.open("rb") as contenido:
            if en_cola:
                importacion = solicitar_importacion(
                    contenido=File(contenido),
                    nombre=ruta.name,
                    tipo=tipo,
                    simular=simular,
                )
                informe = self._esperar(importacion)
            else:
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

    def _esperar(self, importacion: Importacion) -> InformeImportacion:
        self.stdout.write(f"Importación {importacion.pk} en cola (necesita un worker).")
        ultimo = None
        while True:
            importacion.refresh_from_db()
            if importacion.estado == Importacion.Estado.TERMINADA:
                return InformeImportacion.desde_dict(importacion.informe)
            if importacion_interrumpida(importacion):
                raise CommandError(
                    "La importación se interrumpió (su worker dejó de responder); "
                    "no se ha guardado nada."
                )
            ahora = (importacion.progreso, importacion.etapa)
            if ahora != ultimo:
                self.stdout.write(f"{importacion.progreso:3d} % {importacion.etapa}")
                ultimo = ahora
            time.sleep(1)
