from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormacionConfig(AppConfig):
    name = "formacion"
    verbose_name = _("Formación")

    def ready(self):
        from organizacion import navegacion
        from organizacion.models import Rol

        from . import paneles, signals  # noqa: F401

        todos = set(Rol.values)
        navegacion.registrar_item(
            _("Mi formación"), "formacion:mi_formacion", todos, orden=20
        )
        navegacion.registrar_item(_("Cursos"), "formacion:catalogo", todos, orden=21)
        navegacion.registrar_item(
            _("Formación del equipo"),
            "formacion:equipo",
            {Rol.SUPERVISOR, Rol.DIRECCION, Rol.CALIDAD},
            orden=22,
        )
        navegacion.registrar_item(
            _("Estadísticas de formación"),
            "formacion:estadisticas",
            {Rol.CALIDAD, Rol.DIRECCION},
            orden=23,
        )
        paneles.registrar()
