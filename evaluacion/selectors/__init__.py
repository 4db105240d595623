"""Read queries, by subdomain: `resultado` (one evaluation's result), `cambios`
(its audit trail), `bandejas` (each person's evaluations), `seguimiento`
(campaign progress and heatmap), `calibracion_evaluadores`, `plan` (development
plan) and `indicadores` (what mejora reads)."""

from .bandejas import alegaciones_a_revisar, evaluaciones_a_cargo, evaluaciones_de
from .calibracion_evaluadores import (
    DESVIO_MEDIA,
    DISPERSION_CENTRAL,
    MINIMO_PUNTUACIONES,
    calibracion,
)
from .cambios import auditoria, historial
from .indicadores import (
    indicador_cambio_tras_formacion,
    indicador_cobertura_evaluacion,
    indicador_evaluaciones_en_plazo,
    indicador_nivel_vs_requerido,
    indicador_porcentaje_en_estandar,
    indicador_tasa_alegaciones,
    nivel_medio_por_competencia,
    nivel_siguiente_subquery,
)
from .plan import plan_de_desarrollo
from .resultado import (
    escala,
    evaluacion_detalle,
    evolucion_por_competencia,
    filas_de_resultado,
)
from .seguimiento import campanas, mapa_de_calor, progreso_por_evaluador

__all__ = [
    "DESVIO_MEDIA",
    "DISPERSION_CENTRAL",
    "MINIMO_PUNTUACIONES",
    "alegaciones_a_revisar",
    "auditoria",
    "calibracion",
    "campanas",
    "escala",
    "evaluacion_detalle",
    "evaluaciones_a_cargo",
    "evaluaciones_de",
    "evolucion_por_competencia",
    "filas_de_resultado",
    "historial",
    "indicador_cambio_tras_formacion",
    "indicador_cobertura_evaluacion",
    "indicador_evaluaciones_en_plazo",
    "indicador_nivel_vs_requerido",
    "indicador_porcentaje_en_estandar",
    "indicador_tasa_alegaciones",
    "mapa_de_calor",
    "nivel_medio_por_competencia",
    "nivel_siguiente_subquery",
    "plan_de_desarrollo",
    "progreso_por_evaluador",
]
