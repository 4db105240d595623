from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MejoraConfig(AppConfig):
    name = "mejora"
    verbose_name = _("Mejora continua")

    def ready(self):
        from encuestas.signals import fechas_consolidadas
        from organizacion import navegacion
        from organizacion.models import Rol

        from . import checks  # noqa: F401 (checks register on import)
        from .paneles import panel_informes

        roles = {Rol.DIRECCION, Rol.CALIDAD}
        navegacion.registrar_item(
            _("Mejora continua"), "mejora:tablero", roles, orden=60
        )
        navegacion.registrar_item(
            _("Informes de mejora"), "mejora:informes", roles, orden=61
        )
        # The rollup is a cache of the sources: consolidated responses mark
        # their periods stale for the nightly recalculation.
        fechas_consolidadas.connect(_marcar_fechas, dispatch_uid="mejora-fechas")
        navegacion.registrar_panel(
            "mejora/panel_informes.html", roles, panel_informes, orden=60
        )


def _marcar_fechas(sender, fechas, **kwargs):
    from .services import marcar_fechas

    marcar_fechas(fechas)
