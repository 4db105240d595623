from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def panel(context, panel):
    """Render one home panel with its own context on top of the page's."""
    plantilla = get_template(panel["plantilla"])
    with context.push(**panel["contexto"]):
        return plantilla.template.render(context)
