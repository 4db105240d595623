"""Reads of mejora, one module per subdomain; the public names are re-exported
here, so callers keep using `mejora.selectors.X`.

Indicator reads come from the ValorIndicador rollup (never responses), so their
cost grows with indicators × scopes × periods.
"""

from .autoevaluacion import consenso, estructura_modelo, puntuacion_modelo
from .cartas import cartas_vigentes, cumplimiento_carta
from .indicadores import (
    HISTORIA,
    ambitos_disponibles,
    analisis_indicadores,
    celdas_suprimidas,
    indicadores_activos,
    meta_de,
    metas_del_anio,
    segmentacion,
    suprimir_valores,
    ultimo_periodo_con_datos,
)
from .informes import informe_interrumpido, informes_interrumpidos
from .pistas import pistas_transversales
from .plan import acciones_del_plan, efecto_accion, hallazgos, periodos_efecto
from .recalculo import (
    calculo_interrumpido,
    calculos_interrumpidos,
    estado_calculo,
    periodos_a_recalcular,
)

__all__ = [
    "HISTORIA",
    "acciones_del_plan",
    "ambitos_disponibles",
    "calculo_interrumpido",
    "calculos_interrumpidos",
    "analisis_indicadores",
    "cartas_vigentes",
    "celdas_suprimidas",
    "consenso",
    "cumplimiento_carta",
    "efecto_accion",
    "estado_calculo",
    "estructura_modelo",
    "hallazgos",
    "indicadores_activos",
    "informe_interrumpido",
    "informes_interrumpidos",
    "meta_de",
    "metas_del_anio",
    "periodos_a_recalcular",
    "periodos_efecto",
    "pistas_transversales",
    "puntuacion_modelo",
    "segmentacion",
    "suprimir_valores",
    "ultimo_periodo_con_datos",
]
