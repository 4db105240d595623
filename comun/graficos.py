"""Server-side SVG charts: the same markup in the page and in the WeasyPrint PDF.

Plain SVG built from already-aggregated figures, with a <title> (and an
aria-label) so screen readers get what the chart shows. Text is escaped here;
attribute values are numbers and constants, so the result is safe markup.
"""

from collections.abc import Sequence

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

AZUL, VERDE, ROJO, GRIS, TINTA = "#0b4f8a", "#1b5e20", "#b71c1c", "#6b6b6b", "#222"
NEGRO, AMBAR, REJILLA = "#1b1b1b", "#8a5a00", "#c4c9d0"


def numero(v: float) -> str:
    """Labels in the active language's format (67,8 in Spanish, 67.8 in English),
    rounded like the cards' floatformat: number_format alone truncates (76,47 →
    76,4 next to a card that says 76,5)."""
    return str(floatformat(v, 1))


def elemento(etiqueta: str, texto: str = "", **atributos) -> str:
    """One SVG element; attribute names use _ for - (stroke_width → stroke-width)."""
    attrs = " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{v}"' for k, v in atributos.items()
    )
    if texto:
        return f"<{etiqueta} {attrs}>{escape(texto)}</{etiqueta}>"
    return f"<{etiqueta} {attrs}/>"


def abrir(ancho: int, alto: int, titulo: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho} {alto}" '
        f'width="{ancho}" height="{alto}" role="img" aria-label="{escape(titulo)}" '
        f'class="grafico"><title>{escape(titulo)}</title>'
    )


def tendencia(
    puntos: list[tuple[str, float | None]],
    *,
    objetivo=None,
    senales=(),
    ancho=320,
    alto=110,
    titulo: str = "",
) -> SafeString | str:
    """A line over periods ("2026-T1" is labelled "26-T1"), the target dashed,
    signals as larger red dots; "" when there is no value at all.

    Text is 11 units: the card on a 390 px phone draws the chart at almost its
    intrinsic width, so labels stay legible (≥ 10 px) there too."""
    valores = [v for _p, v in puntos if v is not None]
    if not valores:
        return ""
    izq, inf, sup = 34, 22, 10
    extremos = valores + ([objetivo] if objetivo is not None else [])
    minimo, maximo = min(extremos), max(extremos)
    if maximo == minimo:
        minimo, maximo = minimo - 1, maximo + 1
    rango = maximo - minimo
    minimo, maximo = minimo - rango * 0.1, maximo + rango * 0.1
    paso = (ancho - izq - 10) / max(len(puntos) - 1, 1)

    def x(i):
        return round(izq + i * paso, 1)

    def y(v):
        return round(
            sup + (alto - sup - inf) * (1 - (v - minimo) / (maximo - minimo)), 1
        )

    partes = [
        abrir(ancho, alto, titulo),
        elemento(
            "line", x1=izq, y1=alto - inf, x2=ancho - 6, y2=alto - inf, stroke=GRIS
        ),
    ]
    for v in (maximo - rango * 0.1, minimo + rango * 0.1):
        partes.append(
            elemento("text", numero(v), x=2, y=y(v) + 4, font_size=11, fill=TINTA)
        )
    if objetivo is not None:
        partes.append(
            elemento(
                "line",
                x1=izq,
                y1=y(objetivo),
                x2=ancho - 6,
                y2=y(objetivo),
                stroke=VERDE,
                stroke_dasharray="4 3",
            )
        )
    tramos, tramo = [], []
    for i, (_p, v) in enumerate(puntos):
        if v is None:
            tramos.append(tramo)
            tramo = []
        else:
            tramo.append(f"{x(i)},{y(v)}")
    tramos.append(tramo)
    for t in tramos:
        if len(t) > 1:
            partes.append(
                elemento(
                    "polyline",
                    fill="none",
                    stroke=AZUL,
                    stroke_width=2,
                    points=" ".join(t),
                )
            )
    for i, (periodo, v) in enumerate(puntos):
        partes.append(
            elemento(
                "text",
                periodo[2:],
                x=x(i),
                y=alto - 6,
                font_size=11,
                text_anchor="middle",
                fill=TINTA,
            )
        )
        if v is not None:
            senal = i in senales
            partes.append(
                elemento(
                    "circle",
                    cx=x(i),
                    cy=y(v),
                    r=4 if senal else 2.5,
                    fill=ROJO if senal else AZUL,
                )
            )
    partes.append("</svg>")
    return mark_safe("".join(partes))


