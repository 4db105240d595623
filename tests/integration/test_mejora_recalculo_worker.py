"""Issue 14: the recalculation as a real worker runs it, one task per period."""

import pytest
from django.utils import timezone

from mejora import services, tasks
from mejora.models import CalculoPeriodo, ValorIndicador

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
