"""Reads of the indicators: targets, the analysed cards of the dashboard and the
report, segmentation by channel and office, and suppression of small cells.

Everything here reads the ValorIndicador rollup (never responses), so its cost
grows with indicators × scopes × periods.
"""

from collections import defaultdict

from django.db.models import Max

from comun import supresion
from organizacion.models import Canal, Oficina

from .. import analisis, fuentes
from ..models import (
    Ambito,
    Indicador,
    MetaIndicador,
    ValorIndicador,
)
from ..periodos import Periodo

HISTORIA = 16  # periods read for the control chart; the last 8 are shown


def indicadores_activos():
    return Indicador.objects.filter(activo=True).order_by("orden", "codigo")


def metas_del_anio(anios: set[int]) -> dict:
    """{(indicador_id, anio, trimestre, ambito_clave): meta} for the given years."""
    return {
        (m.indicador_id, m.anio, m.trimestre, m.ambito_clave): m
        for m in MetaIndicador.objects.filter(anio__in=anios)
    }


def meta_de(metas: dict, indicador_id: int, periodo: Periodo, ambito_clave: str):
    """The most specific target: this scope's quarter, this scope's year,
    then the organisation's."""
    for clave in (ambito_clave, "organizacion"):
        for trimestre in (periodo.trimestre, 0):
            meta = metas.get((indicador_id, periodo.anio, trimestre, clave))
            if meta is not None:
                return meta
    return None


def _fila(v: ValorIndicador | None, n_minimo: int = 0) -> dict | None:
    """A stored value as the pages may use it: below the indicator's minimum n
    (rows stored before suppression at the source, or a minimum raised since)
    only n is left."""
    if v is None:
        return None
    fila = {
        "valor": v.valor,
        "n": v.n,
        "ic_inf": v.ic_inf,
        "ic_sup": v.ic_sup,
        "fuente_disponible": v.fuente_disponible,
        "periodo": v.periodo,
    }
    if v.n < n_minimo or v.valor is None:
        fila.update(valor=None, ic_inf=None, ic_sup=None)
    return fila


def suprimir_valores(indicador: Indicador, filas: list[ValorIndicador]) -> None:
    """Suppression at the source, in place, before the rows are stored: below
    the indicator's minimum n no value and no interval; offices and channels of
    a period add up to the organisation's figure, so each of those lists gets
    complementary suppression too (manual values are entered one by one and are
    not parts of a computed total)."""
    for v in filas:
        if v.n < indicador.n_minimo:
            v.valor = v.ic_inf = v.ic_sup = None
    if indicador.selector == fuentes.MANUAL:
        return
    grupos = defaultdict(list)
    for v in filas:
        if v.ambito != Ambito.ORGANIZACION:
            grupos[(v.periodo, v.ambito)].append(v)
    for grupo in grupos.values():
        celdas = supresion.suprimir_complementaria(
            {
                v.ambito_clave: {
                    "valor": v.valor,
                    "n": v.n,
                    "suprimido": v.valor is None and v.n > 0,
                }
                for v in grupo
            }
        )
        for v in grupo:
            if celdas[v.ambito_clave].get("complementaria"):
                v.valor = v.ic_inf = v.ic_sup = None


def celdas_suprimidas(periodo: str) -> int:
    """Office and channel cells of a period published as n only (primary or
    complementary suppression): the report's annex counts these."""
    return (
        ValorIndicador.objects.filter(periodo=periodo, n__gt=0, valor__isnull=True)
        .exclude(ambito=Ambito.ORGANIZACION)
        .count()
    )


def _valores(indicadores, periodos: list[str], ambitos: list[str]) -> dict:
    filas = ValorIndicador.objects.filter(
        indicador__in=indicadores, periodo__in=periodos, ambito_clave__in=ambitos
    ).order_by()
    return {(v.indicador_id, v.periodo, v.ambito_clave): v for v in filas}


