"""Reading the rollups: (group..., code, value, n) rows for a range and the
filters, from the fewest rows (months, weeks, then loose days; see `periodos`)."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from organizacion.models import Canal

from ..models import ResumenDiario, ResumenMensual, ResumenOficina, ResumenSemanal
from .periodos import Tramo, por_semanas, semanas, tramos


def _filtro(
    *,
    desde: date,
    hasta: date,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    servicio_ids: Sequence[int] | None = None,
    empleado_id: int | None = None,
) -> Q:
    return Q(fecha__gte=desde, fecha__lte=hasta) & _dimensiones(
        oficina_ids=oficina_ids,
        canal=canal,
        servicio_ids=servicio_ids,
        empleado_id=empleado_id,
    )


def _dimensiones(
    *,
    oficina_ids: Sequence[int] | None = None,
    canal: str | None = None,
    servicio_ids: Sequence[int] | None = None,
    empleado_id: int | None = None,
) -> Q:
    q = Q()
    if oficina_ids is not None:
        q &= Q(oficina_id__in=list(oficina_ids))
    if canal:
        q &= Q(canal_id__in=Canal.objects.filter(codigo=canal).values("pk"))
    if servicio_ids:
        q &= Q(servicio_id__in=list(servicio_ids))
    if empleado_id is not None:
        q &= Q(empleado_id=empleado_id)
    return q


# What a month's cell can be grouped by: ResumenMensual has no day, service or
# person; nor has a week's cell of ResumenSemanal.
_AGRUPABLE_POR_MES = frozenset({"oficina_id", "canal_id", "mes"})
_AGRUPABLE_POR_SEMANA = frozenset({"oficina_id", "canal_id", "semana"})


def distribuciones(
    *, codigos: Sequence[str] | None = None, agrupar: Sequence = (), **filtros
) -> dict:
    """{(grupo...,): {codigo: {valor: n}}} from the rollups (see `_filas`)."""
    resultado: dict = defaultdict(lambda: defaultdict(dict))
    corte = len(agrupar)
    for fila in _filas(codigos=codigos, agrupar=agrupar, **filtros):
        celda = resultado[fila[:corte]][fila[corte]]
        valor = fila[corte + 1]
        celda[valor] = celda.get(valor, 0) + fila[corte + 2]
    return sin_ceros(resultado)


def _filas(*, codigos: Sequence[str] | None, agrupar: Sequence, **filtros):
    """(grupo..., codigo, valor, n) rows from the rollups, one aggregate query per
    rollup read: the per-person one if the filter or the grouping needs the
    employee; else the months of the range from the monthly one and the days
    `tramos` leaves (those to subtract with a negative n) by whole weeks from the
    weekly one where `por_semanas` says, and only the rest from the per-office
    one; by week, the weeks from the weekly one less the days outside the range
    (with a service filter, all days from the per-office one). A group may come
    in more than one row: callers add them up (`sin_ceros`)."""
    por_persona = filtros.get("empleado_id") is not None or "empleado_id" in agrupar
    por_semana = "semana" in agrupar and _AGRUPABLE_POR_SEMANA.issuperset(agrupar)
    if (
        por_persona
        or filtros.get("servicio_ids")
        or not (por_semana or _AGRUPABLE_POR_MES.issuperset(agrupar))
    ):
        modelo = ResumenDiario if por_persona else ResumenOficina
        yield from _leer(modelo, _filtro(**filtros), codigos, agrupar)
        return
    desde, hasta = filtros.pop("desde"), filtros.pop("hasta")
    dimensiones = _dimensiones(**filtros)
    if por_semana:
        (inicio, fin), restar = semanas(desde, hasta)
        yield from _leer(
            ResumenSemanal,
            Q(semana__gte=inicio, semana__lt=fin) & dimensiones,
            codigos,
            agrupar,
        )
        yield from _restar(restar, dimensiones, codigos, agrupar)
        return
    meses, sumar, restar = tramos(desde, hasta)
    if meses:
        yield from _leer(
            ResumenMensual,
            Q(mes__gte=meses[0], mes__lt=meses[1]) & dimensiones,
            codigos,
            agrupar,
        )
    # The loose days, as whole weeks where they can be (a week has no month to
    # be grouped by): how many times each week and day counts (+1, or -1 to
    # subtract), then one read per rollup and count.
    veces: dict[tuple, int] = {}
    for rangos, signo in ((sumar, 1), (restar, -1)):
        for rango in rangos:
            if "mes" in agrupar:
                _contar(veces, ResumenOficina, [rango], signo)
                continue
            semanas_enteras, mas, menos = por_semanas(rango)
            _contar(veces, ResumenSemanal, semanas_enteras, signo)
            _contar(veces, ResumenOficina, mas, signo)
            _contar(veces, ResumenOficina, menos, -signo)
    lecturas: dict[tuple, list[date]] = {}
    for (modelo, dia), n in veces.items():
        if n:
            lecturas.setdefault((modelo, n), []).append(dia)
    for (modelo, n), dias in sorted(
        lecturas.items(), key=lambda x: (x[0][0].__name__, x[0][1])
    ):
        campo = "semana" if modelo is ResumenSemanal else "fecha"
        filtro = Q(**{f"{campo}__in": sorted(dias)}) & dimensiones
        yield from _veces(_leer(modelo, filtro, codigos, agrupar), n)


def _contar(veces: dict, modelo, rangos: list[Tramo], signo: int) -> None:
    """Add `signo` to each day (each Monday, for the weekly rollup) of `rangos`."""
    paso = timedelta(weeks=1) if modelo is ResumenSemanal else timedelta(days=1)
    for inicio, fin in rangos:
        dia = inicio
        while dia < fin:
            veces[(modelo, dia)] = veces.get((modelo, dia), 0) + signo
            dia += paso


def _veces(filas, veces: int):
    """The rows with their n multiplied (-1: to subtract)."""
    if veces == 1:
        yield from filas
        return
    for *fila, n in filas:
        yield (*fila, n * veces)


def _restar(restar: list[Tramo], dimensiones: Q, codigos, agrupar: Sequence):
    """The per-office rows of those days, with a negative n. Each range on its
    own: one range is an index-only scan, two OR-ed are not."""
    for inicio, fin in restar:
        dias = Q(fecha__gte=inicio, fecha__lt=fin)
        yield from _veces(
            _leer(ResumenOficina, dias & dimensiones, codigos, agrupar), -1
        )


def sin_ceros(resultado: dict) -> dict:
    """Drop what a subtraction left at zero: values, then questions, then groups
    (a group with answers only on the subtracted days is not in the range)."""
    for clave in list(resultado):
        por_codigo = resultado[clave]
        for codigo in list(por_codigo):
            dist = por_codigo[codigo]
            for valor in [v for v, n in dist.items() if n <= 0]:
                del dist[valor]
            if not dist:
                del por_codigo[codigo]
        if not por_codigo:
            del resultado[clave]
    return resultado


def _leer(modelo, filtro: Q, codigos, agrupar: Sequence):
    qs = modelo.objects.filter(filtro)
    if codigos:
        qs = qs.filter(codigo__in=list(codigos))
    anotaciones = {}
    for g in agrupar:
        if g == "semana" and modelo is not ResumenSemanal:
            anotaciones["semana"] = TruncWeek("fecha")
        elif g == "mes" and modelo is not ResumenMensual:
            anotaciones["mes"] = TruncMonth("fecha")
    if anotaciones:
        qs = qs.annotate(**anotaciones)
    return (
        qs.values_list(*agrupar, "codigo", "valor").annotate(total=Sum("n")).order_by()
    )
