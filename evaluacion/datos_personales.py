"""evaluacion's part of an employee's data export (see organizacion.proteccion_datos).

The employee gets what the evaluation page shows them: the supervisor's levels,
comment, index and PDF only once the evaluation has been sent to them.
"""

from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Seccion

from .models import (
    ESTADOS_ENVIADA,
    AuditoriaEvaluacion,
    Evaluacion,
    Puntuacion,
    RecomendacionCurso,
)


def _evaluaciones(empleado):
    return Evaluacion.objects.filter(empleado=empleado).order_by(
        "campana__periodo_inicio", "pk"
    )


def _nombre_pdf(ev: Evaluacion) -> str:
    return f"evaluacion/evaluacion-{ev.pk}.pdf"


def _pdf_vigente(ev: Evaluacion) -> bool:
    return (
        ev.estado in ESTADOS_ENVIADA and bool(ev.pdf) and ev.pdf_version == ev.version
    )


def evaluaciones(empleado):
    for ev in _evaluaciones(empleado).select_related(
        "campana", "oficina", "puesto", "evaluador", "revisor"
    ):
        enviada = ev.estado in ESTADOS_ENVIADA
        yield (
            ev.pk,
            ev.campana.nombre,
            ev.campana.periodo_inicio,
            ev.campana.periodo_fin,
            ev.oficina.nombre,
            ev.puesto.nombre,
            ev.evaluador.nombre_completo,
            ev.get_estado_display(),
            ev.enviada_en,
            ev.reconocida_en,
            ev.cerrada_en,
            ev.comentario_evaluador if enviada else "",
            ev.comentario_empleado,
            ev.indice if enviada else None,
            ev.supera_estandar if enviada else None,
            _nombre_pdf(ev) if _pdf_vigente(ev) else "",
        )


def pdf_evaluaciones(empleado):
    for ev in _evaluaciones(empleado).exclude(pdf=""):
        if _pdf_vigente(ev):
            yield _nombre_pdf(ev), ev.pdf


def puntuaciones(empleado):
    for p in (
        Puntuacion.objects.filter(evaluacion__empleado=empleado)
        .select_related("evaluacion", "competencia")
        .order_by("evaluacion_id", "orden", "pk")
    ):
        enviada = p.evaluacion.estado in ESTADOS_ENVIADA
        yield (
            p.evaluacion_id,
            str(p.competencia),
            p.nivel_requerido,
            p.autoevaluacion,
            p.nivel if enviada else None,
            p.evidencia if enviada else "",
        )


def alegaciones(empleado):
    for ev in (
        _evaluaciones(empleado)
        .exclude(alegacion="")
        .select_related("campana", "revisor")
    ):
        yield (
            ev.pk,
            ev.campana.nombre,
            ev.alegada_en,
            ev.alegacion,
            ev.revisor.nombre_completo if ev.revisor else "",
            ev.get_decision_display(),
            ev.motivos_decision,
            ev.revisada_en,
        )


def plan_desarrollo(empleado):
    for r in (
        RecomendacionCurso.objects.filter(
            evaluacion__empleado=empleado, evaluacion__estado__in=ESTADOS_ENVIADA
        )
        .select_related("competencia", "curso", "matricula")
        .order_by("evaluacion_id", "pk")
    ):
        yield (
            r.evaluacion_id,
            str(r.competencia),
            r.curso.title,
            r.creada_en,
            r.matricula.get_estado_display() if r.matricula else "",
        )


def historial(empleado):
    """When each step of one's evaluations happened; the before/after values
    include the supervisor's drafts, which the employee never sees."""
    return (
        AuditoriaEvaluacion.objects.filter(
            evaluacion__empleado=empleado, evaluacion__estado__in=ESTADOS_ENVIADA
        )
        .order_by("evaluacion_id", "momento", "pk")
        .values_list("evaluacion_id", "momento", "accion")
    )


SECCIONES = [
    Seccion(
        "evaluacion/evaluaciones.csv",
        (
            _("Evaluación"),
            _("Campaña"),
            _("Periodo desde"),
            _("Periodo hasta"),
            _("Oficina"),
            _("Puesto"),
            _("Evaluador/a"),
            _("Estado"),
            _("Enviada el"),
            _("Recibida el"),
            _("Cerrada el"),
            _("Comentario de la supervisión"),
            _("Su comentario"),
            _("Índice global"),
            _("Cumple la regla"),
            _("Fichero"),
        ),
        evaluaciones,
        cubre=("evaluacion.Evaluacion.empleado",),
        adjuntos=pdf_evaluaciones,
    ),
    Seccion(
        "evaluacion/puntuaciones.csv",
        (
            _("Evaluación"),
            _("Competencia"),
            _("Nivel requerido"),
            _("Autoevaluación"),
            _("Nivel de la supervisión"),
            _("Evidencias"),
        ),
        puntuaciones,
        cubre=(),
    ),
    Seccion(
        "evaluacion/alegaciones.csv",
        (
            _("Evaluación"),
            _("Campaña"),
            _("Alegada el"),
            _("Alegación"),
            _("Revisor/a"),
            _("Decisión"),
            _("Motivos de la decisión"),
            _("Revisada el"),
        ),
        alegaciones,
        cubre=(),
    ),
    Seccion(
        "evaluacion/plan_desarrollo.csv",
        (
            _("Evaluación"),
            _("Competencia"),
            _("Curso recomendado"),
            _("Recomendado el"),
            _("Estado de la matrícula"),
        ),
        plan_desarrollo,
        cubre=(),
    ),
    Seccion(
        "evaluacion/historial.csv",
        (_("Evaluación"), _("Momento"), _("Acción")),
        historial,
        cubre=(),
    ),
]

REFERENCIAS = (
    "evaluacion.Evaluacion.evaluador",
    "evaluacion.Evaluacion.revisor",
    "evaluacion.AuditoriaEvaluacion.usuario",
    "evaluacion.RecordatorioEvaluador.evaluador",
    "evaluacion.RecomendacionCurso.asignada_por",
)
