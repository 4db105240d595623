from datetime import timedelta

import pytest
from django.utils import timezone

from evaluacion import tasks
from evaluacion.models import Campana, Evaluacion, Puntuacion
from tests.factories import CampanaFactory

pytestmark = pytest.mark.django_db


def test_la_tarea_abre_las_campanas_vencidas_y_dos_veces_no_crea_nada_dos_veces(equipo):
    hoy = timezone.localdate()
    vencida = CampanaFactory(
        oficinas=[equipo["oficina"]], fecha_apertura=hoy - timedelta(days=1)
    )
    futura = CampanaFactory(
        oficinas=[equipo["oficina"]], fecha_apertura=hoy + timedelta(days=3)
    )
    resumen = tasks.abrir_campanas_vencidas.delay().get()
    vencida.refresh_from_db()
    futura.refresh_from_db()
    assert (
        vencida.estado == Campana.Estado.ABIERTA
        and futura.estado == Campana.Estado.BORRADOR
    )
    # Four people in the office; the coordinator has nobody above, so no evaluator.
    assert resumen["creadas"] == 3
    n_puntuaciones = Puntuacion.objects.count()
    assert n_puntuaciones == 21
    resumen = tasks.abrir_campanas_vencidas.delay().get()
    assert resumen["creadas"] == 0
    assert Evaluacion.objects.filter(campana=vencida).count() == 3
    assert Puntuacion.objects.count() == n_puntuaciones
