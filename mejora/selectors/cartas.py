"""Compliance of the cartas de servicios, per commitment and quarter."""

from datetime import date

from django.db.models import Max, Prefetch
from django.utils import timezone

from .. import analisis
from ..models import (
    AccionMejora,
    Ambito,
    CartaServicios,
    Compromiso,
    SeguimientoCompromiso,
    ValorIndicador,
    clave_ambito,
)
from ..periodos import Periodo


def cumplimiento_carta(
    carta: CartaServicios, anio: int | None = None, hoy: date | None = None
) -> dict:
    """Compliance per commitment, per quarter of a year and for the year:
    cumplido / no cumplido / sin datos / en curso, with causes and linked actions.

    A quarter that has not ended on `hoy` is "en curso": its partial figure is
    shown but decides nothing. The year's verdict uses ended quarters only and is
    provisional while the year has not ended."""
    hoy = hoy or timezone.localdate()
    compromisos = list(
        Compromiso.objects.filter(carta=carta)
        .select_related("indicador")
        .order_by("orden", "pk")
    )
    clave = (
        clave_ambito(Ambito.OFICINA, carta.oficina_id)
        if carta.oficina_id
        else "organizacion"
    )
    if anio is None:
        ultimo = ValorIndicador.objects.filter(
            indicador__in=[c.indicador_id for c in compromisos],
            ambito_clave=clave,
            n__gt=0,
            periodo__regex=r"^\d{4}-Q[1-4]$",
        ).aggregate(m=Max("periodo"))["m"]
        anio = Periodo.de(ultimo).anio if ultimo else carta.vigente_desde.year
    trimestres = [Periodo(anio, t, True).clave for t in range(1, 5)]
    valores = {
        (v.indicador_id, v.periodo): v
        for v in ValorIndicador.objects.filter(
            indicador__in=[c.indicador_id for c in compromisos],
            periodo__in=trimestres,
            ambito_clave=clave,
        )
    }
    seguimientos = {
        (s.compromiso_id, s.periodo): s
        for s in SeguimientoCompromiso.objects.filter(
            compromiso__in=compromisos, periodo__in=trimestres
        ).prefetch_related(
            Prefetch("acciones", queryset=AccionMejora.objects.order_by("pk"))
        )
    }
    filas = []
    for c in compromisos:
        celdas = []
        for t in trimestres:
            v = valores.get((c.indicador_id, t))
            estado = "sin_datos"
            if (
                v is not None
                and analisis.estado_muestra(v.valor, v.n, c.indicador.n_minimo)
                == analisis.SUFICIENTE
            ):
                estado = (
                    "cumplido"
                    if analisis.mejor(v.valor, c.objetivo, c.indicador.direccion)
                    else "no_cumplido"
                )
            en_curso = Periodo.de(t).en_curso(hoy)
            if en_curso and (v is None or v.valor is None):
                estado = "sin_datos"
            elif en_curso:
                estado = "en_curso"
            s = seguimientos.get((c.pk, t))
            celdas.append(
                {
                    "periodo": t,
                    "valor": v.valor if estado != "sin_datos" else None,
                    "n": v.n if v else 0,
                    "estado": estado,
                    "en_curso": en_curso,
                    "causa": s.causa if s else "",
                    "acciones": list(s.acciones.all()) if s else [],
                }
            )
        con_datos = [x for x in celdas if x["estado"] in ("cumplido", "no_cumplido")]
        anual = "sin_datos"
        if con_datos:
            anual = (
                "cumplido"
                if all(x["estado"] == "cumplido" for x in con_datos)
                else "no_cumplido"
            )
        filas.append({"compromiso": c, "celdas": celdas, "anual": anual})
    return {
        "carta": carta,
        "anio": anio,
        "trimestres": trimestres,
        "filas": filas,
        "provisional": date(anio, 12, 31) >= hoy,
    }


def cartas_vigentes(en):
    from django.db.models import Q

    return (
        CartaServicios.objects.filter(vigente_desde__lte=en)
        .filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=en))
        .order_by("nombre")
    )
