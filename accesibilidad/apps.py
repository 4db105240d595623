from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccesibilidadConfig(AppConfig):
    name = "accesibilidad"
    verbose_name = _("Accesibilidad")

    def ready(self):
        from organizacion.models import Rol
        from organizacion.navegacion import registrar_item

        from . import checks, conservacion  # noqa: F401 (checks register on import)

        registrar_item(
            _("Comunicaciones de accesibilidad"),
            "accesibilidad:comunicaciones",
            {Rol.CALIDAD},
            orden=90,
        )
        conservacion.registrar_politicas()
