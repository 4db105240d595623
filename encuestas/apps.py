from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EncuestasConfig(AppConfig):
    name = "encuestas"
    verbose_name = _("Encuestas")
