"""Reads for the dashboard, the analysis and the report.

Everything here reads the ValorIndicador rollup (never responses), so its cost
grows with indicators × scopes × periods.
"""

from collections import defaultdict
from datetime import date, timedelta
from statistics import pstdev

from django.conf import settings
from django.db.models import Avg, Count, Max, Min, Prefetch
from django.utils import timezone

from comun import supresion
from organizacion.models import Canal, Oficina

from . import analisis, fuentes
from .models import (
    AccionMejora,
    Ambito,
    Autoevaluacion,
    CartaServicios,
    Compromiso,
    Criterio,
    Hallazgo,
    Indicador,
    MetaIndicador,
    ModeloCalidad,
    PuntuacionFinal,
    PuntuacionIndividual,
    SeguimientoCompromiso,
    Subcriterio,
    ValorIndicador,
    clave_ambito,
)
from .periodos import Periodo, ultimo_trimestre_cerrado

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


# --- Cartas de servicios ----------------------------------------------------


def cumplimiento_carta(
    carta: CartaServicios, anio: int | None = None, hoy: date | None = None
) -> dict:
    """Compliance per commitment, per quarter of a year and for the year:
    cumplido / no cumplido / sin datos / en curso, with causes and linked actions.

    A quarter that has not ended on `hoy` is "en curso": its partial figure is
    shown but decides nothing. The year's verdict uses ended quarters only and is
    provisional while the year has not ended."""
    hoy = hoy or timezone.localdate()
    compromisos = list(
        Compromiso.objects.filter(carta=carta)
        .select_related("indicador")
        .order_by("orden", "pk")
    )
    clave = (
        clave_ambito(Ambito.OFICINA, carta.oficina_id)
        if carta.oficina_id
        else "organizacion"
    )
    if anio is None:
        ultimo = ValorIndicador.objects.filter(
            indicador__in=[c.indicador_id for c in compromisos],
            ambito_clave=clave,
            n__gt=0,
            periodo__regex=r"^\d{4}-Q[1-4]$",
        ).aggregate(m=Max("periodo"))["m"]
        anio = Periodo.de(ultimo).anio if ultimo else carta.vigente_desde.year
    trimestres = [Periodo(anio, t, True).clave for t in range(1, 5)]
    valores = {
        (v.indicador_id, v.periodo): v
        for v in ValorIndicador.objects.filter(
            indicador__in=[c.indicador_id for c in compromisos],
            periodo__in=trimestres,
            ambito_clave=clave,
        )
    }
    seguimientos = {
        (s.compromiso_id, s.periodo): s
        for s in SeguimientoCompromiso.objects.filter(
            compromiso__in=compromisos, periodo__in=trimestres
        ).prefetch_related(
            Prefetch("acciones", queryset=AccionMejora.objects.order_by("pk"))
        )
    }
    filas = []
    for c in compromisos:
        celdas = []
        for t in trimestres:
            v = valores.get((c.indicador_id, t))
            estado = "sin_datos"
            if (
                v is not None
                and analisis.estado_muestra(v.valor, v.n, c.indicador.n_minimo)
                == analisis.SUFICIENTE
            ):
                estado = (
                    "cumplido"
                    if analisis.mejor(v.valor, c.objetivo, c.indicador.direccion)
                    else "no_cumplido"
                )
            en_curso = Periodo.de(t).en_curso(hoy)
            if en_curso and (v is None or v.valor is None):
                estado = "sin_datos"
            elif en_curso:
                estado = "en_curso"
            s = seguimientos.get((c.pk, t))
            celdas.append(
                {
                    "periodo": t,
                    "valor": v.valor if estado != "sin_datos" else None,
                    "n": v.n if v else 0,
                    "estado": estado,
                    "en_curso": en_curso,
                    "causa": s.causa if s else "",
                    "acciones": list(s.acciones.all()) if s else [],
                }
            )
        con_datos = [x for x in celdas if x["estado"] in ("cumplido", "no_cumplido")]
        anual = "sin_datos"
        if con_datos:
            anual = (
                "cumplido"
                if all(x["estado"] == "cumplido" for x in con_datos)
                else "no_cumplido"
            )
        filas.append({"compromiso": c, "celdas": celdas, "anual": anual})
    return {
        "carta": carta,
        "anio": anio,
        "trimestres": trimestres,
        "filas": filas,
        "provisional": date(anio, 12, 31) >= hoy,
    }


