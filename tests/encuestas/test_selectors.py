"""Every metric against values computed by hand (and the formulas written out)."""

import math
import random
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comun import estadistica as est
from encuestas import resumenes, selectors
from encuestas.models import (
    Alerta,
    EmbudoDiario,
    ResumenMensual,
    ResumenOficina,
    ResumenSemanal,
)
from organizacion.models import Canal
from tests.factories import OficinaFactory, responder_con


def test_csat_top2box_con_wilson_a_mano():
    # k=8, n=10: p=0.8, z=1.96 → centre (0.8+0.19208)/1.38415 = 0.71682,
    # margin 1.96*sqrt(0.016+0.0096040)/1.38415 = 0.22657 → [49.02, 94.33]
    csat = selectors.metricas_de({"SAT": {5: 5, 4: 3, 2: 1, 1: 1}})["csat"]
    assert csat["valor"] == 80.0 and csat["n"] == 10
    assert csat["ic_inf"] == pytest.approx(49.02, abs=0.01)
    assert csat["ic_sup"] == pytest.approx(94.33, abs=0.01)
    # Zero of 20 satisfied: [0, z²/(20 + z²)] = [0, 16.11].
    csat = selectors.metricas_de({"SAT": {1: 12, 3: 8}})["csat"]
    assert csat["ic_inf"] == 0 and csat["ic_sup"] == pytest.approx(16.11, abs=0.01)
    assert selectors.metricas_de({})["csat"] == {
        "valor": None,
        "n": 0,
        "ic_inf": None,
        "ic_sup": None,
    }


def test_csat_top2box_y_media():
    dist = {1: 1, 2: 1, 3: 2, 4: 3, 5: 3}  # n=10, 6 answers 4–5
    m = selectors.metricas_de({"SAT": dist, "CONF": dist})
    csat = m["csat"]
    assert csat["valor"] == 60.0 and csat["n"] == 10
    assert (csat["ic_inf"], csat["ic_sup"]) == est.wilson(6, 10, decimales=6)
    assert m["acuerdo"]["CONF"] == csat
    media = m["sat_media"]
    # mean 36/10 = 3.6; sample variance = (6.76+2.56+2*0.36+3*0.16+3*1.96)/9 = 16.4/9
    assert media["valor"] == 3.6
    margen = 2.262 * math.sqrt(16.4 / 9 / 10)  # t(9) = 2.262
    assert media["ic_inf"] == pytest.approx(3.6 - margen, abs=1e-3)
    assert media["ic_sup"] == pytest.approx(3.6 + margen, abs=1e-3)


def test_ces_y_nps():
    fac = {7: 2, 6: 1, 5: 1, 3: 1, 1: 1}  # n=6, 4 answers 5–7, mean (14+6+5+3+1)/6
    nps = {10: 5, 9: 1, 8: 2, 5: 2}  # n=10: 60% promoters − 20% detractors
    m = selectors.metricas_de({"FAC": fac, "NPS": nps})
    assert m["ces"]["valor"] == pytest.approx(66.67, abs=0.01)
    assert m["ces_media"]["valor"] == pytest.approx(29 / 6, abs=1e-3)
    assert m["nps"]["valor"] == 40.0
    var = (0.6 + 0.2 - 0.16) / 10
    assert m["nps"]["ic_inf"] == pytest.approx(
        (0.4 - 1.959964 * math.sqrt(var)) * 100, abs=0.01
    )


def test_las_cifras_guardan_seis_decimales():
    # 2/3 = 66.666…: kept to six decimals, rounded once more only where shown.
    m = selectors.metricas_de({"SAT": {5: 2, 1: 1}})
    assert m["csat"]["valor"] == 66.666667
    assert m["sat_media"]["valor"] == 3.666667


def test_supresion_por_debajo_del_minimo():
    m = selectors.metricas_de({"SAT": {5: 9}}, 10)["csat"]
    assert m["valor"] is None and m["n"] == 9 and m["suprimido"]
    m = selectors.metricas_de({"SAT": {5: 10}}, 10)["csat"]
    assert m["valor"] == 100.0 and not m["suprimido"]


