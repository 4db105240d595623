"""Findings and the improvement plan: actions and their measured effect."""

from datetime import date, timedelta

from django.utils import timezone

from .. import analisis
from ..models import (
    AccionMejora,
    Hallazgo,
    ValorIndicador,
)
from ..periodos import Periodo, ultimo_trimestre_cerrado
from .indicadores import _fila


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
