from datetime import timedelta

import pytest
from django.utils import timezone

from organizacion.selectors import resumen_organizacion
from tests.factories import EmpleadoFactory, OficinaFactory

pytestmark = pytest.mark.django_db


def test_resumen_cuenta_oficinas_activas_y_personas_activas_por_canal():
    """Each channel counts its active offices and active people, each once
    (the counts no longer come from one join of offices × people)."""
    centro = OficinaFactory(canales=["presencial", "telefonico"])
    OficinaFactory(canales=["presencial"], activa=False)
    EmpleadoFactory.create_batch(3, oficina=centro, canales=["presencial"])
    EmpleadoFactory(oficina=centro, canales=["presencial", "telefonico"])
    EmpleadoFactory(
        oficina=centro,
        canales=["telefonico"],
        fecha_alta=timezone.localdate() - timedelta(days=30),
        fecha_baja=timezone.localdate() - timedelta(days=1),
    )
    por_canal = {c["codigo"]: c for c in resumen_organizacion()["por_canal"]}
    assert (
        por_canal["presencial"]["n_oficinas"],
        por_canal["presencial"]["n_empleados"],
    ) == (1, 4)
    assert (
        por_canal["telefonico"]["n_oficinas"],
        por_canal["telefonico"]["n_empleados"],
    ) == (1, 1)
    assert (
        por_canal["telematico"]["n_oficinas"]
        == por_canal["telematico"]["n_empleados"]
        == 0
    )
