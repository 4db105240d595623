"""One evaluation and its result: the rows per competency in the wording of
the campaign's framework version, the scale, and the previous campaign's levels."""

from __future__ import annotations

from organizacion.models import CompetenciaMarco, NivelEscala

from ..models import ESTADOS_ENVIADA, Evaluacion, Puntuacion


def evaluacion_detalle(pk: int) -> Evaluacion:
    return Evaluacion.objects.select_related(
        "campana__marco",
        "empleado__usuario",
        "empleado__oficina",
        "evaluador__usuario",
        "revisor",
        "oficina",
        "puesto",
    ).get(pk=pk)


def filas_de_resultado(ev: Evaluacion) -> list[dict]:
    """One row per competency: the framework wording of the campaign's version,
    the descriptors, level, self-assessment, required level and gap."""
    puntuaciones = list(ev.puntuaciones.select_related("competencia").order_by("orden"))
    textos = {
        cm.competencia_id: cm
        for cm in CompetenciaMarco.objects.filter(
            marco_id=ev.campana.marco_id
        ).prefetch_related("descriptores")
    }
    filas = []
    for p in puntuaciones:
        cm = textos.get(p.competencia_id)
        filas.append(
            {
                "puntuacion": p,
                "competencia": p.competencia,
                "nombre": cm.nombre if cm else p.competencia.nombre,
                "descriptores": list(cm.descriptores.all()) if cm else [],
                "nivel": p.nivel,
                "autoevaluacion": p.autoevaluacion,
                "requerido": p.nivel_requerido,
                "brecha": (p.nivel_requerido - p.nivel)
                if p.nivel is not None
                and p.nivel_requerido is not None
                and p.nivel < p.nivel_requerido
                else 0,
            }
        )
    return filas


def escala(marco_id: int) -> list[NivelEscala]:
    return list(NivelEscala.objects.filter(marco_id=marco_id).order_by("valor"))


def evolucion_por_competencia(ev: Evaluacion) -> dict[int, int | None]:
    """Level per competency in the person's previous campaign (to show the change)."""
    anterior = (
        Evaluacion.objects.filter(
            empleado_id=ev.empleado_id,
            campana__periodo_fin__lt=ev.campana.periodo_inicio,
            estado__in=ESTADOS_ENVIADA,
        )
        .order_by("-campana__periodo_fin")
        .values_list("pk", flat=True)
        .first()
    )
    if anterior is None:
        return {}
    return dict(
        Puntuacion.objects.filter(evaluacion_id=anterior).values_list(
            "competencia_id", "nivel"
        )
    )
