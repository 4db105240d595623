"""The indicators mejora reads (contract functions named in `mejora.fuentes`):
proportions with Wilson intervals and means with normal intervals, per period,
offices and channel."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from formacion.models import Matricula
from organizacion.models import Empleado

from ..models import Campana, Evaluacion, Puntuacion, RecomendacionCurso


def _vacio() -> dict:
    return {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}


def _wilson(exitos: int, n: int) -> dict:
    if not n:
        return _vacio()
    z = 1.959963984540054
    p = exitos / n
    den = 1 + z * z / n
    centro = (p + z * z / (2 * n)) / den
    margen = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return {
        "valor": round(100 * p, 2),
        "n": n,
        "ic_inf": round(100 * max(centro - margen, 0.0), 2),
        "ic_sup": round(100 * min(centro + margen, 1.0), 2),
    }


def _media_ic(n: int, media: float | None, media2: float | None) -> dict:
    if not n or media is None:
        return _vacio()
    if n < 2:
        return {"valor": round(media, 3), "n": n, "ic_inf": None, "ic_sup": None}
    varianza = max(media2 - media * media, 0.0) * n / (n - 1)
    # Normal approximation: n is in the hundreds for any real period.
    margen = 1.959963984540054 * math.sqrt(varianza / n)
    return {
        "valor": round(media, 3),
        "n": n,
        "ic_inf": round(media - margen, 3),
        "ic_sup": round(media + margen, 3),
    }


def _evaluaciones_del_periodo(desde, hasta, oficina_ids, canal) -> QuerySet[Evaluacion]:
    """Evaluations of campaigns whose evaluated period ends within [desde, hasta]."""
    qs = Evaluacion.objects.filter(
        campana__periodo_fin__gte=desde, campana__periodo_fin__lte=hasta
    ).exclude(campana__estado=Campana.Estado.BORRADOR)
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    if canal:
        qs = qs.filter(
            empleado_id__in=Empleado.canales.through.objects.filter(
                canal__codigo=canal
            ).values("empleado_id")
        )
    return qs


def indicador_cobertura_evaluacion(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """% of people in scope of the period's campaigns with a sent evaluation."""
    d = _evaluaciones_del_periodo(desde, hasta, oficina_ids, canal).aggregate(
        n=Count("id"), si=Count("id", filter=Q(enviada_en__isnull=False))
    )
    return _wilson(d["si"], d["n"])


