"""The check every grouped indicator source must pass: for every scope, the same
n, value and interval as its per-scope function (issue 14)."""

import pytest


def comprobar_igual_que_por_ambito(
    agrupada, por_ambito, *, desde, hasta, oficina_ids, canales, **parametros
) -> int:
    """Asserts scope by scope; returns how many scopes had data (n > 0)."""
    resultados = agrupada(
        desde=desde,
        hasta=hasta,
        oficina_ids=oficina_ids,
        canales=canales,
        **parametros,
    )
    esperadas = (
        [("organizacion", None, "")]
        + [("oficina", o, "") for o in oficina_ids]
        + [("canal", None, c) for c in canales]
    )
    assert sorted(resultados, key=str) == sorted(esperadas, key=str)
    con_datos = 0
    for (ambito, oficina_id, canal), r in resultados.items():
        esperado = por_ambito(
            desde=desde,
            hasta=hasta,
            oficina_ids=[oficina_id] if oficina_id else None,
            canal=canal or None,
            **parametros,
        )
        assert r == pytest.approx(esperado), (agrupada.__name__, ambito, canal)
        con_datos += bool(r.get("n"))
    return con_datos
