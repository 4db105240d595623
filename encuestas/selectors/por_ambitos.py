"""The survey indicators for every scope of a period at once: the organisation,
each office and each channel from one grouped query per indicator (mejora's
recalculation). Same figures as the per-scope functions in `encuestas.selectors`,
which stay for the dashboard's drill-down; the grouped rows are added up here,
since answers, funnels and alerts are counts that add across offices and channels.
"""

from collections.abc import Callable, Sequence
from datetime import date

from django.db.models import Sum

from comun.indicadores import sumar_por_ambitos
from organizacion.models import Canal

from ..models import EmbudoDiario
from . import (
    _media,
    _nps,
    _porcentaje_desde,
    agregados_alertas,
    alertas_del_periodo,
    alertas_en_plazo,
    distribuciones,
    tasa_de_celda,
)

_CELDA = ("oficina_id", "canal_id")


def _canales(codigos: Sequence[str]) -> dict[str, int]:
    return dict(
        Canal.objects.filter(codigo__in=list(codigos)).values_list("codigo", "pk")
    )


def _por_ambitos(celdas: dict, metrica: Callable[[dict], dict], **ambitos) -> dict:
    canales = _canales(ambitos["canales"]) if ambitos["canales"] else {}
    sumas = sumar_por_ambitos(
        celdas, oficina_ids=ambitos["oficina_ids"], canales=canales
    )
    # A channel code without a Canal row has no data, as with the per-scope filter.
    for codigo in set(ambitos["canales"]) - set(canales):
        sumas[("canal", None, codigo)] = {}
    return {a: metrica(dict(s)) for a, s in sumas.items()}


def _distribucion(
    codigo: str, metrica: Callable[[dict], dict], *, desde: date, hasta: date, **ambitos
) -> dict:
    celdas = {
        clave: por_codigo.get(codigo, {})
        for clave, por_codigo in distribuciones(
            codigos=[codigo], agrupar=_CELDA, desde=desde, hasta=hasta
        ).items()
    }
    return _por_ambitos(celdas, metrica, **ambitos)


def indicador_acuerdo(*, item: str = "SAT", **ambito) -> dict:
    return _distribucion(item, lambda d: _porcentaje_desde(d, 4), **ambito)


def indicador_media(*, item: str = "SAT", **ambito) -> dict:
    return _distribucion(item, _media, **ambito)


def indicador_ces(**ambito) -> dict:
    return _distribucion("FAC", lambda d: _porcentaje_desde(d, 5), **ambito)


def indicador_nps(**ambito) -> dict:
    return _distribucion("NPS", _nps, **ambito)


def indicador_tasa_respuesta(*, desde: date, hasta: date, **ambitos) -> dict:
    filas = (
        EmbudoDiario.objects.filter(fecha__gte=desde, fecha__lte=hasta)
        .values(*_CELDA)
        .annotate(ofrecidas=Sum("ofrecidas"), completadas=Sum("completadas"))
        .order_by()
    )
    celdas = {
        (f["oficina_id"], f["canal_id"]): {
            "ofrecidas": f["ofrecidas"] or 0,
            "completadas": f["completadas"] or 0,
        }
        for f in filas
    }
    return _por_ambitos(celdas, lambda c: tasa_de_celda(c or None), **ambitos)


def indicador_alertas_en_plazo(*, desde: date, hasta: date, **ambitos) -> dict:
    filas = (
        alertas_del_periodo(desde, hasta)
        .values("oficina_id", "respuesta__canal_id")
        .annotate(**agregados_alertas())
        .order_by()
    )
    celdas: dict = {}
    for f in filas:
        clave = (f.pop("oficina_id"), f.pop("respuesta__canal_id"))
        celdas[clave] = f
    return _por_ambitos(
        celdas, lambda c: alertas_en_plazo({"en_plazo": 0, "tarde": 0, **c}), **ambitos
    )
