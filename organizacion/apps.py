from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizacionConfig(AppConfig):
    name = "organizacion"
    verbose_name = _("Organización")

    def ready(self):
        from . import navegacion, paneles, segundo_factor  # noqa: F401 (its signal)
        from .models import Rol

        todos = set(Rol.values)
        navegacion.registrar_item(_("Inicio"), "inicio", todos, orden=0)
        navegacion.registrar_item(
            _("Organización"),
            "organizacion:oficinas",
            {Rol.DIRECCION, Rol.CALIDAD},
            orden=90,
        )
        navegacion.registrar_item(
            _("Mi equipo"), "organizacion:equipo", {Rol.SUPERVISOR}, orden=10
        )
        navegacion.registrar_item(
            _("Datos personales"), "organizacion:datos_personales", {Rol.DPD}, orden=92
        )
        navegacion.registrar_item(
            _("Registro de tratamientos"),
            "organizacion:registro_tratamientos",
            {Rol.DPD, Rol.DIRECCION},
            orden=93,
        )
        paneles.registrar()

        from .services.conservacion import registrar_politicas

        registrar_politicas()
