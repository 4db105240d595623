"""Writes of the indicator rollup: one period at a time, every scope of each
indicator from its source's grouped variant (a fixed number of queries per
indicator, whatever the number of offices), all indicators of the period stored
in one short transaction, each run recorded (CalculoPeriodo)."""

import time
from collections.abc import Iterable
from datetime import date

from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.utils import timezone

from comun.indicadores import ambitos as claves_de_ambitos
from comun.latido import latiendo
from organizacion.models import Canal, Oficina

from .. import fuentes, selectors
from ..models import (
    CalculoPeriodo,
    PeriodoPendiente,
    ValorIndicador,
    ValorManual,
    clave_ambito,
)
from ..periodos import Periodo

_VACIO = {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
_CAMPOS = [
    "desde",
    "hasta",
    "ambito",
    "oficina",
    "canal",
    "valor",
    "n",
    "ic_inf",
    "ic_sup",
    "fuente_disponible",
    "calculado_en",
]


def periodos_por_defecto(hoy: date, completo: bool = False) -> list[str]:
    """Nightly: the current and previous quarter and month. Complete: 8 quarters
    and 13 months (enough for trends and the same period last year)."""
    trimestre, mes = Periodo.trimestre_de(hoy), Periodo.mes_de(hoy)
    if completo:
        return [p.clave for p in trimestre.serie(9)] + [p.clave for p in mes.serie(13)]
    return [trimestre.anterior.clave, trimestre.clave, mes.anterior.clave, mes.clave]


def _resultados(ind, p: Periodo, oficinas, canales, manuales) -> dict | None:
    if ind.selector != fuentes.MANUAL:
        return fuentes.calcular_ambitos(
            ind.selector,
            desde=p.desde,
            hasta=p.hasta,
            oficina_ids=oficinas,
            canales=canales,
            parametros=ind.parametros,
        )
    resultados = {}
    for ambito, oficina_id, canal in claves_de_ambitos(oficinas, canales):
        m = manuales.get((ind.pk, clave_ambito(ambito, oficina_id, canal)))
        resultados[(ambito, oficina_id, canal)] = (
            {"valor": m.valor, "n": m.n, "ic_inf": None, "ic_sup": None}
            if m
            else _VACIO
        )
    return resultados


def filas_del_periodo(periodo: str, codigos: list[str] | None = None) -> list:
    """The ValorIndicador rows of a period (suppressed, not saved): organisation,
    every active office and (for indicators segmented by channel) every channel."""
    p = Periodo.de(periodo)
    indicadores = list(selectors.indicadores_activos())
    if codigos:
        indicadores = [i for i in indicadores if i.codigo in codigos]
    oficinas = list(
        Oficina.objects.filter(activa=True).order_by("pk").values_list("pk", flat=True)
    )
    canales = list(Canal.objects.order_by("orden").values_list("codigo", flat=True))
    manuales = {
        (v.indicador_id, v.ambito_clave): v
        for v in ValorManual.objects.filter(indicador__in=indicadores, periodo=periodo)
    }
    ahora = timezone.now()
    todas = []
    for ind in indicadores:
        resultados = _resultados(
            ind, p, oficinas, canales if ind.por_canal else [], manuales
        )
        filas = [
            ValorIndicador(
                indicador=ind,
                periodo=p.clave,
                desde=p.desde,
                hasta=p.hasta,
                ambito=ambito,
                oficina_id=oficina_id,
                canal=canal,
                ambito_clave=clave_ambito(ambito, oficina_id, canal),
                fuente_disponible=resultados is not None,
                calculado_en=ahora,
                **((resultados or {}).get((ambito, oficina_id, canal)) or _VACIO),
            )
            for ambito, oficina_id, canal in claves_de_ambitos(
                oficinas, canales if ind.por_canal else []
            )
        ]
        selectors.suprimir_valores(ind, filas)
        todas += filas
    return todas


def _latir(calculo: CalculoPeriodo):
    return lambda: CalculoPeriodo.objects.filter(pk=calculo.pk).update(
        latido=timezone.now()
    )


def _terminar(calculo: CalculoPeriodo, estado: str, inicio: float, **campos) -> None:
    calculo.estado, calculo.terminado_en = estado, timezone.now()
    calculo.duracion = time.monotonic() - inicio
    for campo, valor in campos.items():
        setattr(calculo, campo, valor)
    calculo.save(update_fields=["estado", "terminado_en", "duracion", *campos.keys()])


def recalcular_periodo(
    *, periodo: str, codigos: list[str] | None = None
) -> CalculoPeriodo:
    """Recompute the rollup of one period and record the run. The values are
    written with the run's "completado" in one transaction: a run that fails or
    is killed leaves the previous values whole and its record says so. Upserts,
    so running it twice gives the same rows."""
    Periodo.de(periodo)
    _marcar_interrumpidos(periodo)
    calculo = CalculoPeriodo.objects.create(
        periodo=periodo,
        codigos=sorted(codigos or []),
        iniciado_en=timezone.now(),
        latido=timezone.now(),
    )
    if not codigos:
        # Before reading: data consolidated from now on marks the period again.
        PeriodoPendiente.objects.filter(periodo=periodo).delete()
    inicio = time.monotonic()
    try:
        with latiendo(_latir(calculo)):
            filas = filas_del_periodo(periodo, codigos)
        with transaction.atomic():
            ValorIndicador.objects.bulk_create(
                filas,
                update_conflicts=True,
                unique_fields=["indicador", "periodo", "ambito_clave"],
                update_fields=_CAMPOS,
            )
            _terminar(
                calculo, CalculoPeriodo.Estado.COMPLETADO, inicio, filas=len(filas)
            )
    except SoftTimeLimitExceeded:
        _terminar(calculo, CalculoPeriodo.Estado.INTERRUMPIDO, inicio)
        raise
    except Exception as exc:
        _terminar(calculo, CalculoPeriodo.Estado.ERROR, inicio, error=repr(exc)[:300])
        raise
    return calculo


def _marcar_interrumpidos(periodo: str) -> None:
    """Runs of the period whose worker died (heartbeat stopped) are recorded as
    interrupted, so the record says it without reading the heartbeat."""
    selectors.calculos_interrumpidos().filter(periodo=periodo).update(
        estado=CalculoPeriodo.Estado.INTERRUMPIDO
    )


def recalcular_indicadores(
    *, periodos: list[str], codigos: list[str] | None = None
) -> int:
    """Recompute several periods here, one after another (tests, benches, the
    command line); the workers get one task per period. Returns rows written."""
    return sum(recalcular_periodo(periodo=p, codigos=codigos).filas for p in periodos)


def marcar_fechas(fechas: Iterable[date], *, hoy: date | None = None) -> None:
    """Mark the months and quarters of `fechas` as pending; those recomputed every
    night anyway are left out, so a consolidation of today's responses writes
    nothing."""
    siempre = set(periodos_por_defecto(hoy or timezone.localdate()))
    claves = {
        p.clave for f in fechas for p in (Periodo.mes_de(f), Periodo.trimestre_de(f))
    } - siempre
    PeriodoPendiente.objects.bulk_create(
        [PeriodoPendiente(periodo=c) for c in sorted(claves)], ignore_conflicts=True
    )


def _encolar(periodos: list[str], codigos=None) -> None:
    from ..tasks import recalcular_periodo as tarea

    for periodo in periodos:
        tarea.delay(periodo=periodo, codigos=codigos)


def encolar_recalculo(periodos: list[str], codigos=None) -> list[str]:
    """One task per period, once the transaction commits."""
    transaction.on_commit(lambda: _encolar(periodos, codigos))
    return periodos


def encargar_recalculo(*, hoy: date) -> list[str]:
    """The "Recalcular" button: every period of the complete series."""
    return encolar_recalculo(periodos_por_defecto(hoy, completo=True))


def encargar_recalculo_nocturno(*, hoy: date) -> list[str]:
    """Beat, every night: the current and previous periods, those whose survey
    data changed since their last run, and those whose last run did not end."""
    return encolar_recalculo(selectors.periodos_a_recalcular(periodos_por_defecto(hoy)))
