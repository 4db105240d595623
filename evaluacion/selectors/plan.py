"""The development plan: each gap with the courses that develop it and the
person's progress in them (through formacion)."""

from __future__ import annotations

from formacion import selectors as formacion_selectors

from ..models import Evaluacion, RecomendacionCurso


def plan_de_desarrollo(ev: Evaluacion, filas: list[dict]) -> list[dict]:
    """Each gap with the courses that develop it and the person's progress in them
    (a constant number of queries: courses, their competencies, enrolments)."""
    brechas = [f for f in filas if f["brecha"]]
    if not brechas:
        return []
    cursos = list(
        formacion_selectors.cursos_que_desarrollan(
            [f["competencia"] for f in brechas]
        ).prefetch_related("competencias")
    )
    progreso = formacion_selectors.progreso_matriculas(ev.empleado, cursos)
    recomendados = set(
        RecomendacionCurso.objects.filter(evaluacion=ev).values_list(
            "competencia_id", "curso_id"
        )
    )
    plan = []
    for fila in brechas:
        cid = fila["competencia"].pk
        plan.append(
            {
                **fila,
                "cursos": [
                    {
                        "curso": c,
                        "matricula": progreso.get(c.pk),
                        "recomendado": (cid, c.pk) in recomendados,
                    }
                    for c in cursos
                    if any(comp.pk == cid for comp in c.competencias.all())
                ],
            }
        )
    return plan
