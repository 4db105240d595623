"""Statistical disclosure control: the one rule for every published figure.

A figure computed from fewer observations than the minimum n is published as its
n and nothing else: no value, no interval, no comparison, nothing derived. A list
of cells that adds up to a published total (offices, channels, periods) also
gets complementary suppression, so that the total minus the visible cells does
not give a hidden one back. Pages, API, exports, the improvement dashboard, the
cartas and the report all go through these functions.
"""


def vacia() -> dict:
    return {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}


def suprimida(n: int, *, complementaria: bool = False) -> dict:
    """A cell that is not published: its n and nothing that would give it away."""
    celda = {**vacia(), "n": n, "suprimido": n > 0 or complementaria}
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
