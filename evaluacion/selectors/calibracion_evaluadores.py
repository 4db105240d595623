"""Calibration: each evaluator's levels against the unit's, with the flags of
leniency, severity and central tendency."""

from __future__ import annotations

import math

from django.db.models import Count

from organizacion.models import Empleado, NivelEscala

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
    # One grouped scan (evaluator × level) gives every figure: n, mean, mean of
    # squares, extremes and the distribution; three scans of every score cost
    # seconds over a whole organisation (issue 14).
    conteos: dict[int, dict[int, int]] = {}
    for evaluador_id, nivel, c in (
        base.values("evaluacion__evaluador_id", "nivel")
        .annotate(c=Count("id"))
        .order_by()
        .values_list("evaluacion__evaluador_id", "nivel", "c")
    ):
        conteos.setdefault(evaluador_id, {})[nivel] = c
    evaluaciones = dict(
        base.values("evaluacion__evaluador_id")
        .annotate(n=Count("evaluacion_id", distinct=True))
        .order_by()
        .values_list("evaluacion__evaluador_id", "n")
    )
    nombres = {
        e["pk"]: e
        for e in Empleado.objects.filter(pk__in=list(conteos)).values(
            "pk", "nombre", "apellidos"
        )
    }

    def _cifras(por_nivel: dict[int, int]) -> dict:
        n = sum(por_nivel.values())
        media = sum(v * c for v, c in por_nivel.items()) / n if n else None
        media2 = sum(v * v * c for v, c in por_nivel.items()) / n if n else None
        extremos = sum(c for v, c in por_nivel.items() if v in (minimo, maximo))
        return {
            "n": n,
            "media": media,
            "desviacion": _estadisticos(n, media, media2),
            "extremos": extremos,
            "pct_extremos": 100 * extremos / n if n else None,
        }

    total: dict[int, int] = {}
    for por_nivel in conteos.values():
        for v, c in por_nivel.items():
            total[v] = total.get(v, 0) + c
    unidad = _cifras(total)
    filas = []
    for evaluador_id, por_nivel in conteos.items():
        persona = nombres.get(evaluador_id, {})
        f = {
            "evaluacion__evaluador_id": evaluador_id,
            "evaluacion__evaluador__nombre": persona.get("nombre", ""),
            "evaluacion__evaluador__apellidos": persona.get("apellidos", ""),
            "evaluaciones": evaluaciones.get(evaluador_id, 0),
            **_cifras(por_nivel),
        }
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
        f["distribucion"] = [
            {"nivel": v, "n": por_nivel.get(v, 0)} for v in range(minimo, maximo + 1)
        ]
        filas.append(f)
    filas.sort(key=lambda f: f["evaluacion__evaluador__apellidos"])
    return {
        "unidad": unidad,
        "evaluadores": filas,
        "umbrales": {
            "desvio": DESVIO_MEDIA,
            "dispersion": DISPERSION_CENTRAL,
            "minimo": MINIMO_PUNTUACIONES,
        },
    }
