"""Issue 14: the rollup recomputed one period at a time, set-based, committed whole,
each run recorded; only the periods whose data changed, at night."""

from datetime import date, timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from encuestas.signals import fechas_consolidadas
from mejora import fuentes, selectors, services, tasks
from mejora.models import CalculoPeriodo, Indicador, PeriodoPendiente, ValorIndicador
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db


def _consultas(periodo: str) -> tuple[int, int]:
    """(reads and other statements, inserts into the rollup) of one period."""
    with CaptureQueriesContext(connection) as c:
        services.recalcular_periodo(periodo=periodo)
    inserciones = [
        q
        for q in c.captured_queries
        if 'INSERT INTO "mejora_valorindicador"' in q["sql"]
    ]
    return len(c.captured_queries) - len(inserciones), len(inserciones)


def test_un_periodo_cuesta_las_mismas_consultas_con_mas_oficinas():
    """Every built-in indicator: a fixed number of queries per period, not one per
    indicator × scope (304 per indicator and period at 300 offices before)."""
    activos = Indicador.objects.filter(activo=True).exclude(selector="manual").count()
    assert activos >= 10
    [OficinaFactory() for _ in range(2)]
    services.recalcular_periodo(periodo="2026-Q3")  # warm caches (ContentTypes…)
    con_dos, _ = _consultas("2026-Q3")
    [OficinaFactory() for _ in range(12)]
    con_catorce, inserciones = _consultas("2026-Q3")
    assert con_catorce == con_dos
    assert con_dos <= 3 * activos + 15
    # SQLite splits the upsert by its parameter limit; PostgreSQL sends one.
    assert inserciones <= (1 if connection.vendor == "postgresql" else 10)


def test_recalculo_registra_la_ejecucion(plantilla, indicador_pruebas):
    calculo = services.recalcular_periodo(periodo="2026-Q2")
    calculo.refresh_from_db()
    assert calculo.estado == CalculoPeriodo.Estado.COMPLETADO
    assert calculo.filas == ValorIndicador.objects.filter(periodo="2026-Q2").count()
    assert calculo.filas > 0 and calculo.duracion >= 0
    assert calculo.terminado_en >= calculo.iniciado_en
    estado = selectors.estado_calculo("2026-Q2")
    assert estado["calculado_en"] == calculo.terminado_en and estado["fallo"] is None


@pytest.mark.parametrize(
    ("excepcion", "estado"),
    [
        (RuntimeError("fuente rota"), CalculoPeriodo.Estado.ERROR),
        (SoftTimeLimitExceeded(), CalculoPeriodo.Estado.INTERRUMPIDO),
    ],
)
def test_un_fallo_a_mitad_deja_los_valores_anteriores_y_lo_dice(
    plantilla, indicador_pruebas, excepcion, estado
):
    services.recalcular_periodo(periodo="2026-Q2")
    antes = {
        (v.indicador_id, v.ambito_clave): (v.valor, v.n, v.calculado_en)
        for v in ValorIndicador.objects.filter(periodo="2026-Q2")
    }

    def rota(**ambito):
        raise excepcion

    fuentes.registrar("pruebas.rota", rota)
    # Computed after the test's indicator: its new values must not be stored alone.
    Indicador.objects.create(
        codigo="rota",
        nombre="Rota",
        fuente="evaluacion",
        selector="pruebas.rota",
        orden=999,
    )
    try:
        with pytest.raises(type(excepcion)):
            services.recalcular_periodo(periodo="2026-Q2")
    finally:
        fuentes.desregistrar("pruebas.rota")
    despues = {
        (v.indicador_id, v.ambito_clave): (v.valor, v.n, v.calculado_en)
        for v in ValorIndicador.objects.filter(periodo="2026-Q2")
    }
    assert despues == antes
    ultimo = CalculoPeriodo.objects.order_by("-iniciado_en").first()
    assert ultimo.estado == estado
    assert selectors.estado_calculo("2026-Q2")["fallo"] == ultimo
    assert "2026-Q2" in selectors.periodos_a_recalcular([])


def test_ejecucion_sin_latido_se_ve_interrumpida_y_se_registra_asi(
    plantilla, indicador_pruebas
):
    """A worker killed by the hard time limit leaves its run "en curso"; once its
    heartbeat is stale the dashboard says interrupted, and the next run records it."""
    hace_una_hora = timezone.now() - timedelta(hours=1)
    muerto = CalculoPeriodo.objects.create(
        periodo="2026-Q2", iniciado_en=hace_una_hora, latido=hace_una_hora
    )
    assert selectors.estado_calculo("2026-Q2")["fallo"] == muerto
    assert selectors.periodos_a_recalcular(["2026-Q3"]) == ["2026-Q3", "2026-Q2"]
    services.recalcular_periodo(periodo="2026-Q2")
    muerto.refresh_from_db()
    assert muerto.estado == CalculoPeriodo.Estado.INTERRUMPIDO
    assert selectors.estado_calculo("2026-Q2")["fallo"] is None
    assert selectors.periodos_a_recalcular(["2026-Q3"]) == ["2026-Q3"]


def test_datos_consolidados_de_un_periodo_antiguo_lo_marcan_pendiente(
    indicador_pruebas,
):
    hoy = timezone.localdate()
    fechas_consolidadas.send(sender=None, fechas={hoy, date(2025, 2, 14)})
    # Today's periods are recomputed every night anyway: not marked.
    assert set(PeriodoPendiente.objects.values_list("periodo", flat=True)) == {
        "2025-02",
        "2025-Q1",
    }
    actuales = services.periodos_por_defecto(hoy)
    assert selectors.periodos_a_recalcular(actuales) == [
        *actuales,
        "2025-02",
        "2025-Q1",
    ]
    services.recalcular_periodo(periodo="2025-Q1")
    assert selectors.periodos_a_recalcular(actuales) == [*actuales, "2025-02"]
    # A run of some indicators only (a manual value) leaves the mark.
    services.recalcular_periodo(periodo="2025-02", codigos=[indicador_pruebas.codigo])
    assert "2025-02" in selectors.periodos_a_recalcular(actuales)


def test_tarea_nocturna_encola_una_tarea_por_periodo(
    monkeypatch, django_capture_on_commit_callbacks
):
    encargos = []
    monkeypatch.setattr(
        tasks.recalcular_periodo, "delay", lambda **kw: encargos.append(kw)
    )
    PeriodoPendiente.objects.create(periodo="2025-Q1")
    with django_capture_on_commit_callbacks(execute=True):
        tasks.recalcular_indicadores()
    actuales = services.periodos_por_defecto(timezone.localdate())
    assert encargos == [{"periodo": p, "codigos": None} for p in [*actuales, "2025-Q1"]]


def test_tarea_de_un_periodo_tiene_sus_limites(settings):
    assert tasks.recalcular_periodo.time_limit == settings.MEJORA_RECALCULO_LIMITE
    assert (
        tasks.recalcular_periodo.soft_time_limit
        == settings.MEJORA_RECALCULO_LIMITE_SUAVE
        < settings.MEJORA_RECALCULO_LIMITE
        <= settings.CELERY_TASK_TIME_LIMIT
    )
    assert tasks.recalcular_periodo.acks_late