def cartas_vigentes(en):
    from django.db.models import Q

    return (
        CartaServicios.objects.filter(vigente_desde__lte=en)
        .filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=en))
        .order_by("nombre")
    )


# --- Self-assessment --------------------------------------------------------


def estructura_modelo(modelo: ModeloCalidad) -> list[Criterio]:
    return list(
        Criterio.objects.filter(modelo=modelo)
        .prefetch_related(
            Prefetch("subcriterios", queryset=Subcriterio.objects.order_by("orden"))
        )
        .order_by("orden")
    )


def consenso(autoevaluacion: Autoevaluacion) -> list[dict]:
    """Per subcriterion: members' scores, mean, min, max, spread (max − min) and
    standard deviation, largest disagreements first."""
    agregados = (
        PuntuacionIndividual.objects.filter(autoevaluacion=autoevaluacion)
        .values("subcriterio_id")
        .annotate(
            media=Avg("puntuacion"),
            minimo=Min("puntuacion"),
            maximo=Max("puntuacion"),
            n=Count("pk"),
        )
    )
    individuales = defaultdict(list)
    for p in (
        PuntuacionIndividual.objects.filter(autoevaluacion=autoevaluacion)
        .order_by("miembro__username")
        .values("subcriterio_id", "puntuacion", "miembro__username")
    ):
        individuales[p["subcriterio_id"]].append(p)
    subs = {
        s.pk: s
        for s in Subcriterio.objects.filter(
            criterio__modelo=autoevaluacion.modelo
        ).select_related("criterio")
    }
    filas = []
    for a in agregados:
        notas = [p["puntuacion"] for p in individuales[a["subcriterio_id"]]]
        filas.append(
            {
                "subcriterio": subs[a["subcriterio_id"]],
                "media": a["media"],
                "minimo": a["minimo"],
                "maximo": a["maximo"],
                "n": a["n"],
                "dispersion": a["maximo"] - a["minimo"],
                "desviacion": pstdev(notas) if len(notas) > 1 else 0.0,
                "individuales": individuales[a["subcriterio_id"]],
            }
        )
    filas.sort(
        key=lambda f: (
            -f["dispersion"],
            f["subcriterio"].criterio.orden,
            f["subcriterio"].orden,
        )
    )
    return filas


def puntuacion_modelo(autoevaluacion: Autoevaluacion) -> dict:
    """Totals by the model's rules from the final scores.

    EFQM (pesos): a criterion's percentage is the mean of its parts' percentages
    weighted by their points; its points = criterion points × percentage / 100;
    the total is the sum (out of 1,000).
    CAF (medias): a criterion = mean of its scored subcriteria; the total is the
    mean of the criteria (0–100).
    A total is given only when the share of scored subcriteria (parts) reaches
    MEJORA_COMPLETITUD_TOTAL (default 1.0: all of them); otherwise `total` is
    None and only the criteria and the count of scored subcriteria are shown.
    """
    modelo = autoevaluacion.modelo
    finales = {
        f.subcriterio_id: f
        for f in PuntuacionFinal.objects.filter(autoevaluacion=autoevaluacion)
    }
    criterios = []
    for c in estructura_modelo(modelo):
        subs = list(c.subcriterios.all())
        puntuados = [(s, finales[s.pk]) for s in subs if s.pk in finales]
        porcentaje = puntos = None
        if puntuados:
            if modelo.reglas == ModeloCalidad.Reglas.PESOS:
                pesos = sum((s.puntos or 1) for s, _f in puntuados)
                porcentaje = (
                    sum((s.puntos or 1) * f.puntuacion for s, f in puntuados) / pesos
                )
                puntos = (c.puntos or 0) * porcentaje / 100
            else:
                porcentaje = sum(f.puntuacion for _s, f in puntuados) / len(puntuados)
        criterios.append(
            {
                "criterio": c,
                "porcentaje": porcentaje,
                "puntos": puntos,
                "completo": len(puntuados) == len(subs),
                "partes": [
                    {"subcriterio": s, "final": finales.get(s.pk)} for s in subs
                ],
            }
        )
    con_valor = [x for x in criterios if x["porcentaje"] is not None]
    subcriterios = sum(len(x["partes"]) for x in criterios)
    puntuados = sum(1 for x in criterios for s in x["partes"] if s["final"])
    umbral = getattr(settings, "MEJORA_COMPLETITUD_TOTAL", 1.0)
    if not subcriterios or puntuados / subcriterios < umbral:
        total = None
    elif modelo.reglas == ModeloCalidad.Reglas.PESOS:
        total = sum(x["puntos"] for x in con_valor) if con_valor else None
    else:
        total = (
            sum(x["porcentaje"] for x in con_valor) / len(con_valor)
            if con_valor
            else None
        )
    return {
        "criterios": criterios,
        "total": total,
        "puntuados": puntuados,
        "subcriterios": subcriterios,
        "maximo": modelo.puntos_totales,
        "completo": all(x["completo"] for x in criterios),
    }


