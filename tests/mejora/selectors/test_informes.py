"""A report whose generation stopped beating (its worker died) is shown as
interrupted, with "Regenerar"; one still beating is shown in progress."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mejora import selectors
from mejora.models import Informe, ModeloCalidad
from tests.conftest import cliente_de

pytestmark = pytest.mark.django_db


@pytest.fixture
def informe_generandose(db):
    return Informe.objects.create(
        tipo=Informe.Tipo.TRIMESTRAL,
        periodo="2026-Q2",
        modelo=ModeloCalidad.objects.get(codigo="CAF"),
        estado=Informe.Estado.GENERANDO,
        progreso=55,
        etapa="Calculando los indicadores",
        version=1,
    )


def _latido(informe, hace: timedelta):
    Informe.objects.filter(pk=informe.pk).update(latido=timezone.now() - hace)
    informe.refresh_from_db()
    return informe


def test_sin_latido_reciente_se_muestra_interrumpido_con_regenerar(
    client, usuario_direccion, informe_generandose, settings
):
    settings.GENERACION_LATIDO_UMBRAL_SEGUNDOS = 60
    informe = _latido(informe_generandose, timedelta(minutes=5))
    assert selectors.informe_interrumpido(informe)
    assert list(selectors.informes_interrumpidos()) == [informe]

    c = cliente_de(client, usuario_direccion)
    texto = c.get(reverse("mejora:informe", args=[informe.pk])).content.decode()
    assert "interrumpi" in texto
    assert reverse("mejora:informe_regenerar", args=[informe.pk]) in texto
    estado = c.get(reverse("mejora:informe_estado", args=[informe.pk])).json()
    assert estado["interrumpido"] is True

    c.post(reverse("mejora:informe_regenerar", args=[informe.pk]))
    informe.refresh_from_db()
    assert informe.estado == Informe.Estado.PENDIENTE and informe.version == 2
    assert not selectors.informe_interrumpido(informe)


def test_con_latido_reciente_sigue_en_curso_sin_regenerar(
    client, usuario_direccion, informe_generandose, settings
):
    settings.GENERACION_LATIDO_UMBRAL_SEGUNDOS = 60
    informe = _latido(informe_generandose, timedelta(seconds=5))
    assert not selectors.informe_interrumpido(informe)
    assert not selectors.informes_interrumpidos().exists()

    c = cliente_de(client, usuario_direccion)
    texto = c.get(reverse("mejora:informe", args=[informe.pk])).content.decode()
    assert "interrumpi" not in texto
    assert reverse("mejora:informe_regenerar", args=[informe.pk]) not in texto
    assert (
        c.get(reverse("mejora:informe_estado", args=[informe.pk])).json()[
            "interrumpido"
        ]
        is False
    )
