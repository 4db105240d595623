from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MejoraConfig(AppConfig):
    name = "mejora"
    verbose_name = _("Mejora continua")