# --- Findings and the plan ---------------------------------------------------


def hallazgos(periodo: str, ambito_clave: str = "organizacion"):
    return (
        Hallazgo.objects.filter(periodo=periodo, ambito_clave=ambito_clave)
        .exclude(estado=Hallazgo.Estado.DESCARTADO)
        .select_related("indicador", "criterio")
        .order_by("tipo", "indicador__orden", "pk")
    )


def acciones_del_plan(plan) -> list[AccionMejora]:
    return list(
        AccionMejora.objects.filter(plan=plan)
        .select_related(
            "indicador", "criterio", "responsable", "responsable_usuario", "area"
        )
        .order_by("-impacto", "-viabilidad", "pk")
    )


def periodos_efecto(accion: AccionMejora, hoy: date) -> tuple[Periodo, Periodo | None]:
    """The quarters that measure an action: "antes" ends before it started;
    "después" starts after its deadline (or, while it is still running, is the
    last ended quarter that began after its start) and has ended by `hoy`. A
    stored period is kept only when it respects those dates."""
    antes = Periodo.trimestre_de(accion.fecha_inicio).anterior
    if accion.periodo_antes:
        propuesto = Periodo.de(accion.periodo_antes)
        if propuesto.hasta < accion.fecha_inicio:
            antes = propuesto
    if accion.fecha_fin < hoy:
        despues = Periodo.trimestre_de(accion.fecha_fin).desplazar(1)
        desde_minimo = accion.fecha_fin + timedelta(days=1)
    else:
        despues = ultimo_trimestre_cerrado(hoy)
        desde_minimo = accion.fecha_inicio
    if accion.periodo_despues:
        propuesto = Periodo.de(accion.periodo_despues)
        if propuesto.desde >= desde_minimo and not propuesto.en_curso(hoy):
            despues = propuesto
    if despues.desde < desde_minimo or despues.en_curso(hoy):
        despues = None
    return antes, despues


