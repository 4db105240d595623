"""Cross-module hints (report section 6): low survey drivers by office ↔ the
level of the linked competencies ↔ training coverage."""

from collections import defaultdict

from organizacion.models import Competencia, Oficina

from .. import fuentes
from ..models import (
    Ambito,
    Indicador,
    ValorIndicador,
)
from ..periodos import Periodo


def _drivers_del_rollup(periodo: Periodo, oficina_ids=None) -> list[dict]:
    indicadores = {
        i.pk: "FAC" if i.selector == "encuestas.ces" else i.parametros.get("item")
        for i in Indicador.objects.filter(
            activo=True, selector__in=["encuestas.acuerdo", "encuestas.ces"]
        )
    }
    qs = ValorIndicador.objects.filter(
        indicador_id__in=list(indicadores),
        periodo=periodo.clave,
        ambito=Ambito.OFICINA,
        valor__isnull=False,
    )
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    return [
        {"oficina_id": oficina_id, "item": indicadores[ind], "valor": valor, "n": n}
        for oficina_id, ind, valor, n in qs.order_by(
            "oficina_id", "indicador_id"
        ).values_list("oficina_id", "indicador_id", "valor", "n")
        if indicadores[ind] in fuentes.DRIVERS
    ]


def pistas_transversales(
    periodo: Periodo, oficina_ids=None, canal=None, limite: int = 6, n_minimo: int = 30
) -> dict:
    """Low survey drivers by office ↔ the level of the linked competencies there ↔
    training coverage of those competencies. `faltan` stays empty: the contract
    functions are imported (mejora/fuentes.py); reports stored before said which
    sources were missing there."""
    # Office drivers come from the rollup (computed nightly with the contract's
    # indicador_acuerdo/indicador_ces, the same % of agreement drivers_por_oficina
    # gives), so the report's cost does not grow with responses; the live contract
    # call is the fallback (channel scope, or a period not in the rollup yet).
    # Every office is read: a scoped report compares its offices with the rest
    # of the organisation, never with themselves.
    filas = [] if canal else _drivers_del_rollup(periodo, None)
    if not filas:
        filas = fuentes.drivers_por_oficina(
            desde=periodo.desde,
            hasta=periodo.hasta,
            oficina_ids=None,
            canal=canal,
        )
    filas = [
        f for f in filas if f.get("valor") is not None and (f.get("n") or 0) >= n_minimo
    ]
    ambito = set(oficina_ids) if oficina_ids is not None else None
    referencia = (
        filas if ambito is None else [f for f in filas if f["oficina_id"] not in ambito]
    )
    filas = filas if ambito is None else [f for f in filas if f["oficina_id"] in ambito]
    if not filas or not referencia:
        return {"pistas": [], "faltan": []}
    por_item = defaultdict(list)
    for f in referencia:
        por_item[f["item"]].append(f)
    medias = {
        i: sum(x["valor"] * x["n"] for x in fs) / sum(x["n"] for x in fs)
        for i, fs in por_item.items()
    }
    bajas = sorted(
        (f for f in filas if f["item"] in medias and f["valor"] < medias[f["item"]]),
        key=lambda f: (f["valor"] - medias[f["item"]], f["oficina_id"], f["item"]),
    )[:limite]
    competencias = list(
        Competencia.objects.order_by("orden").values(
            "codigo", "nombre", "drivers_encuesta"
        )
    )
    nombres = dict(
        Oficina.objects.filter(pk__in={f["oficina_id"] for f in bajas}).values_list(
            "pk", "nombre"
        )
    )
    pistas = []
    for f in bajas:
        driver = fuentes.DRIVERS.get(f["item"], str(f["item"]).lower())
        ligadas = [
            c
            for c in competencias
            if driver in [d.lower() for d in (c["drivers_encuesta"] or [])]
        ]
        codigos = {c["codigo"] for c in ligadas}
        niveles = {}
        if codigos:
            niveles = {
                x["competencia_codigo"]: x
                for x in fuentes.nivel_medio_por_competencia(
                    desde=periodo.desde,
                    hasta=periodo.hasta,
                    oficina_ids=[f["oficina_id"]],
                )
            }
        coberturas = {}
        if codigos:
            coberturas = {
                x["competencia_codigo"]: x
                for x in fuentes.cobertura_por_competencia(
                    en=periodo.hasta, oficina_ids=[f["oficina_id"]]
                )
            }
        pistas.append(
            {
                "oficina": nombres.get(f["oficina_id"], str(f["oficina_id"])),
                "item": f["item"],
                "driver": driver,
                "valor": f["valor"],
                "n": f["n"],
                "media_organizacion": medias[f["item"]],
                "competencias": [
                    {
                        "codigo": c["codigo"],
                        "nombre": c["nombre"],
                        "nivel": (niveles.get(c["codigo"]) or {}).get("media"),
                        "requerido": (niveles.get(c["codigo"]) or {}).get(
                            "requerido_medio"
                        ),
                        "cobertura": (coberturas.get(c["codigo"]) or {}).get(
                            "porcentaje"
                        ),
                    }
                    for c in ligadas
                ],
            }
        )
    return {
        "pistas": pistas,
        "faltan": [],
        "referencia": "organizacion" if ambito is None else "resto",
    }
