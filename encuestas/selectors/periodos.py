"""How a date range is read from the rollups: whole months, whole ISO weeks
and the loose days left, added or subtracted. Pure date arithmetic."""

from datetime import date, timedelta


def _mes_siguiente(dia: date) -> date:
    return (dia.replace(day=28) + timedelta(days=4)).replace(day=1)


Tramo = tuple[date, date]  # [first day, end)


def lunes(fecha: date) -> date:
    """The Monday of `fecha`'s ISO week: the key of the weekly rollup."""
    return fecha - timedelta(days=fecha.weekday())


def tramos(desde: date, hasta: date) -> tuple[Tramo | None, list[Tramo], list[Tramo]]:
    """How to read [desde, hasta] with the fewest daily rows: (the months to read
    from the monthly rollup, day ranges to add, day ranges to subtract). A month
    the range covers for more than half is read whole, less the days outside the
    range; a smaller part, day by day. At most about 15 days are read at each end
    (and the days after today, subtracted from the current month, are none)."""
    fin_rango = hasta + timedelta(days=1)
    meses: list[date] = []
    sumar: list[Tramo] = []
    restar: list[Tramo] = []
    mes = desde.replace(day=1)
    while mes < fin_rango:
        siguiente = _mes_siguiente(mes)
        dentro = (max(desde, mes), min(fin_rango, siguiente))
        if dentro == (mes, siguiente):
            meses.append(mes)
        elif 2 * (dentro[1] - dentro[0]).days > (siguiente - mes).days:
            meses.append(mes)
            restar += [
                t for t in ((mes, dentro[0]), (dentro[1], siguiente)) if t[0] < t[1]
            ]
        else:
            sumar.append(dentro)
        mes = siguiente
    # Only the first and last months can be partial: the months read are
    # contiguous, and two day ranges that touch are one read.
    return (
        (meses[0], _mes_siguiente(meses[-1])) if meses else None,
        _unir(sumar),
        _unir(restar),
    )


def _unir(rangos: list[Tramo]) -> list[Tramo]:
    unidos: list[Tramo] = []
    for inicio, fin in rangos:
        if unidos and unidos[-1][1] == inicio:
            unidos[-1] = (unidos[-1][0], fin)
        else:
            unidos.append((inicio, fin))
    return unidos


def semanas(desde: date, hasta: date) -> tuple[Tramo, list[Tramo]]:
    """How to read [desde, hasta] by ISO week: (the weeks to read from the weekly
    rollup, day ranges to subtract: the days of the first and last weeks outside
    the range, at most six at each end)."""
    inicio = lunes(desde)
    fin_rango = hasta + timedelta(days=1)
    fin = fin_rango + timedelta(days=-fin_rango.weekday() % 7)
    return (inicio, fin), [
        t for t in ((inicio, desde), (fin_rango, fin)) if t[0] < t[1]
    ]


def por_semanas(rango: Tramo) -> tuple[list[Tramo], list[Tramo], list[Tramo]]:
    """How to read a range of loose days with the fewest daily rows: (weeks to
    read whole from the weekly rollup, day ranges to add, day ranges to
    subtract). A week the range covers for four days or more is read whole, less
    its days outside; fewer, day by day: at most three days at each end."""
    inicio, fin = rango
    semanas_enteras: list[Tramo] = []
    sumar: list[Tramo] = []
    restar: list[Tramo] = []
    semana = lunes(inicio)
    while semana < fin:
        siguiente = semana + timedelta(weeks=1)
        dentro = (max(inicio, semana), min(fin, siguiente))
        if (dentro[1] - dentro[0]).days >= 4:
            semanas_enteras.append((semana, siguiente))
            restar += [
                t for t in ((semana, dentro[0]), (dentro[1], siguiente)) if t[0] < t[1]
            ]
        else:
            sumar.append(dentro)
        semana = siguiente
    return _unir(semanas_enteras), _unir(sumar), _unir(restar)
