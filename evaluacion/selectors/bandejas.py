"""The evaluations each person has in front of them: their own, those they
score, and the appeals they review."""

from __future__ import annotations

from django.db.models import QuerySet

from organizacion.models import Empleado

from ..models import Campana, Evaluacion

E = Evaluacion.Estado


def _con_progreso(qs: QuerySet[Evaluacion]) -> QuerySet[Evaluacion]:
    return qs.select_related("campana", "empleado", "evaluador", "oficina").order_by(
        "-campana__periodo_fin", "empleado__apellidos", "empleado__nombre"
    )


def evaluaciones_de(empleado: Empleado) -> QuerySet[Evaluacion]:
    return _con_progreso(Evaluacion.objects.filter(empleado=empleado))


def evaluaciones_a_cargo(evaluador: Empleado) -> QuerySet[Evaluacion]:
    return _con_progreso(
        Evaluacion.objects.filter(evaluador=evaluador).exclude(
            campana__estado=Campana.Estado.BORRADOR
        )
    )


def alegaciones_a_revisar(revisor: Empleado) -> QuerySet[Evaluacion]:
    return _con_progreso(
        Evaluacion.objects.filter(
            revisor=revisor, estado__in=[E.ALEGADA, E.REVISADA, E.CERRADA]
        ).exclude(alegacion="")
    )
