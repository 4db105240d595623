from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from organizacion.models import Empleado, Oficina
from tests.factories import PuestoFactory

pytestmark = pytest.mark.django_db


EJEMPLOS = Path(settings.BASE_DIR) / "docs" / "ejemplos"


@pytest.fixture
def puestos_demo(db):
    for codigo in (
        "jefe-oficina",
        "informador-presencial",
        "asistente-digital",
        "agente-telefonico",
    ):
        PuestoFactory(codigo=codigo)


def test_orden_de_gestion_con_los_ficheros_de_ejemplo(puestos_demo, capsys):
    call_command("importar_plantilla", str(EJEMPLOS / "oficinas.csv"))
    call_command("importar_plantilla", str(EJEMPLOS / "servicios.csv"))
    call_command(
        "importar_plantilla", str(EJEMPLOS / "empleados.xlsx"), "--tipo", "empleados"
    )
    assert Oficina.objects.count() == 4
    assert Empleado.objects.count() == 5
    assert (
        Empleado.objects.get(identificador="B0002").supervisor.identificador == "B0001"
    )
    # The same people from the CSV and the whole workbook: nothing new.
    call_command("importar_plantilla", str(EJEMPLOS / "empleados.csv"))
    call_command("importar_plantilla", str(EJEMPLOS / "plantilla.xlsx"))
    assert Empleado.objects.count() == 5
    assert (
        Oficina.objects.get(codigo_dir3="O00009041").responsable.identificador
        == "B0001"
    )
    salida = capsys.readouterr().out
    assert "Empleados: 5 filas; 0 nuevos" in salida


def test_orden_de_gestion_con_errores_falla_y_los_lista(puestos_demo, capsys):
    with pytest.raises(CommandError, match="no se ha importado nada"):
        call_command("importar_plantilla", str(EJEMPLOS / "empleados_con_errores.csv"))
    salida = capsys.readouterr().out
    assert "línea 3, columna E (Oficina)" in salida
    assert "línea 4, columna H (Canales)" in salida
    assert Empleado.objects.count() == 0


def test_orden_de_gestion_simulada_no_guarda(puestos_demo):
    call_command("importar_plantilla", str(EJEMPLOS / "plantilla.xlsx"), "--simular")
    assert Oficina.objects.count() == 0
