from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("encuestas/_metrica.html")
def metrica(m, unidad="%", escala_max=100, escala_min=0):
    """A metric with its n and 95% interval drawn as a bar; suppressed cells say why."""
    ancho = (escala_max - escala_min) or 1
    pos = lambda v: max(0.0, min(100.0, 100 * (v - escala_min) / ancho))  # noqa: E731
    return {
        "m": m, "unidad": unidad,
        "izq": pos(m["ic_inf"]) if m.get("ic_inf") is not None else None,
        "der": pos(m["ic_sup"]) if m.get("ic_sup") is not None else None,
        "punto": pos(m["valor"]) if m.get("valor") is not None else None,
        "texto_ic": _("IC 95 %"),
    }


@register.filter
def get(diccionario, clave):
    return diccionario.get(clave) if diccionario else None