@pytest.mark.django_db
def test_indicadores_leen_el_resumen(django_assert_max_num_queries):
    oficina = OficinaFactory(canales=["presencial", "telefonico"])
    otra = OficinaFactory(canales=["presencial"])
    for sat in (5, 5, 4, 2, 1):
        responder_con(
            oficina, {"SAT": str(sat), "FAC": "6" if sat >= 4 else "2", "CONF": "4"}
        )
    responder_con(oficina, {"SAT": "5"}, canal="telefonico")
    responder_con(otra, {"SAT": "1"})
    hoy = timezone.localdate()
    periodo = {"desde": hoy - timedelta(days=1), "hasta": hoy}
    with django_assert_max_num_queries(1):
        csat = selectors.indicador_acuerdo(
            item="SAT", oficina_ids=[oficina.pk], canal="presencial", **periodo
        )
    assert csat["valor"] == 60.0 and csat["n"] == 5
    assert selectors.indicador_acuerdo(item="SAT", **periodo)["n"] == 7
    assert selectors.indicador_acuerdo(item="SAT", oficina_ids=[oficina.pk], **periodo)[
        "valor"
    ] == pytest.approx(66.67, abs=0.01)
    media = selectors.indicador_media(
        item="SAT", oficina_ids=[oficina.pk], canal="presencial", **periodo
    )
    assert media["valor"] == 3.4
    ces = selectors.indicador_ces(oficina_ids=[oficina.pk], **periodo)
    assert ces["valor"] == 60.0 and ces["n"] == 5
    assert selectors.indicador_nps(**periodo) == {
        "valor": None,
        "n": 0,
        "ic_inf": None,
        "ic_sup": None,
    }
    tasa = selectors.indicador_tasa_respuesta(oficina_ids=[oficina.pk], **periodo)
    assert tasa["valor"] == 100.0 and tasa["n"] == 6
    fuera = selectors.indicador_acuerdo(
        item="SAT", desde=hoy - timedelta(days=30), hasta=hoy - timedelta(days=2)
    )
    assert fuera["valor"] is None and fuera["n"] == 0
    drivers = selectors.drivers_por_oficina(oficina_ids=[oficina.pk], **periodo)
    conf = next(d for d in drivers if d["item"] == "CONF")
    assert conf == {
        **conf,
        "oficina_id": oficina.pk,
        "valor": 100.0,
        "n": 5,
        "driver": "confianza",
    }


@pytest.mark.django_db
def test_tasa_de_respuesta_cuenta_ofrecidas_sin_responder():
    from tests.factories import invitar

    oficina = OficinaFactory()
    for _ in range(3):
        invitar(oficina)
    responder_con(oficina, {"SAT": "4"})
    hoy = timezone.localdate()
    tasa = selectors.indicador_tasa_respuesta(
        desde=hoy, hasta=hoy, oficina_ids=[oficina.pk]
    )
    assert tasa["valor"] == 25.0 and tasa["n"] == 4
    assert (tasa["ic_inf"], tasa["ic_sup"]) == est.wilson(1, 4, decimales=6)


@pytest.mark.django_db
def test_alertas_en_plazo():
    oficina = OficinaFactory()
    ahora = timezone.now()
    for _i, (cerrada, plazo_horas, cerrada_horas) in enumerate(
        [(True, 48, 10), (True, 48, 60), (False, -1, None), (False, 48, None)]
    ):
        r = responder_con(oficina, {"SAT": "1"})
        Alerta.objects.create(
            respuesta=r,
            oficina=oficina,
            estado="cerrada" if cerrada else "nueva",
            puntuacion=1,
            plazo=ahora + timedelta(hours=plazo_horas)
            if plazo_horas > 0
            else ahora - timedelta(hours=1),
            cerrada_en=ahora + timedelta(hours=cerrada_horas)
            if cerrada_horas
            else None,
        )
    hoy = timezone.localdate()
    # on time 1; late: closed after deadline 1 + open past deadline 1; open in time not counted
    m = selectors.indicador_alertas_en_plazo(
        desde=hoy, hasta=hoy, oficina_ids=[oficina.pk]
    )
    assert m["n"] == 3 and m["valor"] == pytest.approx(33.33, abs=0.01)
    # Wilson, 1 of 3: [6.15, 79.23].
    assert m["ic_inf"] == pytest.approx(6.15, abs=0.01)
    assert m["ic_sup"] == pytest.approx(79.23, abs=0.01)


@pytest.mark.django_db
def test_tasa_de_respuesta_no_pasa_del_cien_por_cien():
    # A late answer after a re-offer: more completed than offered in the rollup.
    oficina = OficinaFactory()
    hoy = timezone.localdate()
    EmbudoDiario.objects.create(
        fecha=hoy, oficina_id=oficina.pk, canal_id=1, ofrecidas=4, completadas=6
    )
    tasa = selectors.indicador_tasa_respuesta(
        desde=hoy, hasta=hoy, oficina_ids=[oficina.pk]
    )
    assert tasa["valor"] == 100.0 and tasa["n"] == 4
    assert (tasa["ic_inf"], tasa["ic_sup"]) == est.wilson(4, 4, decimales=6)