def analisis_indicadores(
    periodo: Periodo,
    ambito_clave: str = "organizacion",
    indicadores=None,
    historia: int = HISTORIA,
) -> list[dict]:
    """One analysed card per indicator: value, n, interval, sample state, target and
    traffic light, previous period, same period last year, trend with control-chart
    signals. Two queries plus the targets, whatever the volume of responses."""
    indicadores = list(
        indicadores if indicadores is not None else indicadores_activos()
    )
    serie = periodo.serie(historia)
    claves = [p.clave for p in serie]
    valores = _valores(indicadores, claves, [ambito_clave])
    metas = metas_del_anio({p.anio for p in serie})
    tarjetas = []
    for ind in indicadores:
        puntos = [
            _fila(valores.get((ind.pk, c, ambito_clave)), ind.n_minimo) for c in claves
        ]
        actual = puntos[-1]
        previo = puntos[-2] if len(puntos) > 1 else None
        # Comparisons read these rows, so a suppressed operand suppresses them too.
        anio_ant = _fila(
            valores.get((ind.pk, periodo.anio_anterior.clave, ambito_clave)),
            ind.n_minimo,
        )
        meta = meta_de(metas, ind.pk, periodo, ambito_clave)
        valor = actual["valor"] if actual else None
        n = actual["n"] if actual else 0
        muestra = analisis.estado_muestra(valor, n, ind.n_minimo)
        utilizables = [
            p["valor"]
            if p
            and analisis.estado_muestra(p["valor"], p["n"], ind.n_minimo)
            == analisis.SUFICIENTE
            else None
            for p in puntos
        ]
        control = analisis.carta_control(utilizables)
        visibles = list(zip(claves, utilizables, strict=True))[-8:]
        tendencia_valida = sum(1 for _c, v in visibles if v is not None)
        cambio = supresion.diferencia(actual, previo)
        tarjetas.append(
            {
                "indicador": ind,
                "codigo": ind.codigo,
                "nombre": ind.nombre,
                "unidad": ind.unidad,
                "direccion": ind.direccion,
                "valor": valor,
                "n": n,
                "ic_inf": actual["ic_inf"] if actual else None,
                "ic_sup": actual["ic_sup"] if actual else None,
                "fuente_disponible": actual["fuente_disponible"]
                if actual
                else fuentes.resolver(ind.selector) is not None
                or ind.selector == fuentes.MANUAL,
                "muestra": muestra,
                "objetivo": meta.objetivo if meta else None,
                "umbral": meta.umbral if meta else None,
                "semaforo": analisis.semaforo(
                    valor if muestra == analisis.SUFICIENTE else None,
                    meta.objetivo if meta else None,
                    meta.umbral if meta else None,
                    ind.direccion,
                ),
                "cumple_significativo": muestra == analisis.SUFICIENTE
                and analisis.cumple_con_significacion(
                    valor,
                    actual["ic_inf"] if actual else None,
                    actual["ic_sup"] if actual else None,
                    meta.objetivo if meta else None,
                    ind.direccion,
                ),
                "previo": previo,
                "anio_anterior": anio_ant,
                "cambio": cambio,
                "cambio_significativo": analisis.cambio_significativo(
                    actual, previo, ind.unidad
                ),
                "tendencia": visibles,
                "tendencia_valida": tendencia_valida,
                "control": control,
                "senal": valor is not None and control["senal"],
                "empeora": cambio is not None
                and not analisis.mejor(valor, valor - cambio, ind.direccion),
            }
        )
    return tarjetas


def segmentacion(indicador: Indicador, periodo: Periodo) -> dict:
    """The indicator by channel and by office in a period (one query)."""
    filas = (
        ValorIndicador.objects.filter(indicador=indicador, periodo=periodo.clave)
        .exclude(ambito=Ambito.ORGANIZACION)
        .select_related("oficina")
        .order_by("ambito", "canal", "oficina__nombre")
    )
    canales = {c.codigo: c.nombre for c in Canal.objects.order_by("orden")}
    filas = list(filas)
    # Rows stored before suppression at the source get the same rule here.
    suprimir_valores(indicador, filas)
    por_canal, por_oficina = [], []
    for v in filas:
        fila = {
            "valor": v.valor,
            "n": v.n,
            "ic_inf": v.ic_inf,
            "ic_sup": v.ic_sup,
            "muestra": analisis.estado_muestra(v.valor, v.n, indicador.n_minimo),
        }
        if v.ambito == Ambito.CANAL:
            por_canal.append(
                {
                    **fila,
                    "nombre": canales.get(v.canal, v.canal),
                    "clave": v.ambito_clave,
                }
            )
        else:
            por_oficina.append(
                {**fila, "nombre": v.oficina.nombre, "clave": v.ambito_clave}
            )
    return {"canales": por_canal, "oficinas": por_oficina}


def ultimo_periodo_con_datos(trimestral: bool = True) -> Periodo | None:
    patron = r"^\d{4}-Q[1-4]$" if trimestral else r"^\d{4}-\d{2}$"
    ultimo = ValorIndicador.objects.filter(periodo__regex=patron, n__gt=0).aggregate(
        m=Max("periodo")
    )["m"]
    return Periodo.de(ultimo) if ultimo else None


def ambitos_disponibles() -> dict:
    return {
        "oficinas": list(
            Oficina.objects.filter(activa=True)
            .order_by("nombre")
            .values("pk", "nombre")
        ),
        "canales": list(Canal.objects.order_by("orden").values("codigo", "nombre")),
    }
