"""Following campaigns: their totals, progress per evaluator and the heatmap
of people × competencies, within what the viewer may see."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from organizacion.models import CompetenciaMarco

from ..models import ESTADOS_ENVIADA, Campana, Evaluacion, Puntuacion


def campanas() -> QuerySet[Campana]:
    return Campana.objects.select_related("marco").annotate(
        total=Count("evaluaciones"),
        enviadas=Count(
            "evaluaciones", filter=Q(evaluaciones__estado__in=ESTADOS_ENVIADA)
        ),
        alegadas=Count("evaluaciones", filter=~Q(evaluaciones__alegacion="")),
    )


def evaluaciones_en_ambito(
    campana: Campana, empleado_ids: set[int] | None, oficina_id: int | None
):
    qs = Evaluacion.objects.filter(campana=campana)
    if empleado_ids is not None:
        qs = qs.filter(empleado_id__in=empleado_ids)
    if oficina_id:
        qs = qs.filter(oficina_id=oficina_id)
    return qs


def progreso_por_evaluador(
    campana: Campana,
    *,
    empleado_ids: set[int] | None = None,
    oficina_id: int | None = None,
    hoy: date | None = None,
) -> list[dict]:
    """Done and late per supervisor, aggregated in the database."""
    hoy = hoy or timezone.localdate()
    vencida = campana.evaluacion_hasta < hoy
    filas = list(
        evaluaciones_en_ambito(campana, empleado_ids, oficina_id)
        .values(
            "evaluador_id",
            "evaluador__nombre",
            "evaluador__apellidos",
            "evaluador__oficina__nombre",
        )
        .annotate(
            total=Count("id"),
            hechas=Count("id", filter=Q(estado__in=ESTADOS_ENVIADA)),
            alegadas=Count("id", filter=~Q(alegacion="")),
        )
        .order_by("evaluador__apellidos", "evaluador__nombre")
    )
    for f in filas:
        f["pendientes"] = f["total"] - f["hechas"]
        f["atrasadas"] = f["pendientes"] if vencida else 0
        f["porcentaje"] = round(100 * f["hechas"] / f["total"]) if f["total"] else 0
    return filas


def mapa_de_calor(
    campana: Campana,
    *,
    empleado_ids: set[int] | None = None,
    oficina_id: int | None = None,
    pagina: int | str | None = 1,
    por_pagina: int = 50,
) -> dict:
    """People × competencies with the supervisor's level, a page of people at a
    time (the whole organisation is thousands): constant queries, and only the
    page's scores are read."""
    competencias = list(
        CompetenciaMarco.objects.filter(marco_id=campana.marco_id)
        .select_related("competencia")
        .order_by("orden")
    )
    pagina_de = Paginator(
        evaluaciones_en_ambito(campana, empleado_ids, oficina_id)
        .values(
            "pk",
            "estado",
            "empleado__nombre",
            "empleado__apellidos",
            "oficina__nombre",
            "indice",
        )
        .order_by("empleado__apellidos", "empleado__nombre", "pk"),
        por_pagina,
    ).get_page(pagina)
    evaluaciones = list(pagina_de.object_list)
    niveles: dict[tuple[int, int], dict] = {}
    for fila in Puntuacion.objects.filter(
        evaluacion_id__in=[ev["pk"] for ev in evaluaciones]
    ).values("evaluacion_id", "competencia_id", "nivel", "nivel_requerido"):
        niveles[(fila["evaluacion_id"], fila["competencia_id"])] = fila
    filas = []
    for ev in evaluaciones:
        celdas = []
        for cm in competencias:
            dato = niveles.get((ev["pk"], cm.competencia_id))
            nivel = dato["nivel"] if dato else None
            requerido = dato["nivel_requerido"] if dato else None
            celdas.append(
                {
                    "nivel": nivel,
                    "requerido": requerido,
                    "aplica": dato is not None,
                    "brecha": nivel is not None
                    and requerido is not None
                    and nivel < requerido,
                }
            )
        filas.append({**ev, "celdas": celdas})
    return {"competencias": competencias, "filas": filas, "pagina": pagina_de}
