"""HTTP glue for mejora, one module per subdomain: parse (a form), authorise
(dirección and calidad only), call a selector or one service, render. The views
are re-exported here for mejora/urls.py."""

from .autoevaluacion import autoevaluacion, autoevaluaciones
from .cartas import carta, cartas
from .indicadores import indicador, recalcular, tablero, valores_manuales
from .informes import (
    informe,
    informe_aprobar,
    informe_estado,
    informe_pdf,
    informe_regenerar,
    informes,
)
from .plan import accion, hallazgos, plan

__all__ = [
    "accion",
    "autoevaluacion",
    "autoevaluaciones",
    "carta",
    "cartas",
    "hallazgos",
    "indicador",
    "informe",
    "informe_aprobar",
    "informe_estado",
    "informe_pdf",
    "informe_regenerar",
    "informes",
    "plan",
    "recalcular",
    "tablero",
    "valores_manuales",
]
