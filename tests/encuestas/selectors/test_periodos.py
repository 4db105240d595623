"""How a date range is read from the rollups (`encuestas.selectors.periodos`):
pure date arithmetic, checked by example and day by day over every start."""

from datetime import date, timedelta

import pytest

from encuestas.selectors import periodos


@pytest.mark.parametrize(
    "fecha, esperado",
    [
        (date(2026, 11, 30), date(2026, 11, 30)),  # a Monday is its own week
        (date(2026, 11, 29), date(2026, 11, 23)),  # a Sunday closes the week before
        (date(2026, 12, 1), date(2026, 11, 30)),
        (date(2027, 1, 1), date(2026, 12, 28)),  # across the year
    ],
)
def test_lunes(fecha, esperado):
    assert periodos.lunes(fecha) == esperado


@pytest.mark.parametrize(
    "desde, hasta, semanas, restar",
    [
        # Monday to Sunday: nothing to subtract.
        (
            date(2026, 11, 2),
            date(2026, 11, 29),
            (date(2026, 11, 2), date(2026, 11, 30)),
            [],
        ),
        # The trend at Tuesday 1 December: from Tuesday 8 September.
        (
            date(2026, 9, 8),
            date(2026, 12, 1),
            (date(2026, 9, 7), date(2026, 12, 7)),
            [
                (date(2026, 9, 7), date(2026, 9, 8)),
                (date(2026, 12, 2), date(2026, 12, 7)),
            ],
        ),
        # One Sunday.
        (
            date(2026, 11, 29),
            date(2026, 11, 29),
            (date(2026, 11, 23), date(2026, 11, 30)),
            [(date(2026, 11, 23), date(2026, 11, 29))],
        ),
    ],
)
def test_semanas(desde, hasta, semanas, restar):
    assert periodos.semanas(desde, hasta) == (semanas, restar)


def test_las_semanas_suman_el_rango_dia_a_dia():
    """Whatever the start and length: the days of the weeks read, less those
    subtracted, are exactly the range (at most six subtracted at each end)."""
    for inicio in range(14):
        for largo in (1, 2, 6, 7, 8, 13, 30, 84, 90):
            desde = date(2026, 3, 1) + timedelta(days=inicio)
            hasta = desde + timedelta(days=largo - 1)
            (lunes, fin), restar = periodos.semanas(desde, hasta)
            assert lunes.weekday() == 0 and fin.weekday() == 0
            dias = {lunes + timedelta(days=d) for d in range((fin - lunes).days)}
            for a, b in restar:
                assert (b - a).days <= 6
                quitados = {a + timedelta(days=d) for d in range((b - a).days)}
                assert quitados <= dias
                dias -= quitados
            rango = {desde + timedelta(days=d) for d in range(largo)}
            assert dias == rango


@pytest.mark.parametrize(
    "desde, hasta, meses, sumar, restar",
    [
        # The results page's default at 1 December: 3 September to 1 December.
        (
            date(2026, 9, 3),
            date(2026, 12, 1),
            (date(2026, 9, 1), date(2026, 12, 1)),
            [(date(2026, 12, 1), date(2026, 12, 2))],
            [(date(2026, 9, 1), date(2026, 9, 3))],
        ),
        # On the 20th the current month is read whole, less the days to come.
        (
            date(2026, 9, 22),
            date(2026, 12, 20),
            (date(2026, 10, 1), date(2027, 1, 1)),
            [(date(2026, 9, 22), date(2026, 10, 1))],
            [(date(2026, 12, 21), date(2027, 1, 1))],
        ),
        # Inside one month: less than half, day by day; more, the month less both ends.
        (
            date(2026, 2, 3),
            date(2026, 2, 9),
            None,
            [(date(2026, 2, 3), date(2026, 2, 10))],
            [],
        ),
        (
            date(2026, 2, 3),
            date(2026, 2, 26),
            (date(2026, 2, 1), date(2026, 3, 1)),
            [],
            [
                (date(2026, 2, 1), date(2026, 2, 3)),
                (date(2026, 2, 27), date(2026, 3, 1)),
            ],
        ),
        (
            date(2026, 2, 1),
            date(2026, 4, 30),
            (date(2026, 2, 1), date(2026, 5, 1)),
            [],
            [],
        ),
    ],
)
def test_tramos_lee_los_menos_dias_posibles(desde, hasta, meses, sumar, restar):
    assert periodos.tramos(desde, hasta) == (meses, sumar, restar)


