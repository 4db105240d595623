from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncuestasConfig(AppConfig):
    name = "encuestas"
    verbose_name = _("Encuestas")

    def ready(self):
        from organizacion.navegacion import registrar_item

        registrar_item(
            _("Resultados de encuestas"),
            "encuestas:resultados",
            ["supervisor", "direccion", "calidad"],
            40,
        )
        registrar_item(
            _("Alertas"),
            "encuestas:alertas",
            ["supervisor", "direccion", "calidad"],
            41,
        )
        registrar_item(_("Mi valoración"), "encuestas:mi_valoracion", ["empleado"], 42)
        registrar_item(_("Invitar a valorar"), "encuestas:invitar", ["empleado"], 43)

        from . import checks, conservacion, paneles  # noqa: F401 (checks register on import)

        paneles.registrar()
        conservacion.registrar_politicas()
