"""mejora/datos_personales.py: self-assessments one took part in, one's own
scores and the improvement actions one is responsible for."""

import pytest

from mejora import datos_personales
from mejora.models import PuntuacionIndividual, Subcriterio
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def test_autoevaluaciones_puntuaciones_y_acciones_propias(objetos):
    marta, otro = EmpleadoFactory(), EmpleadoFactory()
    ae, accion = objetos["ae"], objetos["accion"]
    ae.miembros.set([marta.usuario, otro.usuario])
    sub = Subcriterio.objects.filter(criterio__modelo=ae.modelo).first()
    PuntuacionIndividual.objects.create(
        autoevaluacion=ae,
        subcriterio=sub,
        miembro=marta.usuario,
        puntuacion=60,
        comentario="Buena escucha",
    )
    PuntuacionIndividual.objects.create(
        autoevaluacion=ae,
        subcriterio=sub,
        miembro=otro.usuario,
        puntuacion=20,
        comentario="Del otro",
    )
    accion.responsable_usuario = marta.usuario
    accion.save()

    assert [f[:2] for f in datos_personales.autoevaluaciones(marta)] == [(ae.pk, "AE")]
    assert list(datos_personales.puntuaciones(marta)) == [
        (ae.pk, sub.identificador, 60, "Buena escucha")
    ]
    assert [f[0] for f in datos_personales.acciones(marta)] == [accion.pk]
    assert list(datos_personales.acciones(otro)) == []