def indicador_evaluaciones_en_plazo(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """% of sent evaluations sent by the end of the supervisor-scoring stage."""
    qs = _evaluaciones_del_periodo(desde, hasta, oficina_ids, canal).filter(
        enviada_en__isnull=False
    )
    d = qs.aggregate(
        n=Count("id"),
        si=Count("id", filter=Q(enviada_en__date__lte=F("campana__evaluacion_hasta"))),
    )
    return _wilson(d["si"], d["n"])


def indicador_nivel_vs_requerido(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """Mean of (level − required level) over scored competencies of sent evaluations."""
    diferencia = ExpressionWrapper(
        F("nivel") - F("nivel_requerido"), output_field=FloatField()
    )
    cuadrado = ExpressionWrapper(
        (F("nivel") - F("nivel_requerido")) * (F("nivel") - F("nivel_requerido")),
        output_field=FloatField(),
    )
    d = Puntuacion.objects.filter(
        evaluacion__in=_evaluaciones_del_periodo(
            desde, hasta, oficina_ids, canal
        ).filter(enviada_en__isnull=False),
        nivel__isnull=False,
        nivel_requerido__isnull=False,
    ).aggregate(n=Count("id"), media=Avg(diferencia), media2=Avg(cuadrado))
    return _media_ic(d["n"], d["media"], d["media2"])


def indicador_porcentaje_en_estandar(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """% of sent evaluations that meet their campaign's pass rule."""
    d = (
        _evaluaciones_del_periodo(desde, hasta, oficina_ids, canal)
        .filter(supera_estandar__isnull=False)
        .aggregate(n=Count("id"), si=Count("id", filter=Q(supera_estandar=True)))
    )
    return _wilson(d["si"], d["n"])


def indicador_tasa_alegaciones(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """% of sent evaluations that were appealed."""
    d = (
        _evaluaciones_del_periodo(desde, hasta, oficina_ids, canal)
        .filter(enviada_en__isnull=False)
        .aggregate(n=Count("id"), si=Count("id", filter=Q(alegada_en__isnull=False)))
    )
    return _wilson(d["si"], d["n"])


def nivel_medio_por_competencia(
    *, desde: date, hasta: date, oficina_ids: Sequence[int] | None = None
) -> list[dict]:
    filas = (
        Puntuacion.objects.filter(
            evaluacion__in=_evaluaciones_del_periodo(
                desde, hasta, oficina_ids, None
            ).filter(enviada_en__isnull=False),
            nivel__isnull=False,
        )
        .values("competencia__codigo", "competencia__orden")
        .annotate(
            media=Avg("nivel", output_field=FloatField()),
            requerido_medio=Avg("nivel_requerido", output_field=FloatField()),
            n=Count("id"),
        )
        .order_by("competencia__orden", "competencia__codigo")
    )
    return [
        {
            "competencia_codigo": f["competencia__codigo"],
            "media": round(f["media"], 2) if f["media"] is not None else None,
            "requerido_medio": round(f["requerido_medio"], 2)
            if f["requerido_medio"] is not None
            else None,
            "n": f["n"],
        }
        for f in filas
    ]


def nivel_siguiente_subquery():
    """The same person's level in the same competency in the next sent campaign."""
    return Subquery(
        Puntuacion.objects.filter(
            evaluacion__empleado_id=OuterRef("evaluacion__empleado_id"),
            competencia_id=OuterRef("competencia_id"),
            evaluacion__campana__periodo_inicio__gt=OuterRef(
                "evaluacion__campana__periodo_fin"
            ),
            evaluacion__enviada_en__isnull=False,
            nivel__isnull=False,
        )
        .order_by("evaluacion__campana__periodo_inicio")
        .values("nivel")[:1],
        output_field=IntegerField(),
    )


def indicador_cambio_tras_formacion(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    **parametros,
) -> dict:
    """Mean change in a competency's level between consecutive campaigns for people
    who completed a course recommended for that gap; the later campaign's period
    ends within [desde, hasta]."""
    fin_siguiente = Subquery(
        Puntuacion.objects.filter(
            evaluacion__empleado_id=OuterRef("evaluacion__empleado_id"),
            competencia_id=OuterRef("competencia_id"),
            evaluacion__campana__periodo_inicio__gt=OuterRef(
                "evaluacion__campana__periodo_fin"
            ),
            evaluacion__enviada_en__isnull=False,
            nivel__isnull=False,
        )
        .order_by("evaluacion__campana__periodo_inicio")
        .values("evaluacion__campana__periodo_fin")[:1]
    )
    completada = RecomendacionCurso.objects.filter(
        evaluacion_id=OuterRef("evaluacion_id"),
        competencia_id=OuterRef("competencia_id"),
        matricula__estado__in=[Matricula.Estado.COMPLETADA, Matricula.Estado.CADUCADA],
    )
    qs = Puntuacion.objects.filter(Exists(completada), nivel__isnull=False)
    if oficina_ids is not None:
        qs = qs.filter(evaluacion__oficina_id__in=list(oficina_ids))
    if canal:
        qs = qs.filter(
            evaluacion__empleado_id__in=Empleado.canales.through.objects.filter(
                canal__codigo=canal
            ).values("empleado_id")
        )
    qs = qs.annotate(siguiente=nivel_siguiente_subquery(), fin=fin_siguiente).filter(
        siguiente__isnull=False, fin__gte=desde, fin__lte=hasta
    )
    cambio = ExpressionWrapper(F("siguiente") - F("nivel"), output_field=FloatField())
    cuadrado = ExpressionWrapper(
        (F("siguiente") - F("nivel")) * (F("siguiente") - F("nivel")),
        output_field=FloatField(),
    )
    d = qs.aggregate(n=Count("id"), media=Avg(cambio), media2=Avg(cuadrado))
    return _media_ic(d["n"], d["media"], d["media2"])