def test_nunca_mas_de_medio_mes_de_dias_en_cada_extremo():
    inicio = date(2025, 12, 1)
    for a in range(0, 400, 7):
        for largo in (0, 1, 13, 29, 45, 89, 90, 180, 365):
            desde = inicio + timedelta(days=a)
            hasta = desde + timedelta(days=largo)
            meses, sumar, restar = periodos.tramos(desde, hasta)
            dias = [(fin - ini).days for ini, fin in sumar + restar]
            # ≤ 15 at each end (two ends that touch are read as one range).
            assert sum(dias) <= 30, (desde, hasta, sumar, restar)
            assert all(d <= 15 for d in dias) or not meses
            assert len(sumar) + len(restar) <= 2
            # What is read adds up to the range, day by day.
            cubiertos = set()
            if meses:
                d = meses[0]
                while d < meses[1]:
                    cubiertos.add(d)
                    d += timedelta(days=1)
            for ini, fin in sumar:
                cubiertos |= {ini + timedelta(days=i) for i in range((fin - ini).days)}
            for ini, fin in restar:
                cubiertos -= {ini + timedelta(days=i) for i in range((fin - ini).days)}
            assert cubiertos == {desde + timedelta(days=i) for i in range(largo + 1)}


@pytest.mark.parametrize(
    "rango, semanas, sumar, restar",
    [
        # Wednesday to Friday: three days, no week.
        (
            (date(2026, 11, 4), date(2026, 11, 7)),
            [],
            [(date(2026, 11, 4), date(2026, 11, 7))],
            [],
        ),
        # Tuesday to Friday: four days, the week less Monday and the weekend.
        (
            (date(2026, 11, 3), date(2026, 11, 7)),
            [(date(2026, 11, 2), date(2026, 11, 9))],
            [],
            [
                (date(2026, 11, 2), date(2026, 11, 3)),
                (date(2026, 11, 7), date(2026, 11, 9)),
            ],
        ),
        # 1–15 November 2026 (a Sunday to a Sunday): the 1st alone, two weeks.
        (
            (date(2026, 11, 1), date(2026, 11, 16)),
            [(date(2026, 11, 2), date(2026, 11, 16))],
            [(date(2026, 11, 1), date(2026, 11, 2))],
            [],
        ),
    ],
)
def test_por_semanas(rango, semanas, sumar, restar):
    assert periodos.por_semanas(rango) == (semanas, sumar, restar)


def test_por_semanas_suma_el_rango_dia_a_dia():
    """Any loose range: whole weeks, plus the days added, less those subtracted,
    are exactly the range; and never more than three days at each end."""
    for inicio in range(14):
        for largo in range(1, 17):
            desde = date(2026, 3, 1) + timedelta(days=inicio)
            rango = (desde, desde + timedelta(days=largo))
            semanas, sumar, restar = periodos.por_semanas(rango)
            dias: dict = {}
            for tramos_, signo in ((semanas, 1), (sumar, 1), (restar, -1)):
                for a, b in tramos_:
                    for d in range((b - a).days):
                        dia = a + timedelta(days=d)
                        dias[dia] = dias.get(dia, 0) + signo
            assert {d for d, n in dias.items() if n} == {
                desde + timedelta(days=d) for d in range(largo)
            }
            assert set(dias.values()) <= {0, 1}
            assert all(a.weekday() == 0 and b.weekday() == 0 for a, b in semanas)
            assert sum((b - a).days for a, b in (*sumar, *restar)) <= 6
