"""Wagtail admin under the strict Content-Security-Policy (config.cabeceras).

Wagtail starts some widgets with an inline <script>, which script-src 'self'
refuses. The templates in templates/wagtailadmin/ and the choosers' render below
leave each call as data (data-wagtail-inicio, data-id, data-opciones), and
static/js/wagtail_inicios.js makes it.
"""

import json

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.widgets.chooser import BaseChooser


@hooks.register("insert_global_admin_js")
def inicios_sin_scripts_en_linea():
    return format_html('<script src="{}"></script>', static("js/wagtail_inicios.js"))


def choosers_sin_scripts_en_linea():
    """BaseChooser.render (page, document, image and snippet choosers) writes
    `<script>new Constructor(id, opciones);</script>`: the same call, as data.
    A chooser with its own render_js_init (the workflow task chooser) keeps
    Wagtail's inline script."""
    if getattr(BaseChooser.render, "sin_script_en_linea", False):
        return
    original = BaseChooser.render
    render_js_init = BaseChooser.render_js_init

    def render(self, name, value, attrs=None, renderer=None):
        if type(self).render_js_init is not render_js_init:
            return original(self, name, value, attrs, renderer)
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as e:
            raise TypeError(
                "BaseChooser cannot be rendered without an 'id' attribute"
            ) from e
        value_data = self.get_value_data(value)
        html = self.render_html(name, value_data, attrs)
        opciones = self.get_js_init_options(id_, name, value_data)
        return mark_safe(  # noqa: S308 - the widget's own HTML, plus escaped data
            html
            + format_html(
                '<span hidden data-wagtail-inicio="{}" data-id="{}" '
                'data-opciones="{}"></span>',
                self.js_constructor,
                id_,
                json.dumps(opciones),
            )
        )

    render.sin_script_en_linea = True
    BaseChooser.render = render
