from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluacionConfig(AppConfig):
    name = "evaluacion"
    verbose_name = _("Evaluación")

    def ready(self):
        from organizacion.models import Rol
        from organizacion.navegacion import registrar_item, registrar_panel

        from . import paneles

        registrar_item(_("Evaluación"), "evaluacion:inicio", set(Rol.values), orden=30)
        registrar_item(
            _("Campañas de evaluación"),
            "evaluacion:campanas",
            {Rol.SUPERVISOR, Rol.DIRECCION, Rol.CALIDAD},
            orden=31,
        )
        registrar_panel(
            "evaluacion/paneles/mis_evaluaciones.html",
            set(Rol.values),
            paneles.mis_evaluaciones,
            orden=30,
        )
        registrar_panel(
            "evaluacion/paneles/equipo.html", {Rol.SUPERVISOR}, paneles.equipo, orden=31
        )
