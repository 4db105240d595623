"""Course statistics for quality staff, and the indicators mejora reads."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Unpack

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from comun.estadistica import media_de_sumas, proporcion
from comun.indicadores import Ambito
from organizacion.models import Competencia, Empleado

from ..models import CursoPage, Intento, Matricula
from .cursos import COMPLETADAS
from .equipo import _con_obligatoria_pendiente, _validas_en


def estadisticas_cursos() -> list[dict]:
    """Per course: enrolled, completed, pass rate, mean mark and days. Each
    figure grouped by course id on its own table: joining the enrolments to the
    page tree grouped every page column (7 s at 5,000 people, issue 14)."""
    cursos = list(CursoPage.objects.defer_streamfields().order_by("title"))
    por_curso = {
        f["curso_id"]: f
        for f in Matricula.objects.values("curso_id")
        .annotate(
            matriculados=Count("id"),
            completados=Count("id", filter=Q(estado__in=COMPLETADAS)),
            nota_media=Avg("nota", filter=Q(estado__in=COMPLETADAS)),
        )
        .order_by()
    }
    intentos = {
        f["matricula__curso_id"]: f
        for f in Intento.objects.filter(estado=Intento.Estado.ENVIADO)
        .values("matricula__curso_id")
        .annotate(enviados=Count("id"), aprobados=Count("id", filter=Q(aprobado=True)))
        .order_by()
    }
    for c in cursos:
        cifras = por_curso.get(c.pk, {})
        c.matriculados = cifras.get("matriculados", 0)
        c.completados = cifras.get("completados", 0)
        c.nota_media = cifras.get("nota_media")
        c.intentos_enviados = intentos.get(c.pk, {}).get("enviados", 0)
        c.intentos_aprobados = intentos.get(c.pk, {}).get("aprobados", 0)
    duraciones = {
        f["curso_id"]: f["media"]
        for f in Matricula.objects.filter(
            estado__in=COMPLETADAS, iniciada_en__isnull=False
        )
        .values("curso_id")
        .annotate(media=Avg(F("completada_en") - F("iniciada_en")))
    }
    resultado = []
    for c in cursos:
        duracion = duraciones.get(c.pk)
        if isinstance(duracion, int | float):
            duracion = timedelta(microseconds=duracion)
        resultado.append(
            {
                "curso": c,
                "matriculados": c.matriculados,
                "completados": c.completados,
                "tasa_aprobado": (100 * c.intentos_aprobados / c.intentos_enviados)
                if c.intentos_enviados
                else None,
                "intentos": c.intentos_enviados,
                "nota_media": c.nota_media,
                "dias_medios": (duracion.total_seconds() / 86400) if duracion else None,
            }
        )
    return resultado


def _empleados_en_ambito(
    *, en: date, oficina_ids=None, canal: str | None = None, **_periodo
):
    qs = Empleado.objects.activos(en)
    if oficina_ids is not None:
        qs = qs.filter(oficina_id__in=list(oficina_ids))
    if canal:
        qs = qs.filter(canales__codigo=canal)
    return qs


def obligatoria_al_dia(hasta: date):
    """(active employees annotated with `pendiente`, aggregates, result): the
    pieces of the indicator, shared with its grouped variant (por_ambitos)."""
    qs = Empleado.objects.activos(hasta).annotate(
        pendiente=_con_obligatoria_pendiente(hasta)
    )
    agregados = {
        "n": Count("pk", distinct=True),
        "al_dia": Count("pk", filter=Q(pendiente=False), distinct=True),
    }
    return qs, agregados, lambda d: proporcion(d["al_dia"], d["n"])


def indicador_formacion_obligatoria_al_dia(**ambito: Unpack[Ambito]) -> dict:
    """% of active employees in scope with every applicable mandatory course up to
    date at `hasta`."""
    hasta = ambito["hasta"]
    _, agregados, resultado = obligatoria_al_dia(hasta)
    datos = (
        _empleados_en_ambito(en=hasta, **ambito)
        .distinct()
        .annotate(pendiente=_con_obligatoria_pendiente(hasta))
        .aggregate(**agregados)
    )
    return resultado(datos)


def horas_por_persona(desde: date, hasta: date, empleados=None):
    """(employees annotated with their hours in the period, aggregates, result)."""
    horas = (
        Matricula.objects.filter(
            empleado_id=OuterRef("pk"),
            estado__in=COMPLETADAS,
            completada_en__date__gte=desde,
            completada_en__date__lte=hasta,
        )
        .values("empleado_id")
        .annotate(h=Sum("curso__horas"))
        .values("h")
    )
    empleados = empleados if empleados is not None else Empleado.objects.activos(hasta)
    qs = empleados.annotate(
        h=Coalesce(
            Subquery(horas, output_field=DecimalField()),
            Value(Decimal(0)),
            output_field=FloatField(),
        )
    )
    agregados = {
        "n": Count("pk"),
        "s": Sum("h"),
        "s2": Sum(F("h") * F("h"), output_field=FloatField()),
    }
    return (
        qs,
        agregados,
        lambda d: media_de_sumas(d["n"] or 0, d["s"], d["s2"], minimo=0.0),
    )


def indicador_horas_por_persona(**ambito: Unpack[Ambito]) -> dict:
    """Training hours completed in the period per active employee (mean, normal CI)."""
    ids = _empleados_en_ambito(en=ambito["hasta"], **ambito).values("pk")
    qs, agregados, resultado = horas_por_persona(
        ambito["desde"], ambito["hasta"], Empleado.objects.filter(pk__in=ids)
    )
    return resultado(qs.aggregate(**agregados))


def intentos_del_periodo(desde: date, hasta: date):
    """(finished quiz attempts of the period, aggregates, result)."""
    qs = Intento.objects.filter(
        estado=Intento.Estado.ENVIADO,
        enviado_en__date__gte=desde,
        enviado_en__date__lte=hasta,
    )
    agregados = {"n": Count("pk"), "aprobados": Count("pk", filter=Q(aprobado=True))}
    return qs, agregados, lambda d: proporcion(d["aprobados"], d["n"])


def indicador_tasa_aprobado(**ambito: Unpack[Ambito]) -> dict:
    """% of finished quiz attempts in the period that passed."""
    qs, agregados, resultado = intentos_del_periodo(ambito["desde"], ambito["hasta"])
    if (oficina_ids := ambito.get("oficina_ids")) is not None:
        qs = qs.filter(matricula__empleado__oficina_id__in=list(oficina_ids))
    if canal := ambito.get("canal"):
        qs = qs.filter(
            matricula__empleado__in=Empleado.objects.filter(
                canales__codigo=canal
            ).values("pk")
        )
    return resultado(qs.aggregate(**agregados))


def cobertura_por_competencia(
    *, en: date, oficina_ids: Sequence[int] | None = None
) -> list[dict]:
    """Per competency: active people in scope, how many hold a valid completion of a
    course that develops it, and the percentage."""
    personas = _empleados_en_ambito(en=en, oficina_ids=oficina_ids)
    n = personas.count()
    cubiertas = dict(
        _validas_en(en)
        .filter(empleado__in=personas.values("pk"))
        .values("curso__competencias__codigo")
        .annotate(p=Count("empleado_id", distinct=True))
        .values_list("curso__competencias__codigo", "p")
    )
    return [
        {
            "competencia_codigo": codigo,
            "personas": n,
            "con_curso_completado": cubiertas.get(codigo, 0),
            "porcentaje": (100 * cubiertas.get(codigo, 0) / n) if n else None,
        }
        for codigo in Competencia.objects.order_by("orden", "codigo").values_list(
            "codigo", flat=True
        )
    ]
