"""The training indicators for every scope of a period at once (mejora's
recalculation): the organisation, grouped by office and grouped by channel, three
queries per indicator whatever the number of offices. Same figures as the
per-scope functions in `formacion.selectors`, built from the same pieces."""

from datetime import date

from comun.indicadores import agregar_por_ambitos

from .indicadores import horas_por_persona, intentos_del_periodo, obligatoria_al_dia


def _agrupar(piezas, *, via: str = "", **ambitos) -> dict:
    qs, agregados, resultado = piezas
    return agregar_por_ambitos(
        qs,
        agregados,
        oficina=f"{via}oficina_id",
        canal=f"{via}canales__codigo",
        resultado=resultado,
        **ambitos,
    )


def indicador_formacion_obligatoria_al_dia(
    *, desde: date, hasta: date, **ambitos
) -> dict:
    return _agrupar(obligatoria_al_dia(hasta), **ambitos)


def indicador_horas_por_persona(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(horas_por_persona(desde, hasta), **ambitos)


def indicador_tasa_aprobado(*, desde: date, hasta: date, **ambitos) -> dict:
    return _agrupar(
        intentos_del_periodo(desde, hasta), via="matricula__empleado__", **ambitos
    )
