"""A closed communication goes, whole, after the retention period; open ones stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accesibilidad.models import Comunicacion
from organizacion.conservacion import politicas

pytestmark = pytest.mark.django_db


def _politica():
    (politica,) = [p for p in politicas() if p.codigo == "comunicaciones_accesibilidad"]
    return politica


def test_borra_las_cerradas_antiguas_y_deja_las_abiertas(settings):
    settings.ACCESIBILIDAD_CONSERVACION_DIAS = 365
    hoy = timezone.localdate()
    abierta = Comunicacion.objects.create(tipo="queja", descripcion="x", plazo=hoy)
    antigua = Comunicacion.objects.create(
        tipo="queja",
        descripcion="y",
        plazo=hoy,
        estado="cerrada",
        cerrada_en=timezone.now() - timedelta(days=400),
    )
    reciente = Comunicacion.objects.create(
        tipo="queja",
        descripcion="z",
        plazo=hoy,
        estado="cerrada",
        cerrada_en=timezone.now() - timedelta(days=10),
    )
    politica = _politica()
    corte = politica.corte()
    assert politica.pendientes(corte) == 1
    assert politica.aplicar(corte) == 1
    assert set(Comunicacion.objects.values_list("pk", flat=True)) == {
        abierta.pk,
        reciente.pk,
    }
    assert not Comunicacion.objects.filter(pk=antigua.pk).exists()