@pytest.mark.django_db
def test_oficinas_y_organizacion_leen_el_resumen_por_oficina_y_la_persona_el_diario():
    """Only a read that needs the employee (a filter or a grouping) scans the
    per-person rollup; office and organisation pages read the coarser one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from encuestas.models import ResumenDiario, ResumenOficina
    from tests.factories import EmpleadoFactory

    oficina = OficinaFactory(canales=["presencial"])
    ana = EmpleadoFactory(oficina=oficina)
    responder_con(oficina, {"SAT": "5", "FAC": "6"}, empleado=ana)
    responder_con(oficina, {"SAT": "2"})
    hoy = timezone.localdate()
    periodo = {"desde": hoy - timedelta(days=1), "hasta": hoy}
    diario, por_oficina = (
        ResumenDiario._meta.db_table,
        ResumenOficina._meta.db_table,
    )

    def tablas(leer):
        with CaptureQueriesContext(connection) as consultas:
            resultado = leer()
        sql = " ".join(c["sql"] for c in consultas)
        return resultado, {t for t in (diario, por_oficina) if t in sql}

    panel, leidas = tablas(
        lambda: selectors.panel(minimo=1, oficina_ids=[oficina.pk], **periodo)
    )
    assert leidas == {por_oficina}
    assert panel["resumen"]["metricas"]["csat"]["n"] == 2
    _, leidas = tablas(lambda: selectors.panel(minimo=1, oficina_ids=None, **periodo))
    assert leidas == {por_oficina}
    agrupado, leidas = tablas(
        lambda: selectors.distribuciones(agrupar=["oficina_id", "canal_id"], **periodo)
    )
    assert leidas == {por_oficina} and len(agrupado) == 1
    propio, leidas = tablas(
        lambda: selectors.resumen(minimo=1, empleado_id=ana.pk, **periodo)
    )
    assert leidas == {diario} and propio["metricas"]["csat"]["n"] == 1
    por_persona, leidas = tablas(
        lambda: selectors.distribuciones(agrupar=["empleado_id"], **periodo)
    )
    assert leidas == {diario}
    assert sorted(k[0] for k in por_persona) == [0, ana.pk]


# --- Whole months from the monthly rollup ---------------------------------------
# The results read a range's whole months from the monthly rollup and only its
# loose days from the daily one: the same distributions as adding up the raw rows
# by hand, for ranges that start or end inside a month, cover whole months exactly,
# or sit inside one month; with and without office and channel filters; grouped
# by office, channel, month or nothing.


INICIO, DIAS = date(2026, 1, 20), 120  # 20 January … 19 May


@pytest.fixture
def filas_mensuales():
    """Rows as the consolidation adds them (fecha, oficina, canal, servicio,
    empleado, codigo, valor, n), through the app's own write path."""
    ResumenOficina.objects.all().delete()
    ResumenMensual.objects.all().delete()
    ResumenSemanal.objects.all().delete()
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
        inicio = {
            "mes": f[0].replace(day=1),
            "semana": f[0] - timedelta(days=f[0].weekday()),
        }
        clave = tuple(inicio[g] if g in inicio else f[posicion[g]] for g in agrupar)
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
    # More than half a month at an end: the month less the days outside.
    "casi_todo_un_mes": (date(2026, 2, 3), date(2026, 2, 26)),
    "mas_de_medio_mes_a_cada_lado": (date(2026, 1, 22), date(2026, 4, 27)),
    "hasta_despues_de_los_datos": (date(2026, 3, 5), date(2026, 5, 25)),
}
AGRUPACIONES = [
    (),
    ("oficina_id",),
    ("canal_id",),
    ("oficina_id", "canal_id"),
    ("mes",),
    ("semana",),
    ("oficina_id", "semana"),
]


@pytest.mark.parametrize("rango", RANGOS)
@pytest.mark.parametrize("agrupar", AGRUPACIONES, ids=lambda a: "-".join(a) or "total")
@pytest.mark.django_db
def test_las_distribuciones_son_las_filas_sumadas_a_mano(
    filas_mensuales, rango, agrupar
):
    desde, hasta = RANGOS[rango]
    obtenido = selectors.distribuciones(agrupar=list(agrupar), desde=desde, hasta=hasta)
    esperado = _a_mano(filas_mensuales, desde=desde, hasta=hasta, agrupar=agrupar)
    assert esperado  # every range has data
    assert {
        k: {c: dict(v) for c, v in d.items()} for k, d in obtenido.items()
    } == esperado


