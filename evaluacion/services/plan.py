"""The development plan: a gap in a sent evaluation becomes an enrolment in a
course that develops that competency (through formacion)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from formacion import selectors as formacion_selectors
from formacion import services as formacion_services
from formacion.models import Matricula

from ..models import AuditoriaEvaluacion, Evaluacion, RecomendacionCurso


def asignar_curso_recomendado(
    *, evaluacion: Evaluacion, competencia_id: int, curso_id: int, por
):
    """One click on a gap: enrol the person in a course that develops that
    competency (origin «recomendación», through formacion) and remember why."""
    if not evaluacion.enviada:
        raise ValidationError(
            _("El plan de desarrollo se abre cuando la evaluación se ha enviado.")
        )
    puntuacion = (
        evaluacion.puntuaciones.select_related("competencia")
        .filter(competencia_id=competencia_id)
        .first()
    )
    if (
        puntuacion is None
        or puntuacion.nivel is None
        or puntuacion.nivel_requerido is None
        or (puntuacion.nivel >= puntuacion.nivel_requerido)
    ):
        raise ValidationError(_("Esa competencia no tiene brecha en esta evaluación."))
    curso = (
        formacion_selectors.cursos_que_desarrollan([puntuacion.competencia])
        .filter(pk=curso_id)
        .first()
    )
    if curso is None:
        raise ValidationError(
            _("Ese curso no desarrolla la competencia %(c)s.")
            % {"c": puntuacion.competencia}
        )
    with transaction.atomic():
        matricula = formacion_services.matricular(
            empleado=evaluacion.empleado,
            curso=curso,
            origen=Matricula.Origen.RECOMENDACION,
            por=por,
        )
        recomendacion, creada = RecomendacionCurso.objects.get_or_create(
            evaluacion=evaluacion,
            competencia_id=competencia_id,
            curso=curso,
            defaults={
                "matricula": matricula,
                "asignada_por": por
                if getattr(por, "is_authenticated", False)
                else None,
            },
        )
        if not creada and recomendacion.matricula_id != matricula.pk:
            recomendacion.matricula = matricula
            recomendacion.save(update_fields=["matricula"])
        if creada:
            AuditoriaEvaluacion.objects.create(
                evaluacion=evaluacion,
                usuario=por if getattr(por, "is_authenticated", False) else None,
                accion="curso recomendado asignado",
                despues={
                    "competencia": puntuacion.competencia.codigo,
                    "curso": curso.title,
                },
            )
    return matricula
