from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormacionConfig(AppConfig):
    name = "formacion"
    verbose_name = _("Formación")
