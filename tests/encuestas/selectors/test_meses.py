"""The results read a range's whole months from the monthly rollup and only its
loose days from the daily one: the same distributions as adding up the raw rows
by hand, for ranges that start or end inside a month, cover whole months exactly,
or sit inside one month; with and without office and channel filters; grouped
by office, channel, month or nothing."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from encuestas import resumenes, selectors
from encuestas.models import ResumenMensual, ResumenOficina
from organizacion.models import Canal

pytestmark = pytest.mark.django_db

INICIO, DIAS = date(2026, 1, 20), 120  # 20 January … 19 May


@pytest.fixture
def filas():
    """Rows as the consolidation adds them (fecha, oficina, canal, servicio,
    empleado, codigo, valor, n), through the app's own write path."""
    ResumenOficina.objects.all().delete()
    ResumenMensual.objects.all().delete()
    canales = list(Canal.objects.values_list("pk", flat=True))[:2]
    azar = random.Random(14)
    filas = []
    for d in range(DIAS):
        for oficina in (101, 102):
            for codigo, valores in (("SAT", range(1, 6)), ("NPS", range(0, 11))):
                filas.append(
                    (
                        INICIO + timedelta(days=d),
                        oficina,
                        azar.choice(canales),
                        azar.choice((0, 5)),
                        azar.choice((0, 9)),
                        codigo,
                        azar.choice(list(valores)),
                        azar.randint(1, 4),
                    )
                )
    for i in range(0, len(filas), 40):  # several writes, in random shards
        resumenes.sumar_valores(filas[i : i + 40])
    return filas


def _a_mano(filas, *, desde, hasta, agrupar, oficina_ids=None, canal_id=None):
    posicion = {"oficina_id": 1, "canal_id": 2}
    resultado: dict = {}
    for f in filas:
        if not desde <= f[0] <= hasta:
            continue
        if oficina_ids is not None and f[1] not in oficina_ids:
            continue
        if canal_id is not None and f[2] != canal_id:
            continue
        clave = tuple(
            f[0].replace(day=1) if g == "mes" else f[posicion[g]] for g in agrupar
        )
        por_valor = resultado.setdefault(clave, {}).setdefault(f[5], {})
        por_valor[f[6]] = por_valor.get(f[6], 0) + f[7]
    return resultado


RANGOS = {
    "dentro_de_un_mes": (date(2026, 2, 3), date(2026, 2, 20)),
    "meses_enteros": (date(2026, 2, 1), date(2026, 4, 30)),
    "sueltos_a_los_dos_lados": (date(2026, 1, 25), date(2026, 5, 10)),
    "empieza_el_dia_uno": (date(2026, 3, 1), date(2026, 5, 2)),
    "acaba_a_fin_de_mes": (date(2026, 1, 28), date(2026, 3, 31)),
    "un_dia": (date(2026, 3, 1), date(2026, 3, 1)),
    "todo": (date(2026, 1, 1), date(2026, 12, 31)),
}
AGRUPACIONES = [
    (),
    ("oficina_id",),
    ("canal_id",),
    ("oficina_id", "canal_id"),
    ("mes",),
]


@pytest.mark.parametrize("rango", RANGOS)
@pytest.mark.parametrize("agrupar", AGRUPACIONES, ids=lambda a: "-".join(a) or "total")
def test_las_distribuciones_son_las_filas_sumadas_a_mano(filas, rango, agrupar):
    desde, hasta = RANGOS[rango]
    obtenido = selectors.distribuciones(agrupar=list(agrupar), desde=desde, hasta=hasta)
    esperado = _a_mano(filas, desde=desde, hasta=hasta, agrupar=agrupar)
    assert esperado  # every range has data
    assert {
        k: {c: dict(v) for c, v in d.items()} for k, d in obtenido.items()
    } == esperado


def test_con_oficina_y_canal_tambien(filas):
    canal = Canal.objects.get(pk=filas[0][2])
    desde, hasta = RANGOS["sueltos_a_los_dos_lados"]
    obtenido = selectors.distribuciones(
        agrupar=["oficina_id"],
        desde=desde,
        hasta=hasta,
        oficina_ids=[102],
        canal=canal.codigo,
        codigos=["SAT"],
    )
    esperado = _a_mano(
        [f for f in filas if f[5] == "SAT"],
        desde=desde,
        hasta=hasta,
        agrupar=("oficina_id",),
        oficina_ids={102},
        canal_id=canal.pk,
    )
    assert set(obtenido) == {(102,)}
    assert {
        k: {c: dict(v) for c, v in d.items()} for k, d in obtenido.items()
    } == esperado


def _tablas(capturadas) -> set[str]:
    return {
        t
        for q in capturadas.captured_queries
        for t in ("encuestas_resumenmensual", "encuestas_resumenoficina")
        if t in q["sql"]
    }


def test_los_meses_enteros_se_leen_del_resumen_mensual(filas):
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(desde=date(2026, 2, 1), hasta=date(2026, 4, 30))
    assert _tablas(capturadas) == {"encuestas_resumenmensual"}
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(desde=date(2026, 1, 25), hasta=date(2026, 5, 10))
    assert _tablas(capturadas) == {
        "encuestas_resumenmensual",
        "encuestas_resumenoficina",
    }
    # A service filter or a weekly grouping needs the days.
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(
            desde=date(2026, 2, 1), hasta=date(2026, 4, 30), servicio_ids=[5]
        )
        selectors.distribuciones(
            agrupar=["semana"], desde=date(2026, 2, 1), hasta=date(2026, 4, 30)
        )
    assert _tablas(capturadas) == {"encuestas_resumenoficina"}
