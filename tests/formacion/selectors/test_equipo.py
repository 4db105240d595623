from datetime import timedelta

import pytest
from django.utils import timezone

from formacion import selectors, services
from formacion.models import Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones
from tests.formacion.conftest import _completar

pytestmark = pytest.mark.django_db


def test_buckets_de_estado():
    hoy = timezone.localdate()
    assert selectors.estado_formacion(None, False, hoy) == "sin_formacion"
    assert selectors.estado_formacion(None, True, hoy) == "al_dia"
    assert selectors.estado_formacion(hoy - timedelta(days=1), False, hoy) == "caducado"
    assert (
        selectors.estado_formacion(hoy + timedelta(days=30), False, hoy) == "caduca_30"
    )
    assert (
        selectors.estado_formacion(hoy + timedelta(days=31), False, hoy) == "caduca_60"
    )
    assert selectors.estado_formacion(hoy + timedelta(days=61), False, hoy) == "al_dia"


def test_formacion_del_equipo_ordena_vencidos_primero():
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    al_dia = EmpleadoFactory(supervisor=jefa, apellidos="Aaa")
    vencida = EmpleadoFactory(supervisor=jefa, apellidos="Zzz")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", obligatorio=True, validez_meses=24
    )
    _completar(al_dia, curso, lecciones)
    m = services.matricular(
        empleado=vencida,
        curso=curso,
        origen="asignacion",
        plazo=timezone.localdate() + timedelta(days=3),
    )
    Matricula.objects.filter(pk=m.pk).update(
        plazo=timezone.localdate() - timedelta(days=2)
    )
    datos = selectors.formacion_del_equipo(
        empleado_ids=selectors.equipo_ids_de(jefa.usuario)
    )
    assert [f["persona"].pk for f in datos["filas"]] == [vencida.pk, al_dia.pk]
    assert datos["filas"][0]["celdas"][0]["estado"] == "sin_formacion"
    assert datos["filas"][0]["celdas"][0]["vencida"]
    assert datos["filas"][1]["celdas"][0]["estado"] == "al_dia"
    assert datos["personas_al_dia"] == 1
