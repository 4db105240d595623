"""The scope every indicator source receives from mejora (`mejora.fuentes.calcular`):
one type, so a source is written `def indicador_x(**ambito: Unpack[Ambito])` and
passes the scope on whole instead of repeating its four arguments."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import NotRequired, TypedDict


class Ambito(TypedDict):
    """Period [desde, hasta] (dates, both included), offices (None: all) and the
    channel code (None: all channels)."""

    desde: date
    hasta: date
    oficina_ids: NotRequired[Sequence[int] | None]
    canal: NotRequired[str | None]


# --- Every scope of a period at once (mejora's recalculation) -----------------------
# A grouped source returns {(ambito, oficina_id, canal): contract dict} for the
# organisation, each office in `oficina_ids` and each channel code in `canales`.
ORGANIZACION, OFICINA, CANAL = "organizacion", "oficina", "canal"


def ambitos(oficina_ids: Sequence[int], canales: Sequence[str]) -> list[tuple]:
    """The keys a grouped source must return, in mejora's order."""
    return (
        [(ORGANIZACION, None, "")]
        + [(OFICINA, o, "") for o in oficina_ids]
        + [(CANAL, None, c) for c in canales]
    )


def _vacio(agregados: dict) -> dict:
    # What .aggregate() gives on no rows: 0 for COUNT, None for SUM/AVG.
    return {k: getattr(a, "empty_result_set_value", None) for k, a in agregados.items()}


def agregar_por_ambitos(
    qs,
    agregados: dict,
    *,
    oficina: str,
    canal: str,
    oficina_ids: Sequence[int],
    canales: Sequence[str],
    resultado: Callable[[dict], dict],
) -> dict:
    """`agregados` over `qs` for the organisation, grouped by the office path and
    grouped by the channel-code path: three queries whatever the number of offices
    and channels. Sources over people use it (a person serving on two channels is
    in both channel groups but once in the organisation, so the groups of one query
    cannot be added up)."""
    vacio = _vacio(agregados)
    filas = {(ORGANIZACION, None, ""): qs.aggregate(**agregados)}
    if oficina_ids:
        for f in qs.values(oficina).annotate(**agregados).order_by():
            filas[(OFICINA, f.pop(oficina), "")] = f
    if canales:
        for f in qs.values(canal).annotate(**agregados).order_by():
            filas[(CANAL, None, f.pop(canal))] = f
    return {a: resultado(filas.get(a, vacio)) for a in ambitos(oficina_ids, canales)}


def sumar_por_ambitos(
    celdas: dict[tuple[int, int], dict],
    *,
    oficina_ids: Sequence[int],
    canales: dict[str, int],
) -> dict[tuple, Counter]:
    """Cells {(oficina_id, canal_id): {clave: n}} added up into every scope
    (`canales`: code → id). For counts that add: survey answers, funnels, alerts."""
    sumas: dict[tuple, Counter] = defaultdict(Counter)
    codigo_de = {pk: codigo for codigo, pk in canales.items()}
    for (oficina_id, canal_id), celda in celdas.items():
        sumas[(ORGANIZACION, None, "")].update(celda)
        sumas[(OFICINA, oficina_id, "")].update(celda)
        if canal_id in codigo_de:
            sumas[(CANAL, None, codigo_de[canal_id])].update(celda)
    return {a: sumas.get(a, Counter()) for a in ambitos(oficina_ids, list(canales))}
