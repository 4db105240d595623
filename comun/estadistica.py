"""Interval estimates for published figures: proportions (Wilson score), means
(Student t or normal) and the NPS, all at 95 %.

Every estimate comes back as the metric that comun.supresion works on:
{"valor", "n", "ic_inf", "ic_sup"}, percentages in 0–100. `decimales=None`
keeps full floats; a number rounds value and bounds once, here, so that a page
that rounds again to one decimal never rounds twice from two decimals.
"""

import math
from collections.abc import Callable
from typing import Literal

from comun.supresion import vacia

Z95 = 1.959963984540054
# Six decimals keep float noise out of stored figures without touching any
# digit a page shows.
DECIMALES = 6
# Two-sided 95 % Student t critical values by degrees of freedom (printed
# tables: three decimals).
_T95 = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    11: 2.201,
    12: 2.179,
    13: 2.160,
    14: 2.145,
    15: 2.131,
    16: 2.120,
    17: 2.110,
    18: 2.101,
    19: 2.093,
    20: 2.086,
    21: 2.080,
    22: 2.074,
    23: 2.069,
    24: 2.064,
    25: 2.060,
    26: 2.056,
    27: 2.052,
    28: 2.048,
    29: 2.045,
    30: 2.042,
    40: 2.021,
    60: 2.000,
    120: 1.980,
}

Intervalo = Literal["t", "normal"]


def _r(x, decimales: int | None):
    return x if decimales is None else round(x, decimales)


def t95(gl: int) -> float:
    """Two-sided 95 % t critical value; between tabulated degrees of freedom
    the next lower one (a wider, conservative interval); past 120, the normal."""
    if gl in _T95:
        return _T95[gl]
    if gl > 120:
        return Z95
    return _T95[max(g for g in _T95 if g < gl)]


def wilson(
    exitos: int, n: int, *, decimales: int | None = None
) -> tuple[float | None, float | None]:
    """95 % Wilson score interval of exitos/n, in percent; (None, None) for n = 0."""
    if n <= 0:
        return None, None
    p = exitos / n
    z2 = Z95 * Z95
    centro = (p + z2 / (2 * n)) / (1 + z2 / n)
    margen = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (
        _r(max(0.0, centro - margen) * 100, decimales),
        _r(min(1.0, centro + margen) * 100, decimales),
    )


def proporcion(exitos: int, n: int, *, decimales: int | None = None) -> dict:
    """Percentage of successes with its Wilson interval."""
    if n <= 0:
        return vacia()
    inf, sup = wilson(exitos, n, decimales=decimales)
    return {
        "valor": _r(100 * exitos / n, decimales),
        "n": n,
        "ic_inf": inf,
        "ic_sup": sup,
    }


def proporcion_de_distribucion(
    distribucion: dict[int, int],
    aciertos: Callable[[int], bool],
    *,
    decimales: int | None = None,
) -> dict:
    """Percentage of answers whose value passes `aciertos`, from {valor: n}."""
    n = sum(distribucion.values())
    k = sum(c for v, c in distribucion.items() if aciertos(v))
    return proporcion(k, n, decimales=decimales)


def _media(
    n: int,
    media: float,
    varianza: float,
    *,
    intervalo: Intervalo,
    decimales: int | None,
    minimo: float | None,
) -> dict:
    if n < 2:
        return {"valor": _r(media, decimales), "n": n, "ic_inf": None, "ic_sup": None}
    critico = t95(n - 1) if intervalo == "t" else Z95
    margen = critico * math.sqrt(varianza / n)
    inf = media - margen
    if minimo is not None:
        inf = max(inf, minimo)
    return {
        "valor": _r(media, decimales),
        "n": n,
        "ic_inf": _r(inf, decimales),
        "ic_sup": _r(media + margen, decimales),
    }


def media_de_distribucion(
    distribucion: dict[int, int],
    *,
    intervalo: Intervalo = "t",
    decimales: int | None = None,
    minimo: float | None = None,
) -> dict:
    """Mean of {valor: n} with its 95 % interval (sample variance, two passes)."""
    n = sum(distribucion.values())
    if n == 0:
        return vacia()
    m = sum(v * c for v, c in distribucion.items()) / n
    varianza = (
        sum(c * (v - m) ** 2 for v, c in distribucion.items()) / (n - 1)
        if n > 1
        else 0.0
    )
    return _media(
        n, m, varianza, intervalo=intervalo, decimales=decimales, minimo=minimo
    )


def media_de_sumas(
    n: int,
    suma,
    suma_cuadrados,
    *,
    intervalo: Intervalo = "normal",
    decimales: int | None = None,
    minimo: float | None = None,
) -> dict:
    """Mean with its 95 % interval from n, Σx and Σx² (a SQL SUM aggregate;
    None sums count as 0). `minimo` clips the lower bound (hours are never
    negative)."""
    if not n:
        return vacia()
    m = float(suma or 0) / n
    varianza = (
        max((float(suma_cuadrados or 0) - n * m * m) / (n - 1), 0.0) if n > 1 else 0.0
    )
    return _media(
        n, m, varianza, intervalo=intervalo, decimales=decimales, minimo=minimo
    )


def media_de_momentos(
    n: int,
    media: float | None,
    media_cuadrados: float | None,
    *,
    intervalo: Intervalo = "normal",
    decimales: int | None = None,
    minimo: float | None = None,
) -> dict:
    """Mean with its 95 % interval from n, mean of x and mean of x² (SQL AVG
    aggregates)."""
    if not n or media is None:
        return vacia()
    varianza = max(media_cuadrados - media * media, 0.0) * n / (n - 1) if n > 1 else 0.0
    return _media(
        n, media, varianza, intervalo=intervalo, decimales=decimales, minimo=minimo
    )


def nps(distribucion: dict[int, int], *, decimales: int | None = None) -> dict:
    """Net Promoter Score (% of 9–10 minus % of 0–6) of {valor: n} with its
    normal interval (variance of a difference of two multinomial shares),
    clipped to [−100, 100]."""
    n = sum(distribucion.values())
    if n == 0:
        return vacia()
    promotores = sum(c for v, c in distribucion.items() if v >= 9) / n
    detractores = sum(c for v, c in distribucion.items() if v <= 6) / n
    valor = promotores - detractores
    varianza = (promotores + detractores - valor**2) / n
    margen = Z95 * math.sqrt(max(varianza, 0))
    return {
        "valor": _r(100 * valor, decimales),
        "n": n,
        "ic_inf": _r(max(-1, valor - margen) * 100, decimales),
        "ic_sup": _r(min(1, valor + margen) * 100, decimales),
    }
