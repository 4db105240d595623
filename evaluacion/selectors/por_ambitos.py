"""The evaluation indicators for every scope of a period at once (mejora's
recalculation): the organisation, grouped by the evaluation's office and grouped
by the channels its person serves on, three queries per indicator whatever the
number of offices. Same figures as the per-scope functions in
`evaluacion.selectors`, built from the same pieces."""

from datetime import date

from django.db.models import Q, QuerySet

from comun.indicadores import agregar_por_ambitos

from .indicadores import (
    EN_PLAZO,
    cambios_tras_formacion,
    evaluaciones_del_periodo,
    media_de_la_diferencia,
    porcentaje,
    puntuaciones_con_requerido,
)


def _agrupar(qs: QuerySet, piezas, *, via: str = "", **ambitos) -> dict:
    agregados, resultado = piezas
    return agregar_por_ambitos(
        qs,
        agregados,
        oficina=f"{via}oficina_id",
        canal=f"{via}empleado__canales__codigo",
        resultado=resultado,
        **ambitos,
    )


def _enviadas(desde: date, hasta: date) -> QuerySet:
    return evaluaciones_del_periodo(desde, hasta).filter(enviada_en__isnull=False)


def indicador_cobertura_evaluacion(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(
        evaluaciones_del_periodo(desde, hasta),
        porcentaje(Q(enviada_en__isnull=False)),
        **ambitos,
    )


def indicador_evaluaciones_en_plazo(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(_enviadas(desde, hasta), porcentaje(EN_PLAZO), **ambitos)


def indicador_nivel_vs_requerido(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(
        puntuaciones_con_requerido(_enviadas(desde, hasta)),
        media_de_la_diferencia("nivel", "nivel_requerido"),
        via="evaluacion__",
        **ambitos,
    )


def indicador_porcentaje_en_estandar(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(
        evaluaciones_del_periodo(desde, hasta).filter(supera_estandar__isnull=False),
        porcentaje(Q(supera_estandar=True)),
        **ambitos,
    )


def indicador_tasa_alegaciones(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(
        _enviadas(desde, hasta), porcentaje(Q(alegada_en__isnull=False)), **ambitos
    )


def indicador_cambio_tras_formacion(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(
        cambios_tras_formacion(desde, hasta),
        media_de_la_diferencia("siguiente", "nivel"),
        via="evaluacion__",
        **ambitos,
    )
