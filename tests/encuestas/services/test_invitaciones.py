from datetime import timedelta

import pytest

from encuestas import services
from encuestas.models import Invitacion, ReglaMuestreo, Respuesta
from tests.factories import OficinaFactory, invitar

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_un_solo_uso_y_no_se_quema_al_abrir(oficina):
    registro, token = invitar(oficina)
    services.marcar_abierta(services.invitacion_por_token(token))
    services.marcar_abierta(services.invitacion_por_token(token))
    assert services.invitacion_por_token(token).estado == Invitacion.Estado.ABIERTA
    services.responder(token=token, datos={"SAT": "4"})
    with pytest.raises(services.YaRespondida):
        services.responder(token=token, datos={"SAT": "5"})
    assert Respuesta.objects.count() == 1


def test_caducidad_por_canal(oficina):
    ReglaMuestreo.objects.filter(canal__codigo="telefonico", oficina=None).update(
        caducidad_dias=2
    )
    registro, _ = invitar(oficina, "telefonico")
    assert registro.invitacion.caduca_en - registro.invitacion.creada_en < timedelta(
        days=2, seconds=5
    )
    registro, _ = invitar(oficina, "presencial")
    assert registro.invitacion.caduca_en - registro.invitacion.creada_en >= timedelta(
        days=7
    ) - timedelta(seconds=5)
