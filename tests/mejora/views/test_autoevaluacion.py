import pytest
from django.urls import reverse

from mejora import services
from mejora.models import (
    Autoevaluacion,
    PuntuacionFinal,
    PuntuacionIndividual,
    Subcriterio,
)
from tests.conftest import cliente_de

pytestmark = pytest.mark.django_db


def test_puntuaciones_individual_y_de_consenso_por_formulario(
    c, client, usuario_calidad, usuario_direccion
):
    a = services.crear_autoevaluacion(
        modelo=Autoevaluacion.objects.get().modelo,
        titulo="Autoevaluación abierta",
        periodo="2026-Q3",
        miembros=[usuario_direccion],
    )
    sub = Subcriterio.objects.get(criterio__modelo=a.modelo, identificador="7")
    de_otro_modelo = Subcriterio.objects.exclude(criterio__modelo=a.modelo).first()
    url = reverse("mejora:autoevaluacion", args=[a.pk])
    r = c.post(url, {"subcriterio": sub.pk, "puntuacion": 60})
    assert r.status_code == 302 and r["Location"].endswith(f"#s{sub.pk}")
    assert PuntuacionIndividual.objects.get(subcriterio=sub).puntuacion == 60
    r = c.post(url, {"final": "1", "subcriterio": sub.pk, "puntuacion": 55})
    assert r.status_code == 302
    assert PuntuacionFinal.objects.get(subcriterio=sub).puntuacion == 55
    assert (
        c.post(url, {"subcriterio": de_otro_modelo.pk, "puntuacion": 1}).status_code
        == 404
    )
    assert c.post(url, {"subcriterio": "x", "puntuacion": 1}).status_code == 404
    r = c.post(url, {"final": "1", "subcriterio": sub.pk, "puntuacion": 101})
    assert r.status_code == 400 and "entre 0 y 100" in r.content.decode()
    # Only members score individually; calidad is not one here.
    otro = cliente_de(client, usuario_calidad)
    assert otro.post(url, {"subcriterio": sub.pk, "puntuacion": 10}).status_code == 403
