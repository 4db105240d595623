"""The indicators mejora reads (contract functions named in `mejora.fuentes`):
proportions with Wilson intervals and means with normal intervals, per period,
offices and channel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Unpack

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

from comun.estadistica import media_de_momentos, proporcion
from comun.indicadores import Ambito
from formacion.models import Matricula
from organizacion.models import Empleado

from ..models import Campana, Evaluacion, Puntuacion, RecomendacionCurso


def _en_ambito(
    qs: QuerySet, *, oficina_ids=None, canal=None, via: str = "", **_periodo
) -> QuerySet:
    """`qs` restricted to the offices and to people who serve on `canal`; `via`
    is the path from qs's model to the evaluation ("" or "evaluacion__")."""
    if oficina_ids is not None:
        qs = qs.filter(**{f"{via}oficina_id__in": list(oficina_ids)})
    if canal:
        en_el_canal = Empleado.canales.through.objects.filter(canal__codigo=canal)
        qs = qs.filter(**{f"{via}empleado_id__in": en_el_canal.values("empleado_id")})
    return qs


EN_PLAZO = Q(enviada_en__date__lte=F("campana__evaluacion_hasta"))


def evaluaciones_del_periodo(desde: date, hasta: date) -> QuerySet[Evaluacion]:
    """Evaluations of campaigns whose evaluated period ends within [desde, hasta]."""
    return Evaluacion.objects.filter(
        campana__periodo_fin__gte=desde, campana__periodo_fin__lte=hasta
    ).exclude(campana__estado=Campana.Estado.BORRADOR)


def _evaluaciones_del_periodo(**ambito: Unpack[Ambito]) -> QuerySet[Evaluacion]:
    qs = evaluaciones_del_periodo(ambito["desde"], ambito["hasta"])
    return _en_ambito(qs, **ambito)


def _enviadas(**ambito: Unpack[Ambito]) -> QuerySet[Evaluacion]:
    return _evaluaciones_del_periodo(**ambito).filter(enviada_en__isnull=False)


def porcentaje(si: Q) -> tuple[dict, Callable[[dict], dict]]:
    """Aggregates and result of "% of the evaluations matching `si`"."""
    agregados = {"n": Count("id"), "si": Count("id", filter=si)}
    return agregados, lambda d: proporcion(d["si"], d["n"], decimales=2)


def _porcentaje(evaluaciones: QuerySet[Evaluacion], si: Q) -> dict:
    """% of `evaluaciones` matching `si`, with its Wilson interval (one query)."""
    agregados, resultado = porcentaje(si)
    return resultado(evaluaciones.aggregate(**agregados))


def media_de_la_diferencia(
    mayor: str, menor: str
) -> tuple[dict, Callable[[dict], dict]]:
    """Aggregates and result of the mean of `mayor` − `menor` with its normal 95 %
    interval (n is in the hundreds for any real period), from AVG of the
    difference and of its square."""
    diferencia = ExpressionWrapper(F(mayor) - F(menor), output_field=FloatField())
    cuadrado = ExpressionWrapper(
        (F(mayor) - F(menor)) * (F(mayor) - F(menor)), output_field=FloatField()
    )
    agregados = {"n": Count("id"), "media": Avg(diferencia), "media2": Avg(cuadrado)}
    return agregados, lambda d: media_de_momentos(
        d["n"], d["media"], d["media2"], decimales=3
    )


def _media_de_la_diferencia(qs: QuerySet, mayor: str, menor: str) -> dict:
    agregados, resultado = media_de_la_diferencia(mayor, menor)
    return resultado(qs.aggregate(**agregados))


def indicador_cobertura_evaluacion(**ambito: Unpack[Ambito]) -> dict:
    """% of people in scope of the period's campaigns with a sent evaluation."""
    return _porcentaje(
        _evaluaciones_del_periodo(**ambito),
        Q(enviada_en__isnull=False),
    )


def indicador_evaluaciones_en_plazo(**ambito: Unpack[Ambito]) -> dict:
    """% of sent evaluations sent by the end of the supervisor-scoring stage."""
    return _porcentaje(_enviadas(**ambito), EN_PLAZO)


def indicador_nivel_vs_requerido(**ambito: Unpack[Ambito]) -> dict:
    """Mean of (level − required level) over scored competencies of sent evaluations."""
    puntuaciones = puntuaciones_con_requerido(_enviadas(**ambito))
    return _media_de_la_diferencia(puntuaciones, "nivel", "nivel_requerido")


def puntuaciones_con_requerido(enviadas: QuerySet[Evaluacion]) -> QuerySet:
    return Puntuacion.objects.filter(
        evaluacion__in=enviadas, nivel__isnull=False, nivel_requerido__isnull=False
    )


def indicador_porcentaje_en_estandar(**ambito: Unpack[Ambito]) -> dict:
    """% of sent evaluations that meet their campaign's pass rule."""
    return _porcentaje(
        _evaluaciones_del_periodo(**ambito).filter(supera_estandar__isnull=False),
        Q(supera_estandar=True),
    )


def indicador_tasa_alegaciones(**ambito: Unpack[Ambito]) -> dict:
    """% of sent evaluations that were appealed."""
    return _porcentaje(_enviadas(**ambito), Q(alegada_en__isnull=False))


def nivel_medio_por_competencia(
    *, desde: date, hasta: date, oficina_ids: Sequence[int] | None = None
) -> list[dict]:
    filas = (
        Puntuacion.objects.filter(
            evaluacion__in=_enviadas(desde=desde, hasta=hasta, oficina_ids=oficina_ids),
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


def _de_la_siguiente_campana(campo: str, **opciones) -> Subquery:
    """`campo` of the same person's score in the same competency in the next
    sent campaign."""
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
        .values(campo)[:1],
        **opciones,
    )


def nivel_siguiente_subquery():
    """The same person's level in the same competency in the next sent campaign."""
    return _de_la_siguiente_campana("nivel", output_field=IntegerField())


def cambios_tras_formacion(desde: date, hasta: date, puntuaciones=None) -> QuerySet:
    """Scores of a gap whose recommended course was completed, with the same
    person's level in the next sent campaign, which ends within [desde, hasta]."""
    completada = RecomendacionCurso.objects.filter(
        evaluacion_id=OuterRef("evaluacion_id"),
        competencia_id=OuterRef("competencia_id"),
        matricula__estado__in=[Matricula.Estado.COMPLETADA, Matricula.Estado.CADUCADA],
    )
    qs = (puntuaciones if puntuaciones is not None else Puntuacion.objects).filter(
        Exists(completada), nivel__isnull=False
    )
    return qs.annotate(
        siguiente=nivel_siguiente_subquery(),
        fin=_de_la_siguiente_campana("evaluacion__campana__periodo_fin"),
    ).filter(siguiente__isnull=False, fin__gte=desde, fin__lte=hasta)


def indicador_cambio_tras_formacion(**ambito: Unpack[Ambito]) -> dict:
    """Mean change in a competency's level between consecutive campaigns for people
    who completed a course recommended for that gap; the later campaign's period
    ends within [desde, hasta]."""
    en_ambito = _en_ambito(Puntuacion.objects.all(), via="evaluacion__", **ambito)
    qs = cambios_tras_formacion(ambito["desde"], ambito["hasta"], en_ambito)
    return _media_de_la_diferencia(qs, "siguiente", "nivel")
