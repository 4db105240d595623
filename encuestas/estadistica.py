"""Interval estimates computed from value distributions ({valor: n})."""

import math

from comun.supresion import (  # noqa: F401 — the one rule, re-exported
    diferencia,
    suprimida,
    suprimir,
    suprimir_complementaria,
    vacia,
    visible,
)

Z95 = 1.959963984540054
# Figures keep six decimals (float noise off) and are rounded once, where they
# are shown: rounding here to two decimals and again on the page turned 54.7456
# into 54.75 and then "54,8" (double rounding).
DECIMALES = 6
# Two-sided 95% Student t critical values by degrees of freedom.
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


def t95(gl: int) -> float:
    if gl in _T95:
        return _T95[gl]
    menores = [g for g in _T95 if g < gl]
    if gl > 120:
        return Z95
    return _T95[max(menores)]  # conservative: the next lower tabulated df


def wilson(exitos: int, n: int) -> tuple[float | None, float | None]:
    """95% Wilson score interval, in percent."""
    if n <= 0:
        return None, None
    p = exitos / n
    z2 = Z95 * Z95
    centro = (p + z2 / (2 * n)) / (1 + z2 / n)
    margen = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return round(max(0.0, centro - margen) * 100, DECIMALES), round(
        min(1.0, centro + margen) * 100, DECIMALES
    )


def vacio() -> dict:
    return vacia()


def proporcion(distribucion: dict[int, int], aciertos) -> dict:
    n = sum(distribucion.values())
    if n == 0:
        return vacio()
    k = sum(c for v, c in distribucion.items() if aciertos(v))
    inf, sup = wilson(k, n)
    return {
        "valor": round(100 * k / n, DECIMALES),
        "n": n,
        "ic_inf": inf,
        "ic_sup": sup,
    }


def media(distribucion: dict[int, int]) -> dict:
    n = sum(distribucion.values())
    if n == 0:
        return vacio()
    m = sum(v * c for v, c in distribucion.items()) / n
    if n < 2:
        return {"valor": round(m, DECIMALES), "n": n, "ic_inf": None, "ic_sup": None}
    varianza = sum(c * (v - m) ** 2 for v, c in distribucion.items()) / (n - 1)
    margen = t95(n - 1) * math.sqrt(varianza / n)
    return {
        "valor": round(m, DECIMALES),
        "n": n,
        "ic_inf": round(m - margen, DECIMALES),
        "ic_sup": round(m + margen, DECIMALES),
    }


def nps(distribucion: dict[int, int]) -> dict:
    n = sum(distribucion.values())
    if n == 0:
        return vacio()
    promotores = sum(c for v, c in distribucion.items() if v >= 9) / n
    detractores = sum(c for v, c in distribucion.items() if v <= 6) / n
    valor = promotores - detractores
    varianza = (promotores + detractores - valor**2) / n
    margen = Z95 * math.sqrt(max(varianza, 0))
    return {
        "valor": round(100 * valor, DECIMALES),
        "n": n,
        "ic_inf": round(max(-1, valor - margen) * 100, DECIMALES),
        "ic_sup": round(min(1, valor + margen) * 100, DECIMALES),
    }
