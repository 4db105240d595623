"""Interval estimates computed from value distributions ({valor: n})."""

import math

Z95 = 1.959963984540054
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
    return round(max(0.0, centro - margen) * 100, 2), round(
        min(1.0, centro + margen) * 100, 2
    )


def vacio() -> dict:
    return {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}


def proporcion(distribucion: dict[int, int], aciertos) -> dict:
    n = sum(distribucion.values())
    if n == 0:
        return vacio()
    k = sum(c for v, c in distribucion.items() if aciertos(v))
    inf, sup = wilson(k, n)
    return {"valor": round(100 * k / n, 2), "n": n, "ic_inf": inf, "ic_sup": sup}


def media(distribucion: dict[int, int]) -> dict:
    n = sum(distribucion.values())
    if n == 0:
        return vacio()
    m = sum(v * c for v, c in distribucion.items()) / n
    if n < 2:
        return {"valor": round(m, 3), "n": n, "ic_inf": None, "ic_sup": None}
    varianza = sum(c * (v - m) ** 2 for v, c in distribucion.items()) / (n - 1)
    margen = t95(n - 1) * math.sqrt(varianza / n)
    return {
        "valor": round(m, 3),
        "n": n,
        "ic_inf": round(m - margen, 3),
        "ic_sup": round(m + margen, 3),
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
        "valor": round(100 * valor, 2),
        "n": n,
        "ic_inf": round(max(-1, valor - margen) * 100, 2),
        "ic_sup": round(min(1, valor + margen) * 100, 2),
    }


def suprimida(n: int, *, complementaria: bool = False) -> dict:
    """A cell that is not published: its n and nothing that would give it away."""
    celda = {**vacio(), "n": n, "suprimido": n > 0 or complementaria}
    if complementaria:
        celda["complementaria"] = True
    return celda


def suprimir(metrica: dict, minimo: int) -> dict:
    """The one rule: below the minimum n only n is shown (and it is flagged);
    no value, no interval, nothing derived from them."""
    if metrica["n"] < minimo:
        return suprimida(metrica["n"])
    return {**metrica, "suprimido": False}


def visible(metrica: dict | None) -> bool:
    return bool(metrica) and metrica.get("valor") is not None


def diferencia(a: dict | None, b: dict | None) -> float | None:
    """a − b, only when both operands are published: a comparison with a
    suppressed figure would be a derived figure of it."""
    if not visible(a) or not visible(b):
        return None
    return a["valor"] - b["valor"]


def suprimir_complementaria(celdas: dict) -> dict:
    """Complementary suppression over cells that add up to a published total
    ({clave: metrica}, already suppressed one by one).

    With exactly one suppressed cell, the total minus the others would give it
    back, so the visible cell with the smallest n (ties by key) is suppressed
    too; two or more suppressed cells only reveal their sum. Cells with n = 0
    hide nothing and do not count."""
    primarias = [k for k, m in celdas.items() if m.get("suprimido")]
    if len(primarias) != 1:
        return celdas
    candidatas = [k for k, m in celdas.items() if visible(m) and m["n"] > 0]
    if not candidatas:
        return celdas
    clave = min(candidatas, key=lambda k: (celdas[k]["n"], str(k)))
    return {
        **celdas,
        clave: suprimida(celdas[clave]["n"], complementaria=True),
    }
