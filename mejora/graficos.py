"""Server-side SVG charts: the same markup in the page and in the WeasyPrint PDF.

Plain SVG built from already-aggregated figures, with a <title> and an
aria-label so screen readers get what the chart shows.
"""

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.translation import gettext as _

AZUL, VERDE, ROJO, GRIS, TINTA = "#0b4f8a", "#1b5e20", "#b71c1c", "#6b6b6b", "#222"


def _fmt(v: float) -> str:
    """Labels in the active language's format (67,8 in Spanish, 67.8 in English),
    rounded like the cards' floatformat: number_format alone truncates (76,47 →
    76,4 next to a card that says 76,5)."""
    return str(floatformat(v, 1))


def _el(etiqueta: str, texto: str = "", **atributos) -> str:
    """One SVG element; attribute names use _ for - (stroke_width → stroke-width)."""
    attrs = " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{v}"' for k, v in atributos.items()
    )
    if texto:
        return f"<{etiqueta} {attrs}>{escape(texto)}</{etiqueta}>"
    return f"<{etiqueta} {attrs}/>"


def _abrir(ancho: int, alto: int, titulo: str) -> str:
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
) -> str:
    """A line over up to 8 periods, the target dashed, signals as larger red dots.

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
        _abrir(ancho, alto, titulo),
        _el("line", x1=izq, y1=alto - inf, x2=ancho - 6, y2=alto - inf, stroke=GRIS),
    ]
    for v in (maximo - rango * 0.1, minimo + rango * 0.1):
        partes.append(_el("text", _fmt(v), x=2, y=y(v) + 4, font_size=11, fill=TINTA))
    if objetivo is not None:
        partes.append(
            _el(
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
                _el(
                    "polyline",
                    fill="none",
                    stroke=AZUL,
                    stroke_width=2,
                    points=" ".join(t),
                )
            )
    for i, (periodo, v) in enumerate(puntos):
        partes.append(
            _el(
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
                _el(
                    "circle",
                    cx=x(i),
                    cy=y(v),
                    r=4 if senal else 2.5,
                    fill=ROJO if senal else AZUL,
                )
            )
    partes.append("</svg>")
    return "".join(partes)


def barras(
    filas: list[tuple[str, float | None]], *, maximo: float = 100, ancho=340, titulo=""
) -> str:
    """Horizontal bars (e.g. criterion percentages).

    340 units wide, like `tendencia`: a 390 px phone draws it at its intrinsic
    width, so the 11-unit text stays at least 10 px."""
    alto_fila, etiqueta = 18, 60
    alto = alto_fila * len(filas) + 8
    util = ancho - etiqueta - 50
    partes = [_abrir(ancho, alto, titulo)]
    for i, (nombre, valor) in enumerate(filas):
        y = 4 + i * alto_fila
        partes.append(_el("text", nombre, x=0, y=y + 12, font_size=11, fill=TINTA))
        if valor is None:
            partes.append(
                _el(
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
            _el(
                "rect",
                x=etiqueta,
                y=y + 2,
                width=largo,
                height=alto_fila - 6,
                fill=AZUL,
            )
        )
        partes.append(
            _el(
                "text",
                _fmt(valor),
                x=round(etiqueta + largo + 4, 1),
                y=y + 12,
                font_size=11,
                fill=TINTA,
            )
        )
    partes.append("</svg>")
    return "".join(partes)
