"""Continuous improvement: quality models, indicators, targets, cartas de servicios,
self-assessments, improvement actions and the report.

Quality models and indicators are data (loaded by a data migration), never code.

One module per subdomain; every model is re-exported here, so `mejora.models.X`
keeps working for callers and migrations.
"""

from .ambito import Ambito, clave_ambito
from .autoevaluacion import Autoevaluacion, PuntuacionFinal, PuntuacionIndividual
from .calculos import CalculoPeriodo, PeriodoPendiente
from .cartas import (
    CartaServicios,
    CartaServiciosPage,
    CartasIndexPage,
    Compromiso,
    SeguimientoCompromiso,
)
from .indicadores import Indicador, MetaIndicador, ValorIndicador, ValorManual
from .informe import Informe, _ruta_informe
from .modelos_calidad import Criterio, ModeloCalidad, PanelPuntuacion, Subcriterio
from .plan import AccionMejora, Hallazgo, PlanMejora

__all__ = [
    "AccionMejora",
    "Ambito",
    "Autoevaluacion",
    "CalculoPeriodo",
    "CartaServicios",
    "CartaServiciosPage",
    "CartasIndexPage",
    "Compromiso",
    "Criterio",
    "Hallazgo",
    "Indicador",
    "Informe",
    "MetaIndicador",
    "ModeloCalidad",
    "PanelPuntuacion",
    "PeriodoPendiente",
    "PlanMejora",
    "PuntuacionFinal",
    "PuntuacionIndividual",
    "SeguimientoCompromiso",
    "Subcriterio",
    "ValorIndicador",
    "ValorManual",
    "_ruta_informe",
    "clave_ambito",
]
