"""Every operation that changes training state, by subdomain.

- `matriculas`: enrolment, lesson progress and the completion rule;
- `cuestionarios`: the versioned question bank and quiz attempts;
- `certificados`: issue, PDF, revocation and reissue;
- `asignacion`: bulk assignment and standing rules;
- `renovaciones`: daily date rules (overdue, expiry, renewal);
- `recordatorios`: the daily digest e-mails;
- `expediente`: external training and the training-record PDF.

Callers import from `formacion.services`; the names below are its public face.
"""

from .asignacion import (
    aplicar_regla,
    aplicar_reglas_a_empleado,
    asignar,
    asignar_curso,
    crear_regla,
    empleados_segun_criterio,
)
from .certificados import (
    emitir_certificado,
    encolar_pdf_certificado,
    generar_pdf,
    reanudar_pdf_certificado,
    reemitir_certificado,
    revocar_certificado,
)
from .cuestionarios import (
    GRACIA_ENVIO,
    enviar_intento,
    guardar_version_pregunta,
    iniciar_intento,
    intentos_restantes,
)
from .expediente import (
    REENCOLAR_EXPEDIENTE_TRAS,
    generar_pdf_expediente,
    reconocer_formacion_externa,
    registrar_formacion_externa,
    solicitar_expediente,
)
from .matriculas import (
    completar_leccion,
    criterios_cumplidos,
    evaluar_finalizacion,
    matricular,
    registrar_completada,
    registrar_visita,
)
from .recordatorios import DIAS_AVISO_CADUCIDAD, DIAS_AVISO_PLAZO, enviar_recordatorios
from .renovaciones import abrir_renovaciones, actualizar_estados

__all__ = [
    "DIAS_AVISO_CADUCIDAD",
    "DIAS_AVISO_PLAZO",
    "GRACIA_ENVIO",
    "REENCOLAR_EXPEDIENTE_TRAS",
    "abrir_renovaciones",
    "actualizar_estados",
    "aplicar_regla",
    "aplicar_reglas_a_empleado",
    "asignar",
    "asignar_curso",
    "completar_leccion",
    "crear_regla",
    "criterios_cumplidos",
    "emitir_certificado",
    "empleados_segun_criterio",
    "encolar_pdf_certificado",
    "reanudar_pdf_certificado",
    "enviar_intento",
    "enviar_recordatorios",
    "evaluar_finalizacion",
    "generar_pdf",
    "generar_pdf_expediente",
    "guardar_version_pregunta",
    "iniciar_intento",
    "intentos_restantes",
    "matricular",
    "reconocer_formacion_externa",
    "reemitir_certificado",
    "registrar_completada",
    "registrar_formacion_externa",
    "registrar_visita",
    "revocar_certificado",
    "solicitar_expediente",
]
