"""Pure statistics for the analysis of an indicator: traffic lights, sample
sufficiency, significance of a change and control-chart signals.

A change is called real only when it is statistically meaningful (a z-test or
non-overlapping intervals, a point outside 3σ, or 8 in a row on one side of the
centre line), never from two bare numbers.
"""

import math
from statistics import mean

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

SIN_DATOS = "sin_datos"
INSUFICIENTE = "insuficiente"
# Enough sample, hidden anyway: with the total it would give a small cell back
# (complementary suppression, comun/supresion.py).
SUPRIMIDO = "suprimido"
SUFICIENTE = "ok"


def estado_muestra(valor, n, n_minimo) -> str:
    if not n:
        return SIN_DATOS
    if n < n_minimo:
        return INSUFICIENTE
    if valor is None:
        return SUPRIMIDO
    return SUFICIENTE


def mejor(a: float, b: float, direccion: str) -> bool:
    """a at least as good as b."""
    return a >= b if direccion == "mayor" else a <= b


def semaforo(valor, objetivo, umbral, direccion) -> str:
    """ok (target met), aviso (between threshold and target), mal, neutro (no data)."""
    if valor is None or objetivo is None:
        return "neutro"
    if mejor(valor, objetivo, direccion):
        return "ok"
    if umbral is not None and mejor(valor, umbral, direccion):
        return "aviso"
    return "mal"


def cumple_con_significacion(valor, ic_inf, ic_sup, objetivo, direccion) -> bool:
    """The target is met even at the unfavourable end of the 95 % interval."""
    if valor is None or objetivo is None:
        return False
    extremo = ic_inf if direccion == "mayor" else ic_sup
    if extremo is None:
        return False
    return mejor(extremo, objetivo, direccion)


def cambio_significativo(actual: dict | None, previo: dict | None, unidad: str) -> bool:
    """Two-proportion z-test (|z| > 1.96) for percentages; otherwise
    intervals that do not overlap."""
    if (
        not actual
        or not previo
        or actual.get("valor") is None
        or previo.get("valor") is None
    ):
        return False
    if unidad == "%" and actual.get("n") and previo.get("n"):
        p1, n1 = actual["valor"] / 100, actual["n"]
        p2, n2 = previo["valor"] / 100, previo["n"]
        p = (p1 * n1 + p2 * n2) / (n1 + n2)
        error = math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
        if error == 0:
            return p1 != p2
        return abs(p1 - p2) / error > 1.96
    if None in (
        actual.get("ic_inf"),
        actual.get("ic_sup"),
        previo.get("ic_inf"),
        previo.get("ic_sup"),
    ):
        return False
    return actual["ic_inf"] > previo["ic_sup"] or actual["ic_sup"] < previo["ic_inf"]


def carta_control(valores: list[float | None]) -> dict:
    """Individuals chart over a series (oldest first).

    Baseline: every point but the last; centre = their mean, σ from the mean
    moving range (MR̄ / 1.128). Signals: points outside centre ± 3σ and runs of
    8 or more consecutive points on the same side of the centre line.
    """
    puntos = [v for v in valores if v is not None]
    resultado = {
        "centro": None,
        "lcs": None,
        "lci": None,
        "fuera": [],
        "racha": False,
        "senal": False,
    }
    if len(puntos) < 4:
        return resultado
    base = puntos[:-1]
    centro = mean(base)
    rangos = [abs(b - a) for a, b in zip(base, base[1:], strict=False)]
    sigma = mean(rangos) / 1.128 if rangos else 0.0
    resultado.update(centro=centro, lcs=centro + 3 * sigma, lci=centro - 3 * sigma)
    fuera = []
    for i, v in enumerate(valores):
        if v is not None and sigma > 0 and abs(v - centro) > 3 * sigma:
            fuera.append(i)
    racha = 0
    lado_previo = 0
    hay_racha = False
    for v in puntos:
        lado = (v > centro) - (v < centro)
        racha = racha + 1 if lado and lado == lado_previo else (1 if lado else 0)
        lado_previo = lado
        hay_racha = hay_racha or racha >= 8
    resultado.update(fuera=fuera, racha=hay_racha)
    ultimo = len(valores) - 1
    resultado["senal"] = ultimo in fuera or hay_racha
    return resultado


FORTALEZA, AREA = "fortaleza", "area"


def hallazgo_de(t: dict) -> tuple[str, str] | None:
    """The strength or area for improvement an analysed card suggests, with its
    text in the active language (numbers in its locale), or None. A target met
    even at the unfavourable end of the interval is a strength; a target missed
    or a significant worsening is an area. Only cards with a sufficient sample."""
    if t["muestra"] != SUFICIENTE:
        return None
    if t["objetivo"] is not None and t["cumple_significativo"]:
        tipo = FORTALEZA
        texto = _(
            "%(n)s: %(v)s %(u)s supera la meta de %(o)s con significación (n = %(c)d)."
        )
    elif t["objetivo"] is not None and t["semaforo"] in ("mal", "aviso"):
        tipo = AREA
        texto = _("%(n)s: %(v)s %(u)s no alcanza la meta de %(o)s (n = %(c)d).")
    elif t["empeora"] and (t["cambio_significativo"] or t["senal"]):
        tipo = AREA
        texto = _(
            "%(n)s: empeora de forma significativa hasta %(v)s %(u)s (n = %(c)d)."
        )
    else:
        return None
    return tipo, texto % {
        "n": t["nombre"],
        "v": floatformat(t["valor"], 1),  # rounds; number_format truncates
        "u": t["unidad"],
        "o": floatformat(t["objetivo"] or 0, 1),
        "c": t["n"],
    }