def barras(
    filas: list[tuple[str, float | None]], *, maximo: float = 100, ancho=420, titulo=""
) -> SafeString:
    """Horizontal bars with their value (e.g. criterion percentages); a row
    without value says so instead of drawing nothing."""
    alto_fila, etiqueta = 18, 60
    alto = alto_fila * len(filas) + 8
    util = ancho - etiqueta - 50
    partes = [abrir(ancho, alto, titulo)]
    for i, (nombre, valor) in enumerate(filas):
        y = 4 + i * alto_fila
        partes.append(elemento("text", nombre, x=0, y=y + 12, font_size=11, fill=TINTA))
        if valor is None:
            partes.append(
                elemento(
                    "text",
                    _("sin datos"),
                    x=etiqueta,
                    y=y + 12,
                    font_size=11,
                    fill=GRIS,
                )
            )
            continue
        largo = round(max(util * valor / maximo, 1), 1)
        partes.append(
            elemento(
                "rect",
                x=etiqueta,
                y=y + 2,
                width=largo,
                height=alto_fila - 6,
                fill=AZUL,
            )
        )
        partes.append(
            elemento(
                "text",
                numero(valor),
                x=round(etiqueta + largo + 4, 1),
                y=y + 12,
                font_size=11,
                fill=TINTA,
            )
        )
    partes.append("</svg>")
    return mark_safe("".join(partes))


def niveles(
    filas: Sequence[dict],
    minimo: int,
    maximo: int,
    *,
    titulo: str,
    leyenda: tuple[str, str, str],
    nombre_valor: str,
    ancho: int = 640,
) -> SafeString:
    """Levels on a scale, one row per item: a blue bar (valor), a black tick
    (referencia) and an amber diamond (marca), each drawn when present (a
    level 0 or None is not drawn). Rows: {"etiqueta", "valor", "referencia",
    "marca"}; labels past 30 characters are cut with an ellipsis. `leyenda`
    names the three marks; `nombre_valor` heads the bar's tooltip."""
    etiqueta_ancho, fila_alto, margen_sup = 230, 34, 34
    alto = margen_sup + fila_alto * len(filas) + 30
    paso = (ancho - etiqueta_ancho - 20) / max(maximo, 1)
    x0 = etiqueta_ancho
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafico-evaluacion" role="img" '
        f'aria-labelledby="grafico-titulo" width="{ancho}" height="{alto}" '
        f'viewBox="0 0 {ancho} {alto}" font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<title id="grafico-titulo">{escape(titulo)}</title>',
        f'<line x1="{x0}" y1="{margen_sup - 6}" x2="{x0}" y2="{alto - 26}" stroke="{NEGRO}" stroke-width="1"/>',
    ]
    for valor in range(minimo, maximo + 1):
        x = x0 + valor * paso
        partes.append(
            f'<line x1="{x:.1f}" y1="{margen_sup - 6}" x2="{x:.1f}" y2="{alto - 26}" stroke="{REJILLA}" stroke-width="1"/>'
        )
        partes.append(
            f'<text x="{x:.1f}" y="{alto - 10}" text-anchor="middle" fill="{NEGRO}">{valor}</text>'
        )
    for i, (color, texto) in enumerate(zip((AZUL, NEGRO, AMBAR), leyenda, strict=True)):
        lx = x0 + i * 130
        partes.append(f'<rect x="{lx}" y="8" width="12" height="12" fill="{color}"/>')
        partes.append(
            f'<text x="{lx + 18}" y="18" fill="{NEGRO}">{escape(texto)}</text>'
        )
    for i, fila in enumerate(filas):
        y = margen_sup + i * fila_alto
        nombre = fila["etiqueta"]
        if len(nombre) > 30:
            nombre = nombre[:29] + "…"
        partes.append(
            f'<text x="4" y="{y + 18}" fill="{NEGRO}">{escape(nombre)}</text>'
        )
        if fila.get("valor"):
            partes.append(
                f'<rect x="{x0}" y="{y + 6}" width="{fila["valor"] * paso:.1f}" height="16" fill="{AZUL}">'
                f"<title>{escape(nombre_valor)}: {fila['valor']}</title></rect>"
            )
        if fila.get("referencia"):
            xr = x0 + fila["referencia"] * paso
            partes.append(
                f'<rect x="{xr - 2:.1f}" y="{y + 1}" width="4" height="26" fill="{NEGRO}"/>'
            )
        if fila.get("marca"):
            xa = x0 + fila["marca"] * paso
            yc = y + 14
            partes.append(
                f'<polygon points="{xa:.1f},{yc - 7} {xa + 7:.1f},{yc} {xa:.1f},{yc + 7} {xa - 7:.1f},{yc}" '
                f'fill="{AMBAR}" stroke="#fff" stroke-width="1"/>'
            )
    partes.append("</svg>")
    return mark_safe("".join(partes))