def efecto_accion(
    accion: AccionMejora, ambito_clave: str = "organizacion", hoy: date | None = None
) -> dict | None:
    """The linked indicator before the action started vs after it ended (or now,
    while it runs), from the rollup, with n and intervals. A change counts only
    when both sides have a sufficient sample and it is statistically significant
    ("medible"). A cancelled action reports no effect (None)."""
    if not accion.indicador_id or accion.estado == AccionMejora.Estado.CANCELADA:
        return None
    hoy = hoy or timezone.localdate()
    antes_p, despues_p = periodos_efecto(accion, hoy)
    claves = [antes_p.clave] + ([despues_p.clave] if despues_p else [])
    filas = {
        v.periodo: v
        for v in ValorIndicador.objects.filter(
            indicador_id=accion.indicador_id,
            ambito_clave=ambito_clave,
            periodo__in=claves,
        )
    }
    ind = accion.indicador
    antes = filas.get(antes_p.clave)
    despues = filas.get(despues_p.clave) if despues_p else None

    def lado(v):
        # _fila: a row below the minimum n keeps only its n (suppression).
        return _fila(v, ind.n_minimo) or {
            "valor": None,
            "n": 0,
            "ic_inf": None,
            "ic_sup": None,
        }

    a, d = lado(antes), lado(despues)
    suficiente = all(
        analisis.estado_muestra(x["valor"], x["n"], ind.n_minimo) == analisis.SUFICIENTE
        for x in (a, d)
    )
    resultado = {
        "periodo_antes": antes_p.clave,
        "periodo_despues": despues_p.clave if despues_p else None,
        "antes": a["valor"],
        "antes_n": a["n"],
        "antes_ic_inf": a["ic_inf"],
        "antes_ic_sup": a["ic_sup"],
        "despues": d["valor"],
        "despues_n": d["n"],
        "despues_ic_inf": d["ic_inf"],
        "despues_ic_sup": d["ic_sup"],
        "diferencia": None,
        "significativo": False,
        "mejora": None,
        "medible": False,
    }
    if not suficiente:
        return resultado
    significativo = analisis.cambio_significativo(d, a, ind.unidad)
    resultado.update(
        diferencia=d["valor"] - a["valor"],
        significativo=significativo,
        mejora=analisis.mejor(d["valor"], a["valor"], ind.direccion)
        and d["valor"] != a["valor"],
        medible=significativo,
    )
    return resultado


# --- Cross-module hints (report section 6) ---------------------------------------

DRIVER_DE_ITEM = {
    "SAT": "satisfacción",
    "CONF": "confianza",
    "EFIC": "eficacia",
    "FAC": "facilidad",
    "TIEMPO": "eficiencia",
    "TRATO": "trato del personal",
}


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
        if indicadores[ind] in DRIVER_DE_ITEM
    ]


def pistas_transversales(
    periodo: Periodo, oficina_ids=None, canal=None, limite: int = 6, n_minimo: int = 30
) -> dict:
    """Low survey drivers by office ↔ the level of the linked competencies there ↔
    training coverage of those competencies. Returns what is available and says
    which sources are missing."""
    from organizacion.models import Competencia

    drivers_fn = fuentes.pista("drivers_por_oficina")
    nivel_fn = fuentes.pista("nivel_medio_por_competencia")
    cobertura_fn = fuentes.pista("cobertura_por_competencia")
    faltan = [
        n
        for n, f in (
            ("drivers_por_oficina", drivers_fn),
            ("nivel_medio_por_competencia", nivel_fn),
            ("cobertura_por_competencia", cobertura_fn),
        )
        if f is None
    ]
    # Office drivers come from the rollup (computed nightly with the contract's
    # indicador_acuerdo/indicador_ces, the same % of agreement drivers_por_oficina
    # gives), so the report's cost does not grow with responses; the live contract
    # call is the fallback (channel scope, or a period not in the rollup yet).
    # Every office is read: a scoped report compares its offices with the rest
    # of the organisation, never with themselves.
    filas = [] if canal else _drivers_del_rollup(periodo, None)
    if not filas:
        if drivers_fn is None:
            return {"pistas": [], "faltan": faltan}
        filas = drivers_fn(
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
        return {"pistas": [], "faltan": faltan}
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
        driver = DRIVER_DE_ITEM.get(f["item"], str(f["item"]).lower())
        ligadas = [
            c
            for c in competencias
            if driver in [d.lower() for d in (c["drivers_encuesta"] or [])]
        ]
        codigos = {c["codigo"] for c in ligadas}
        niveles = {}
        if nivel_fn and codigos:
            niveles = {
                x["competencia_codigo"]: x
                for x in nivel_fn(
                    desde=periodo.desde,
                    hasta=periodo.hasta,
                    oficina_ids=[f["oficina_id"]],
                )
            }
        coberturas = {}
        if cobertura_fn and codigos:
            coberturas = {
                x["competencia_codigo"]: x
                for x in cobertura_fn(en=periodo.hasta, oficina_ids=[f["oficina_id"]])
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
        "faltan": faltan,
        "referencia": "organizacion" if ambito is None else "resto",
    }
