"""Wagtail admin glue for the security headers (config.cabeceras)."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def inicios_sin_scripts_en_linea():
    # Makes the calls that templates/wagtailadmin/ turned from inline scripts into data.
    return format_html('<script src="{}"></script>', static("js/wagtail_inicios.js"))
