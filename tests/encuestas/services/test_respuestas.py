from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from encuestas import services
from encuestas.models import Invitacion
from tests.factories import OficinaFactory, invitar

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_token_caducado_y_desconocido(oficina):
    registro, token = invitar(oficina)
    Invitacion.objects.filter(pk=registro.invitacion.pk).update(
        caduca_en=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(services.Caducada):
        services.responder(token=token, datos={"SAT": "4"})
    with pytest.raises(Invitacion.DoesNotExist):
        services.responder(token="0000000000000", datos={"SAT": "4"})
    with pytest.raises(Invitacion.DoesNotExist):
        services.responder(token="no-es-un-token", datos={"SAT": "4"})


def test_respuesta_anonima_hora_truncada_y_valores_fuera_de_escala(oficina):
    _, token = invitar(oficina)
    with pytest.raises(ValidationError):
        services.responder(token=token, datos={"SAT": "9"})
    with pytest.raises(ValidationError):
        services.responder(token=token, datos={"CONF": "3"})  # SAT is required
    r = services.responder(
        token=token, datos={"SAT": "4", "FAC": "7"}, comentario="Mi móvil 612345678"
    )
    assert r.hora.minute == 0 and r.hora.second == 0
    assert r.comentario == "Mi móvil [teléfono]"
    assert {v.codigo: v.valor for v in r.valores.all()} == {"SAT": 4, "FAC": 7}
