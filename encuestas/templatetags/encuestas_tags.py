from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

_DECIMA = Decimal("0.1")
_CERO = Decimal("0.0")
_BARRA = (
    '<svg class="barra-ic" viewBox="0 0 100 10" preserveAspectRatio="none" '
    'aria-hidden="true" focusable="false"><polygon class="barra-ic__rango" '
    'points="{izq},0 {der},0 {der},10 {izq},10"/><line class="barra-ic__punto" '
    'x1="{punto}" y1="0" x2="{punto}" y2="10"/></svg>'
)


class _Formato:
    """What every metric of one page render shares: the language's decimal
    separator and texts, looked up once per render instead of once per figure."""

    def __init__(self):
        self.separador = formats.get_format("DECIMAL_SEPARATOR")
        self.agrupar = settings.USE_THOUSAND_SEPARATOR
        self.ic = conditional_escape(_("IC 95 %"))
        self.sin_datos = conditional_escape(_("Sin datos"))

    def decimal(self, valor) -> str:
        """`floatformat:1`: half up on the number as written."""
        if valor is None:
            return ""
        d = Decimal(repr(valor)).quantize(_DECIMA, ROUND_HALF_UP)
        if not d:
            d = _CERO  # -0.04 shows as 0,0, never -0,0
        if self.agrupar:
            return formats.number_format(d, 1)
        return f"{d:f}".replace(".", self.separador)

    def entero(self, valor) -> str:
        return formats.localize(valor) if self.agrupar else str(valor)


def _formato(context) -> _Formato:
    formato = context.render_context.get(_Formato)
    if formato is None:
        formato = context.render_context[_Formato] = _Formato()
    return formato


@register.simple_tag(takes_context=True)
def metrica(context, m, unidad="%", escala_max=100, escala_min=0):
    """A metric with its n and 95% interval drawn as a bar; suppressed cells say why.

    Built here rather than in an included template: the organisation page shows
    three per office, and 900 template renders were a third of its time."""
    fmt = _formato(context)
    n = fmt.entero(m.get("n"))
    if m.get("valor") is None:
        if m.get("complementaria"):
            texto = conditional_escape(
                _(
                    "n = %(n)s: oculto para que no se deduzca, por diferencia con el "
                    "total, otra celda con menos respuestas que el mínimo (supresión "
                    "complementaria)"
                )
                % {"n": n}
            )
        elif m.get("suprimido"):
            texto = conditional_escape(
                _("n = %(n)s: menos respuestas que el mínimo para mostrar el dato")
                % {"n": n}
            )
        else:
            texto = fmt.sin_datos
        return mark_safe(f'<span class="sin-datos">{texto}</span>')
    ancho = (escala_max - escala_min) or 1
    pos = lambda v: max(0.0, min(100.0, 100 * (v - escala_min) / ancho))  # noqa: E731
    barra = ""
    if m.get("ic_inf") is not None and m.get("ic_sup") is not None:
        # Coordinates, not figures: never localised (a comma would break the SVG).
        barra = _BARRA.format(
            izq=pos(m["ic_inf"]), der=pos(m["ic_sup"]), punto=pos(m["valor"])
        )
    unidad = f" {conditional_escape(unidad)}" if unidad else ""
    return mark_safe(
        f"<strong>{fmt.decimal(m['valor'])}{unidad}</strong>\n"
        f'<span class="ic">({fmt.ic}: {fmt.decimal(m.get("ic_inf"))}–'
        f"{fmt.decimal(m.get('ic_sup'))}; n = {n})</span>\n{barra}"
    )


@register.filter
def get(diccionario, clave):
    return diccionario.get(clave) if diccionario else None
