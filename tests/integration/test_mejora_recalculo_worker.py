"""Issue 14: the recalculation as real workers run it, one task per period, each
under its own time limit."""

import pytest
from django.utils import timezone

from mejora import services, tasks
from mejora.models import CalculoPeriodo, Indicador, ValorIndicador

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_la_tarea_nocturna_encola_y_el_worker_calcula_cada_periodo(
    worker_celery, esperar
):
    periodos = services.periodos_por_defecto(timezone.localdate())
    tasks.recalcular_indicadores.delay()

    def completados():
        return set(
            CalculoPeriodo.objects.filter(
                estado=CalculoPeriodo.Estado.COMPLETADO
            ).values_list("periodo", flat=True)
        )

    esperar(lambda: completados() == set(periodos), 120, "los cuatro periodos")
    por_periodo = {
        p: ValorIndicador.objects.filter(periodo=p).count() for p in periodos
    }
    assert all(por_periodo.values()), por_periodo
    assert all(c.filas == por_periodo[c.periodo] for c in CalculoPeriodo.objects.all())


def test_un_periodo_que_pasa_su_limite_queda_interrumpido_con_los_valores_previos(
    arrancar_worker, esperar, tmp_path
):
    Indicador.objects.exclude(codigo="csat").update(activo=False)
    services.recalcular_periodo(periodo="2026-Q3")
    antes = {
        v.ambito_clave: v.calculado_en
        for v in ValorIndicador.objects.filter(periodo="2026-Q3")
    }
    (tmp_path / "pausa").touch()
    arrancar_worker(
        colas="recalculo-limite",
        PRUEBAS_PAUSA_RECALCULO=str(tmp_path),
        MEJORA_RECALCULO_LIMITE="6",
        MEJORA_RECALCULO_LIMITE_SUAVE="2",
    )
    tasks.recalcular_periodo.apply_async(
        kwargs={"periodo": "2026-Q3"}, queue="recalculo-limite"
    )

    def interrumpido():
        return CalculoPeriodo.objects.filter(
            periodo="2026-Q3", estado=CalculoPeriodo.Estado.INTERRUMPIDO
        ).exists()

    esperar(interrumpido, 60, "que el límite suave interrumpa el periodo")
    assert (tmp_path / "intentos").read_text().count("\n") >= 1
    despues = {
        v.ambito_clave: v.calculado_en
        for v in ValorIndicador.objects.filter(periodo="2026-Q3")
    }
    assert despues == antes
    (tmp_path / "pausa").unlink()
