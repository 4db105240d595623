"""Read queries: an evaluation's results, team lists, calibration, heatmap,
campaign progress and the indicators that mejora consumes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import CompetenciaMarco, Empleado, NivelEscala

from .models import ESTADOS_ENVIADA, Campana, Evaluacion, Puntuacion

E = Evaluacion.Estado
ESTADOS_SIN_ENVIAR = (E.PENDIENTE, E.AUTOEVALUACION, E.EN_EVALUACION)

# Calibration thresholds (documented in the README and on the page):
# an evaluator whose mean differs from the unit's by at least DESVIO_MEDIA levels is
# lenient (+) or severe (−); a spread below DISPERSION_CENTRAL with no extreme level
# is central tendency. Flags need at least MINIMO_PUNTUACIONES scores.
DESVIO_MEDIA = 0.5
DISPERSION_CENTRAL = 0.5
MINIMO_PUNTUACIONES = 10


# --- One evaluation ------------------------------------------------------------------


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


def auditoria(ev: Evaluacion):
    return ev.auditoria.select_related("usuario").order_by("momento", "pk")


# Keys of the audit snapshots that are not Evaluacion fields, and the score parts.
_ETIQUETAS_AUDITORIA = {
    "puntuaciones": "",
    "nivel": _("nivel"),
    "autoevaluacion": _("autoevaluación"),
    "evidencia": _("evidencia"),
    "competencia": _("competencia"),
    "curso": _("curso"),
}


def _aplanar(datos, ruta=()) -> dict[tuple, object]:
    if isinstance(datos, dict):
        planos = {}
        for clave, valor in datos.items():
            planos.update(_aplanar(valor, (*ruta, str(clave))))
        return planos
    return {ruta: datos}


def _valor_legible(campo: str, valor) -> str:
    if valor in (None, ""):
        return "—"
    opciones = {
        "estado": Evaluacion.Estado,
        "decision": Evaluacion.Decision,
    }.get(campo)
    if opciones is not None and valor in opciones.values:
        return str(opciones(valor).label)
    if campo == "plazo_alegaciones":
        try:
            return date.fromisoformat(str(valor)).strftime("%d/%m/%Y")
        except ValueError:
            return str(valor)
    if campo == "indice":
        try:
            return formats.localize(Decimal(str(valor)))
        except ArithmeticError:
            return str(valor)
    if isinstance(valor, list):
        return ", ".join(str(v) for v in valor)
    return str(valor)


def _etiqueta_ruta(ruta: tuple, competencias: dict[str, str]) -> str:
    partes = []
    for i, clave in enumerate(ruta):
        if i == 0 and clave not in _ETIQUETAS_AUDITORIA:
            try:
                etiqueta = str(Evaluacion._meta.get_field(clave).verbose_name)
            except (FieldDoesNotExist, AttributeError):
                etiqueta = clave.replace("_", " ")
        elif ruta[0] == "puntuaciones" and i == 1:
            etiqueta = f"{clave} {competencias.get(clave, '')}".strip()
        else:
            etiqueta = str(_ETIQUETAS_AUDITORIA.get(clave, clave.replace("_", " ")))
        if etiqueta:
            partes.append(etiqueta)
    texto = " · ".join(partes)
    return texto[:1].upper() + texto[1:]


def historial(ev: Evaluacion) -> list[dict]:
    """The audit trail as readable changes: each row lists "field: before → after"
    with the field's label, choice labels and dates formatted, only for what
    changed (scores per competency and part)."""
    competencias = dict(
        CompetenciaMarco.objects.filter(marco_id=ev.campana.marco_id).values_list(
            "competencia__codigo", "nombre"
        )
    )
    filas = []
    for registro in auditoria(ev):
        antes, despues = _aplanar(registro.antes), _aplanar(registro.despues)
        cambios = []
        rutas = list(dict.fromkeys([*despues, *antes]))
        for ruta in sorted(rutas, key=lambda r: r != ("estado",)):
            a, d = antes.get(ruta), despues.get(ruta)
            if a == d:
                continue
            campo = ruta[-1] if ruta[0] == "puntuaciones" else ruta[0]
            cambios.append(
                {
                    "campo": _etiqueta_ruta(ruta, competencias),
                    "antes": _valor_legible(campo, a),
                    "despues": _valor_legible(campo, d),
                }
            )
        filas.append({"registro": registro, "cambios": cambios})
    return filas


# --- Lists ----------------------------------------------------------------------------


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


def campanas() -> QuerySet[Campana]:
    return Campana.objects.select_related("marco").annotate(
        total=Count("evaluaciones"),
        enviadas=Count(
            "evaluaciones", filter=Q(evaluaciones__estado__in=ESTADOS_ENVIADA)
        ),
        alegadas=Count("evaluaciones", filter=~Q(evaluaciones__alegacion="")),
    )


def _evaluaciones_en_ambito(
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
        _evaluaciones_en_ambito(campana, empleado_ids, oficina_id)
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
) -> dict:
    """People × competencies with the supervisor's level (constant queries)."""
    competencias = list(
        CompetenciaMarco.objects.filter(marco_id=campana.marco_id)
        .select_related("competencia")
        .order_by("orden")
    )
    evaluaciones = list(
        _evaluaciones_en_ambito(campana, empleado_ids, oficina_id)
        .values(
            "pk",
            "estado",
            "empleado__nombre",
            "empleado__apellidos",
            "oficina__nombre",
            "indice",
        )
        .order_by("empleado__apellidos", "empleado__nombre")
    )
    niveles: dict[tuple[int, int], dict] = {}
    for fila in Puntuacion.objects.filter(
        evaluacion__in=_evaluaciones_en_ambito(campana, empleado_ids, oficina_id)
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
    return {"competencias": competencias, "filas": filas}


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
        evaluacion__in=_evaluaciones_en_ambito(campana, empleado_ids, oficina_id),
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


# --- Indicators for mejora ---------------------------------------------------------


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


# --- Development plan -----------------------------------------------------------------


def plan_de_desarrollo(ev: Evaluacion, filas: list[dict]) -> list[dict]:
    """Each gap with the courses that develop it and the person's progress in them
    (a constant number of queries: courses, their competencies, enrolments)."""
    from formacion import selectors as formacion_selectors

    from .models import RecomendacionCurso

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
    from django.db.models import Exists

    from formacion.models import Matricula

    from .models import RecomendacionCurso

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
