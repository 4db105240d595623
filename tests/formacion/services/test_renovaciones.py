from datetime import timedelta

import pytest
from django.utils import timezone

from formacion import services
from formacion.models import Intento, Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones
from tests.formacion.conftest import _completar

pytestmark = pytest.mark.django_db


def test_ventana_de_renovacion_y_caducidad():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1,
        tipo_certificado="asistencia",
        validez_meses=12,
        antelacion_renovacion_dias=30,
        obligatorio=True,
    )
    hace = timezone.now() - timedelta(days=300)
    anterior = _completar(empleado, curso, lecciones, cuando=hace)
    Intento.objects.create(matricula=anterior, numero=1, estado="enviado", nota=80)
    caduca = anterior.caduca_en
    # 31 days before expiry: too early.
    assert services.abrir_renovaciones(hoy=caduca - timedelta(days=31)) == 0
    # 30 days before: the window opens, once.
    assert services.abrir_renovaciones(hoy=caduca - timedelta(days=30)) == 1
    assert services.abrir_renovaciones(hoy=caduca - timedelta(days=29)) == 0
    renovacion = Matricula.objects.get(renovacion_de=anterior)
    assert renovacion.origen == Matricula.Origen.RENOVACION
    assert renovacion.obligatoria and renovacion.plazo == caduca
    assert anterior.intentos.get().archivado  # archived, not deleted
    # After expiry the old completion becomes caducada, the renewal is overdue.
    estados = services.actualizar_estados(hoy=caduca + timedelta(days=1))
    assert estados == {"vencidas": 1, "caducadas": 1}
    anterior.refresh_from_db()
    renovacion.refresh_from_db()
    assert anterior.estado == Matricula.Estado.CADUCADA
    assert renovacion.estado == Matricula.Estado.VENCIDA
