"""evaluacion's processing activities (see organizacion.proteccion_datos)."""

from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Tratamiento
from organizacion.tratamientos import RESPONSABLE_SEGURIDAD

TRATAMIENTOS = [
    Tratamiento(
        codigo="evaluacion-desempeno",
        nombre=_("Evaluación del desempeño"),
        finalidad=_(
            "Evaluar las competencias de cada persona en cada campaña, atender "
            "sus alegaciones y proponer un plan de desarrollo."
        ),
        base_juridica=_(
            "RGPD art. 6.1.c y 6.1.e: evaluación del desempeño (TREBEP, art. 20)."
        ),
        interesados=_("Personal evaluado, evaluadores y revisores."),
        categorias_datos=_(
            "Identificativos, puesto y oficina del periodo, niveles por "
            "competencia, evidencias, comentarios, alegaciones y su decisión, "
            "índice global, historial de cambios."
        ),
        destinatarios=_("No se comunican a terceros, salvo obligación legal."),
        conservacion=_(
            "Las evaluaciones cerradas son inmutables; se conservan los años que "
            "fije la política de conservación."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "evaluacion.Evaluacion.empleado",
            "evaluacion.Evaluacion.evaluador",
            "evaluacion.Evaluacion.revisor",
            "evaluacion.Evaluacion.comentario_evaluador",
            "evaluacion.Evaluacion.comentario_empleado",
            "evaluacion.Evaluacion.alegacion",
            "evaluacion.Evaluacion.motivos_decision",
            "evaluacion.Evaluacion.indice",
            "evaluacion.Evaluacion.pdf",
            "evaluacion.Puntuacion.nivel",
            "evaluacion.Puntuacion.evidencia",
            "evaluacion.AuditoriaEvaluacion.usuario",
            "evaluacion.RecordatorioEvaluador.evaluador",
            "evaluacion.RecomendacionCurso.evaluacion",
            "evaluacion.RecomendacionCurso.asignada_por",
        ),
    ),
]

NO_PERSONALES = {
    "evaluacion.Festivo.nombre": _("Nombre del día festivo."),
    "evaluacion.Campana.nombre": _("Nombre de la campaña."),
}
