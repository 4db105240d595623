"""Every write of mejora, one module per subdomain: the rollup, targets and manual
values (indicadores), self-assessment scores (autoevaluacion), findings and
improvement actions (plan), cartas de servicios (cartas) and the report's life
cycle (informes). The public names are re-exported here, so callers keep using
`mejora.services.X`."""

from .autoevaluacion import (
    cerrar_autoevaluacion,
    crear_autoevaluacion,
    fijar_puntuacion_final,
    puntuar,
)
from .cartas import registrar_seguimiento
from .indicadores import fijar_meta, importar_valores_csv, registrar_valor_manual
from .informes import (
    _encolar_informe,  # replaced by the browser tests, which play the worker
    aprobar_informe,
    destinatarios_direccion,
    generar_informe,
    notificar_informe_listo,
    programar_informes,
    solicitar_informe,
)
from .plan import (
    editar_hallazgo,
    enviar_recordatorios,
    guardar_accion,
    proponer_hallazgos,
)
from .recalculo import (
    encargar_recalculo,
    encargar_recalculo_nocturno,
    encolar_recalculo,
    marcar_fechas,
    periodos_por_defecto,
    recalcular_indicadores,
    recalcular_periodo,
)

__all__ = [
    "_encolar_informe",
    "aprobar_informe",
    "cerrar_autoevaluacion",
    "crear_autoevaluacion",
    "destinatarios_direccion",
    "editar_hallazgo",
    "encargar_recalculo",
    "encargar_recalculo_nocturno",
    "encolar_recalculo",
    "enviar_recordatorios",
    "fijar_meta",
    "fijar_puntuacion_final",
    "generar_informe",
    "guardar_accion",
    "importar_valores_csv",
    "marcar_fechas",
    "notificar_informe_listo",
    "periodos_por_defecto",
    "programar_informes",
    "proponer_hallazgos",
    "puntuar",
    "recalcular_indicadores",
    "recalcular_periodo",
    "registrar_seguimiento",
    "registrar_valor_manual",
    "solicitar_informe",
]