@pytest.mark.django_db
def test_con_oficina_y_canal_tambien(filas_mensuales):
    canal = Canal.objects.get(pk=filas_mensuales[0][2])
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
        [f for f in filas_mensuales if f[5] == "SAT"],
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
        for t in (
            "encuestas_resumenmensual",
            "encuestas_resumensemanal",
            "encuestas_resumenoficina",
        )
        if t in q["sql"]
    }


@pytest.mark.django_db
def test_los_meses_enteros_se_leen_del_resumen_mensual(filas_mensuales):
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(desde=date(2026, 2, 1), hasta=date(2026, 4, 30))
    assert _tablas(capturadas) == {"encuestas_resumenmensual"}
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(desde=date(2026, 1, 25), hasta=date(2026, 5, 10))
    # Sunday 25 January alone; Monday 26 January to Sunday 1 February as a whole
    # week less the 1st (February is read whole); 1–10 May: the week of 4 May
    # whole, less nothing, and 1–3 May day by day.
    assert _tablas(capturadas) == {
        "encuestas_resumenmensual",
        "encuestas_resumensemanal",
        "encuestas_resumenoficina",
    }
    # A service filter needs the days.
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(
            desde=date(2026, 2, 1), hasta=date(2026, 4, 30), servicio_ids=[5]
        )
        selectors.distribuciones(
            agrupar=["semana"],
            desde=date(2026, 2, 1),
            hasta=date(2026, 4, 30),
            servicio_ids=[5],
        )
    assert _tablas(capturadas) == {"encuestas_resumenoficina"}


@pytest.mark.django_db
def test_las_semanas_enteras_se_leen_del_resumen_semanal(filas_mensuales):
    # Monday 2 February to Sunday 29 March: whole weeks, no day read.
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(
            agrupar=["semana"], desde=date(2026, 2, 2), hasta=date(2026, 3, 29)
        )
    assert _tablas(capturadas) == {"encuestas_resumensemanal"}
    # From a Wednesday: its week less Monday and Tuesday.
    with CaptureQueriesContext(connection) as capturadas:
        selectors.distribuciones(
            agrupar=["semana"], desde=date(2026, 2, 4), hasta=date(2026, 3, 29)
        )
    assert _tablas(capturadas) == {
        "encuestas_resumensemanal",
        "encuestas_resumenoficina",
    }


@pytest.mark.django_db
def test_un_grupo_con_respuestas_solo_en_los_dias_restados_no_aparece(
    filas_mensuales,
):
    """February 3–26 is February less 1–2 and 27–28: an office that only answered
    on those days must not show up with n = 0."""
    resumenes.sumar_valores(
        [(date(2026, 2, 2), 777, filas_mensuales[0][2], 0, 0, "SAT", 5, 3)]
    )
    obtenido = selectors.distribuciones(
        agrupar=["oficina_id"], desde=date(2026, 2, 3), hasta=date(2026, 2, 26)
    )
    assert (777,) not in obtenido
    assert (101,) in obtenido
    panel = selectors.panel(
        minimo=1,
        desde=date(2026, 2, 3),
        hasta=date(2026, 2, 26),
        oficina_ids=None,
        canal=None,
    )
    assert 777 not in panel["por_oficina"]


@pytest.mark.django_db
def test_la_tendencia_semanal_son_las_12_ultimas_semanas_enteras(filas_mensuales):
    # To Tuesday 19 May: from Monday 2 March, the week of the 18th up to the 19th.
    datos = selectors.panel(minimo=1, desde=date(2026, 1, 20), hasta=date(2026, 5, 19))
    semanas = [s["inicio"] for s in datos["tendencia_semana"]]
    assert semanas == [date(2026, 3, 2) + timedelta(weeks=i) for i in range(12)]
    ultima = _a_mano(
        [f for f in filas_mensuales if f[5] == "SAT"],
        desde=date(2026, 5, 18),
        hasta=date(2026, 5, 19),
        agrupar=(),
    )[()]["SAT"]
    assert datos["tendencia_semana"][-1]["csat"]["n"] == sum(ultima.values())
    # A shorter range: its own weeks, the first one from its first day.
    datos = selectors.panel(minimo=1, desde=date(2026, 5, 6), hasta=date(2026, 5, 19))
    assert [s["inicio"] for s in datos["tendencia_semana"]] == [
        date(2026, 5, 4),
        date(2026, 5, 11),
        date(2026, 5, 18),
    ]
    primera = _a_mano(
        [f for f in filas_mensuales if f[5] == "SAT"],
        desde=date(2026, 5, 6),
        hasta=date(2026, 5, 10),
        agrupar=(),
    )[()]["SAT"]
    assert datos["tendencia_semana"][0]["csat"]["n"] == sum(primera.values())
