from datetime import timedelta

import pytest
from django.utils import timezone

from organizacion import tasks
from organizacion.models import Empleado
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def test_la_tarea_nocturna_aplica_la_conservacion_y_repetirla_no_cambia_nada(
    settings,
):
    settings.CONSERVACION_EXEMPLEADOS_ANOS = 1
    hoy = timezone.localdate()
    empleada = EmpleadoFactory(
        nombre="Rosa",
        fecha_alta=hoy - timedelta(days=900),
        fecha_baja=hoy - timedelta(days=400),
    )
    assert tasks.aplicar_conservacion.delay().get()["exempleados"] == 1
    assert Empleado.objects.get(pk=empleada.pk).nombre != "Rosa"
    assert tasks.aplicar_conservacion()["exempleados"] == 0
    assert "organizacion-aplicar-conservacion" in settings.CELERY_BEAT_SCHEDULE
