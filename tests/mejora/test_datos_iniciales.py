import pytest

from mejora.models import Subcriterio

pytestmark = pytest.mark.django_db


def test_datos_iniciales_son_idempotentes():
    from django.apps import apps

    from mejora import datos_iniciales

    antes = Subcriterio.objects.count()
    datos_iniciales.cargar(apps)
    assert Subcriterio.objects.count() == antes == 53
