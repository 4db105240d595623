"""Calibration: each evaluator's levels against the unit's, with the flags of
leniency, severity and central tendency."""

from __future__ import annotations

import math

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Q

from organizacion.models import NivelEscala

from ..models import Campana, Puntuacion
from .seguimiento import evaluaciones_en_ambito

# Calibration thresholds (documented in the README and on the page):
# an evaluator whose mean differs from the unit's by at least DESVIO_MEDIA levels is
# lenient (+) or severe (−); a spread below DISPERSION_CENTRAL with no extreme level
# is central tendency. Flags need at least MINIMO_PUNTUACIONES scores.
DESVIO_MEDIA = 0.5
DISPERSION_CENTRAL = 0.5
MINIMO_PUNTUACIONES = 10


def _estadisticos(
    n: int, media: float | None, media_cuadrados: float | None
) -> float | None:
    if not n or media is None or media_cuadrados is None:
        return None
    varianza = max(media_cuadrados - media * media, 0.0)
    return math.sqrt(varianza)


def calibracion(
    campana: Campana,
    *,
    empleado_ids: set[int] | None = None,
    oficina_id: int | None = None,
) -> dict:
    """Distribution of each evaluator's levels against the unit's: mean, spread
    (standard deviation) and share of extreme levels, with flags."""
    niveles = list(
        NivelEscala.objects.filter(marco_id=campana.marco_id).values_list(
            "valor", flat=True
        )
    )
    minimo, maximo = (min(niveles), max(niveles)) if niveles else (1, 5)
    base = Puntuacion.objects.filter(
        evaluacion__in=evaluaciones_en_ambito(campana, empleado_ids, oficina_id),
        nivel__isnull=False,
    )
    cuadrado = ExpressionWrapper(F("nivel") * F("nivel"), output_field=FloatField())
    agregados = {
        "n": Count("id"),
        "media": Avg("nivel", output_field=FloatField()),
        "media2": Avg(cuadrado),
        "extremos": Count("id", filter=Q(nivel__in=[minimo, maximo])),
    }
    unidad = base.aggregate(**agregados)
    unidad["desviacion"] = _estadisticos(unidad["n"], unidad["media"], unidad["media2"])
    unidad["pct_extremos"] = (
        100 * unidad["extremos"] / unidad["n"] if unidad["n"] else None
    )
    filas = list(
        base.values(
            "evaluacion__evaluador_id",
            "evaluacion__evaluador__nombre",
            "evaluacion__evaluador__apellidos",
        )
        .annotate(**agregados, evaluaciones=Count("evaluacion_id", distinct=True))
        .order_by("evaluacion__evaluador__apellidos")
    )
    for f in filas:
        f["desviacion"] = _estadisticos(f["n"], f["media"], f["media2"])
        f["pct_extremos"] = 100 * f["extremos"] / f["n"] if f["n"] else None
        f["diferencia"] = (
            (f["media"] - unidad["media"]) if unidad["media"] is not None else None
        )
        f["senales"] = []
        if f["n"] >= MINIMO_PUNTUACIONES and f["diferencia"] is not None:
            if f["diferencia"] >= DESVIO_MEDIA:
                f["senales"].append("indulgencia")
            elif f["diferencia"] <= -DESVIO_MEDIA:
                f["senales"].append("severidad")
            if (
                f["desviacion"] is not None
                and f["desviacion"] < DISPERSION_CENTRAL
                and not f["extremos"]
            ):
                f["senales"].append("tendencia_central")
    distribucion = {
        (d["evaluacion__evaluador_id"], d["nivel"]): d["c"]
        for d in base.values("evaluacion__evaluador_id", "nivel")
        .annotate(c=Count("id"))
        .order_by()
    }
    for f in filas:
        f["distribucion"] = [
            {"nivel": v, "n": distribucion.get((f["evaluacion__evaluador_id"], v), 0)}
            for v in range(minimo, maximo + 1)
        ]
    return {
        "unidad": unidad,
        "evaluadores": filas,
        "umbrales": {
            "desvio": DESVIO_MEDIA,
            "dispersion": DISPERSION_CENTRAL,
            "minimo": MINIMO_PUNTUACIONES,
        },
    }
