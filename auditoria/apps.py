from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditoriaConfig(AppConfig):
    name = "auditoria"
    verbose_name = _("Registro de accesos")

    def ready(self):
        from organizacion.models import Rol
        from organizacion.navegacion import registrar_item

        registrar_item(
            _("Registro de accesos"), "auditoria:registro", {Rol.DPD}, orden=95
        )
