"""Server-side SVG chart of an evaluation: the same markup goes into the page
and into the WeasyPrint PDF, so both show exactly the same picture."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

ANCHO, ETIQUETA, FILA, MARGEN_SUP = 640, 230, 34, 34
AZUL, GRIS, AMBAR = "#0b4f8a", "#1b1b1b", "#8a5a00"


def svg_resultado(
    filas: list[dict], minimo: int, maximo: int, mostrar_niveles: bool = True
) -> str:
    """Horizontal bars (supervisor's level), a black tick (required level) and an
    amber diamond (self-assessment) per competency."""
    alto = MARGEN_SUP + FILA * len(filas) + 30
    area = ANCHO - ETIQUETA - 20
    paso = area / max(maximo, 1)
    x0 = ETIQUETA
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafico-evaluacion" role="img" '
        f'aria-labelledby="grafico-titulo" width="{ANCHO}" height="{alto}" '
        f'viewBox="0 0 {ANCHO} {alto}" font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<title id="grafico-titulo">{escape(_("Nivel por competencia frente al requerido y a la autoevaluación"))}</title>',
    ]
    partes.append(
        f'<line x1="{x0}" y1="{MARGEN_SUP - 6}" x2="{x0}" y2="{alto - 26}" stroke="{GRIS}" stroke-width="1"/>'
    )
    for valor in range(minimo, maximo + 1):
        x = x0 + valor * paso
        partes.append(
            f'<line x1="{x:.1f}" y1="{MARGEN_SUP - 6}" x2="{x:.1f}" y2="{alto - 26}" stroke="#c4c9d0" stroke-width="1"/>'
        )
        partes.append(
            f'<text x="{x:.1f}" y="{alto - 10}" text-anchor="middle" fill="{GRIS}">{valor}</text>'
        )
    leyenda = [
        (AZUL, _("Supervisión")),
        (GRIS, _("Requerido")),
        (AMBAR, _("Autoevaluación")),
    ]
    for i, (color, texto) in enumerate(leyenda):
        lx = x0 + i * 130
        partes.append(f'<rect x="{lx}" y="8" width="12" height="12" fill="{color}"/>')
        partes.append(
            f'<text x="{lx + 18}" y="18" fill="{GRIS}">{escape(texto)}</text>'
        )
    for i, fila in enumerate(filas):
        y = MARGEN_SUP + i * FILA
        nombre = f"{fila['competencia'].codigo} {fila['nombre']}"
        if len(nombre) > 30:
            nombre = nombre[:29] + "…"
        partes.append(f'<text x="4" y="{y + 18}" fill="{GRIS}">{escape(nombre)}</text>')
        if mostrar_niveles and fila.get("nivel"):
            ancho = fila["nivel"] * paso
            partes.append(
                f'<rect x="{x0}" y="{y + 6}" width="{ancho:.1f}" height="16" fill="{AZUL}">'
                f"<title>{escape(_('Nivel'))}: {fila['nivel']}</title></rect>"
            )
        if fila.get("requerido"):
            xr = x0 + fila["requerido"] * paso
            partes.append(
                f'<rect x="{xr - 2:.1f}" y="{y + 1}" width="4" height="26" fill="{GRIS}"/>'
            )
        if fila.get("autoevaluacion"):
            xa = x0 + fila["autoevaluacion"] * paso
            yc = y + 14
            partes.append(
                f'<polygon points="{xa:.1f},{yc - 7} {xa + 7:.1f},{yc} {xa:.1f},{yc + 7} {xa - 7:.1f},{yc}" '
                f'fill="{AMBAR}" stroke="#fff" stroke-width="1"/>'
            )
    partes.append("</svg>")
    return mark_safe("".join(partes))
