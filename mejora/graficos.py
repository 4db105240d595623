"""Server-side SVG charts: the same markup in the page and in the WeasyPrint PDF.

Plain SVG strings built from already-aggregated figures, with a <title> and a
text alternative so screen readers get the numbers too.
"""

from django.utils.html import escape


def _fmt(v: float) -> str:
    return f"{v:.1f}".replace(".", ",")


def tendencia(
    puntos: list[tuple[str, float | None]],
    *,
    objetivo=None,
    senales=(),
    ancho=320,
    alto=110,
    titulo: str = "",
) -> str:
    """A line over up to 8 periods, the target as a dashed line, signals as red dots."""
    valores = [v for _p, v in puntos if v is not None]
    if len(valores) < 1:
        return ""
    margen_izq, margen_inf, margen_sup = 34, 22, 10
    extremos = valores + ([objetivo] if objetivo is not None else [])
    minimo, maximo = min(extremos), max(extremos)
    if maximo == minimo:
        minimo, maximo = minimo - 1, maximo + 1
    rango = maximo - minimo
    minimo, maximo = minimo - rango * 0.1, maximo + rango * 0.1
    paso = (ancho - margen_izq - 10) / max(len(puntos) - 1, 1)

    def x(i):
        return margen_izq + i * paso

    def y(v):
        return margen_sup + (alto - margen_sup - margen_inf) * (
            1 - (v - minimo) / (maximo - minimo)
        )

    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho} {alto}" width="{ancho}" height="{alto}" '
        f'role="img" aria-label="{escape(titulo)}" class="grafico">',
        f"<title>{escape(titulo)}</title>",
        f'<line x1="{margen_izq}" y1="{alto - margen_inf}" x2="{ancho - 6}" y2="{alto - margen_inf}" stroke="#6b6b6b" stroke-width="1"/>',
        f'<text x="2" y="{y(maximo - rango * 0.1) + 4:.1f}" font-size="9" fill="#333">{_fmt(maximo - rango * 0.1)}</text>',
        f'<text x="2" y="{y(minimo + rango * 0.1) + 4:.1f}" font-size="9" fill="#333">{_fmt(minimo + rango * 0.1)}</text>',
    ]
    if objetivo is not None:
        partes.append(
            f'<line x1="{margen_izq}" y1="{y(objetivo):.1f}" x2="{ancho - 6}" y2="{y(objetivo):.1f}" '
            f'stroke="#1b5e20" stroke-dasharray="4 3" stroke-width="1"/>'
        )
    tramo = []
    for i, (_p, v) in enumerate(puntos):
        if v is None:
            if len(tramo) > 1:
                partes.append(
                    f'<polyline fill="none" stroke="#0b4f8a" stroke-width="2" points="{" ".join(tramo)}"/>'
                )
            tramo = []
            continue
        tramo.append(f"{x(i):.1f},{y(v):.1f}")
    if len(tramo) > 1:
        partes.append(
            f'<polyline fill="none" stroke="#0b4f8a" stroke-width="2" points="{" ".join(tramo)}"/>'
        )
    for i, (periodo, v) in enumerate(puntos):
        etiqueta = escape(periodo[2:])
        partes.append(
            f'<text x="{x(i):.1f}" y="{alto - 6}" font-size="8" text-anchor="middle" fill="#333">{etiqueta}</text>'
        )
        if v is not None:
            color = "#b71c1c" if i in senales else "#0b4f8a"
            radio = 4 if i in senales else 2.5
            partes.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="{radio}" fill="{color}"/>'
            )
    partes.append("</svg>")
    return "".join(partes)


def barras(
    filas: list[tuple[str, float | None]],
    *,
    maximo: float = 100,
    ancho=420,
    titulo: str = "",
) -> str:
    """Horizontal bars (e.g. criterion percentages)."""
    alto_fila = 18
    alto = alto_fila * len(filas) + 8
    etiqueta_ancho = 60
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho} {alto}" width="{ancho}" height="{alto}" '
        f'role="img" aria-label="{escape(titulo)}" class="grafico"><title>{escape(titulo)}</title>'
    ]
    util = ancho - etiqueta_ancho - 50
    for i, (nombre, valor) in enumerate(filas):
        y = 4 + i * alto_fila
        partes.append(
            f'<text x="0" y="{y + 12}" font-size="10" fill="#222">{escape(nombre)}</text>'
        )
        if valor is None:
            partes.append(
                f'<text x="{etiqueta_ancho}" y="{y + 12}" font-size="10" fill="#555">sin datos</text>'
            )
            continue
        largo = max(util * valor / maximo, 1)
        partes.append(
            f'<rect x="{etiqueta_ancho}" y="{y + 2}" width="{largo:.1f}" height="{alto_fila - 6}" fill="#0b4f8a"/>'
        )
        partes.append(
            f'<text x="{etiqueta_ancho + largo + 4:.1f}" y="{y + 12}" font-size="10" fill="#222">{_fmt(valor)}</text>'
        )
    partes.append("</svg>")
    return "".join(partes)
