from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from encuestas.models import Alerta
from organizacion.models import Empleado
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def test_dry_run_informa_y_no_cambia_nada_y_sin_el_aplica(capsys, settings):
    settings.CONSERVACION_EXEMPLEADOS_ANOS = 2
    hoy = timezone.localdate()
    empleada = EmpleadoFactory(
        nombre="Rosa",
        fecha_alta=hoy - timedelta(days=4000),
        fecha_baja=hoy - timedelta(days=3 * 365),
    )
    call_command("aplicar_conservacion", "--dry-run")
    salida = capsys.readouterr().out
    assert "simulación, no se ha cambiado nada" in salida
    assert "[exempleados]: 1 se tratarían (anteriores al " in salida
    assert "[accesos]: 0" in salida and "[contactos_alertas]: 0" in salida
    assert Empleado.objects.get(pk=empleada.pk).nombre == "Rosa"

    call_command("aplicar_conservacion")
    salida = capsys.readouterr().out
    assert "Conservación de datos aplicada." in salida
    assert "[exempleados]: 1 tratados" in salida
    assert Empleado.objects.get(pk=empleada.pk).nombre != "Rosa"
    assert not Alerta.objects.exists()
