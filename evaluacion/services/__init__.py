"""Every operation that changes an evaluation, a campaign or a framework.

The evaluation workflow is an explicit state machine:

    pendiente → autoevaluacion → en_evaluacion → enviada → reconocida → cerrada
                                                        ↘     ↓
                                                          alegada → revisada → cerrada

Receiving ("reconocida") is not agreeing: the person may still appeal until the
deadline, so a sent or received evaluation closes only once it is over.

Each transition checks the current state (a clear ValidationError otherwise),
the optimistic-lock `version` the user's form carried (no lost updates) and
writes one audit row with the values before and after.

By subdomain: `marcos` (framework versions), `apertura` (opening campaigns),
`transiciones` (what every transition does), `flujo` (self-assessment, scores,
sending, receipt), `alegaciones`, `cierre`, `avisos` (e-mails) and `plan`
(development plan: courses for the gaps).
"""

from .alegaciones import alegar_evaluacion, revisar_alegacion
from .apertura import abrir_campana, abrir_campanas_vencidas, empleados_en_alcance
from .avisos import enviar_recordatorios
from .cierre import (
    CierreEnPlazoDeAlegaciones,
    cerrar_campana,
    cerrar_evaluacion,
    motivo_para_no_cerrar,
)
from .flujo import (
    calcular_resultado,
    enviar_evaluacion,
    guardar_autoevaluacion,
    guardar_puntuaciones,
    guardar_y_enviar_evaluacion,
    reconocer_evaluacion,
)
from .marcos import congelar_marco, escala_de, nueva_version_marco
from .plan import asignar_curso_recomendado
from .transiciones import MENSAJE_CONFLICTO, ConflictoDeEdicion

__all__ = [
    "MENSAJE_CONFLICTO",
    "CierreEnPlazoDeAlegaciones",
    "ConflictoDeEdicion",
    "abrir_campana",
    "abrir_campanas_vencidas",
    "alegar_evaluacion",
    "asignar_curso_recomendado",
    "calcular_resultado",
    "cerrar_campana",
    "cerrar_evaluacion",
    "congelar_marco",
    "empleados_en_alcance",
    "enviar_evaluacion",
    "enviar_recordatorios",
    "escala_de",
    "guardar_autoevaluacion",
    "guardar_puntuaciones",
    "guardar_y_enviar_evaluacion",
    "motivo_para_no_cerrar",
    "nueva_version_marco",
    "reconocer_evaluacion",
    "revisar_alegacion",
]
