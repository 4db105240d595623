"""Self-assessment: the model's structure, the consensus table and the totals
by the model's scoring rules."""

from collections import defaultdict
from statistics import pstdev

from django.db.models import Avg, Count, Max, Min, Prefetch

from ..app_settings import ajustes
from ..models import (
    Autoevaluacion,
    Criterio,
    ModeloCalidad,
    PuntuacionFinal,
    PuntuacionIndividual,
    Subcriterio,
)


def estructura_modelo(modelo: ModeloCalidad) -> list[Criterio]:
    return list(
        Criterio.objects.filter(modelo=modelo)
        .prefetch_related(
            Prefetch("subcriterios", queryset=Subcriterio.objects.order_by("orden"))
        )
        .order_by("orden")
    )


def consenso(autoevaluacion: Autoevaluacion) -> list[dict]:
    """Per subcriterion: members' scores, mean, min, max, spread (max − min) and
    standard deviation, largest disagreements first."""
    agregados = (
        PuntuacionIndividual.objects.filter(autoevaluacion=autoevaluacion)
        .values("subcriterio_id")
        .annotate(
            media=Avg("puntuacion"),
            minimo=Min("puntuacion"),
            maximo=Max("puntuacion"),
            n=Count("pk"),
        )
    )
    individuales = defaultdict(list)
    for p in (
        PuntuacionIndividual.objects.filter(autoevaluacion=autoevaluacion)
        .order_by("miembro__username")
        .values("subcriterio_id", "puntuacion", "miembro__username")
    ):
        individuales[p["subcriterio_id"]].append(p)
    subs = {
        s.pk: s
        for s in Subcriterio.objects.filter(
            criterio__modelo=autoevaluacion.modelo
        ).select_related("criterio")
    }
    filas = []
    for a in agregados:
        notas = [p["puntuacion"] for p in individuales[a["subcriterio_id"]]]
        filas.append(
            {
                "subcriterio": subs[a["subcriterio_id"]],
                "media": a["media"],
                "minimo": a["minimo"],
                "maximo": a["maximo"],
                "n": a["n"],
                "dispersion": a["maximo"] - a["minimo"],
                "desviacion": pstdev(notas) if len(notas) > 1 else 0.0,
                "individuales": individuales[a["subcriterio_id"]],
            }
        )
    filas.sort(
        key=lambda f: (
            -f["dispersion"],
            f["subcriterio"].criterio.orden,
            f["subcriterio"].orden,
        )
    )
    return filas


def puntuacion_modelo(autoevaluacion: Autoevaluacion) -> dict:
    """Totals by the model's rules from the final scores.

    EFQM (pesos): a criterion's percentage is the mean of its parts' percentages
    weighted by their points; its points = criterion points × percentage / 100;
    the total is the sum (out of 1,000).
    CAF (medias): a criterion = mean of its scored subcriteria; the total is the
    mean of the criteria (0–100).
    A total is given only when the share of scored subcriteria (parts) reaches
    MEJORA_COMPLETITUD_TOTAL (default 1.0: all of them); otherwise `total` is
    None and only the criteria and the count of scored subcriteria are shown.
    """
    modelo = autoevaluacion.modelo
    finales = {
        f.subcriterio_id: f
        for f in PuntuacionFinal.objects.filter(autoevaluacion=autoevaluacion)
    }
    criterios = []
    for c in estructura_modelo(modelo):
        subs = list(c.subcriterios.all())
        puntuados = [(s, finales[s.pk]) for s in subs if s.pk in finales]
        porcentaje = puntos = None
        if puntuados:
            if modelo.reglas == ModeloCalidad.Reglas.PESOS:
                pesos = sum((s.puntos or 1) for s, _f in puntuados)
                porcentaje = (
                    sum((s.puntos or 1) * f.puntuacion for s, f in puntuados) / pesos
                )
                puntos = (c.puntos or 0) * porcentaje / 100
            else:
                porcentaje = sum(f.puntuacion for _s, f in puntuados) / len(puntuados)
        criterios.append(
            {
                "criterio": c,
                "porcentaje": porcentaje,
                "puntos": puntos,
                "completo": len(puntuados) == len(subs),
                "partes": [
                    {"subcriterio": s, "final": finales.get(s.pk)} for s in subs
                ],
            }
        )
    con_valor = [x for x in criterios if x["porcentaje"] is not None]
    subcriterios = sum(len(x["partes"]) for x in criterios)
    puntuados = sum(1 for x in criterios for s in x["partes"] if s["final"])
    umbral = ajustes.COMPLETITUD_TOTAL
    if not subcriterios or puntuados / subcriterios < umbral:
        total = None
    elif modelo.reglas == ModeloCalidad.Reglas.PESOS:
        total = sum(x["puntos"] for x in con_valor) if con_valor else None
    else:
        total = (
            sum(x["porcentaje"] for x in con_valor) / len(con_valor)
            if con_valor
            else None
        )
    return {
        "criterios": criterios,
        "total": total,
        "puntuados": puntuados,
        "subcriterios": subcriterios,
        "maximo": modelo.puntos_totales,
        "completo": all(x["completo"] for x in criterios),
    }
