"""At start-up: the statement's two source files can be read (a broken one would
otherwise surface as a 500 on the public page)."""

from django.core import checks

from .app_settings import ajustes
from .declaracion import FicheroNoValido, leer_axe, leer_excepciones


@checks.register()
def ficheros_de_la_declaracion(app_configs=None, **kwargs):
    errores = []
    for leer, ruta in (
        (leer_axe, ajustes.FICHERO_AXE),
        (leer_excepciones, ajustes.FICHERO_EXCEPCIONES),
    ):
        try:
            leer(ruta)
        except FicheroNoValido as error:
            errores.append(
                checks.Error(str(error), id="accesibilidad.E001", obj=str(ruta))
            )
    return errores
