from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from encuestas import services
from encuestas.models import Alerta, Respuesta
from tests.factories import (
    EmpleadoFactory,
    OficinaFactory,
    UsuarioFactory,
    invitar,
    responder_con,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_alerta_por_puntuacion_baja_con_consentimiento(oficina):
    jefa = EmpleadoFactory(oficina=oficina)
    oficina.responsable = jefa
    oficina.save()
    _, token = invitar(oficina)
    services.responder(
        token=token, datos={"SAT": "1", "CONTACTO": "1"}, contacto="611222333"
    )
    alerta = Alerta.objects.get()
    assert (
        alerta.responsable == jefa
        and alerta.contacto == "611222333"
        and alerta.puntuacion == 1
    )
    assert alerta.plazo > timezone.now() + timedelta(hours=47)
    assert "611222333" not in Respuesta.objects.get().comentario
    services.cambiar_estado_alerta(
        alerta=alerta, estado="en_curso", autor=jefa.usuario, nota="Llamo mañana"
    )
    services.cambiar_estado_alerta(
        alerta=alerta, estado="cerrada", autor=jefa.usuario, nota="Resuelto"
    )
    alerta.refresh_from_db()
    assert alerta.contacto == "" and alerta.cerrada_en and alerta.notas.count() == 2
    with pytest.raises(ValidationError):
        services.cambiar_estado_alerta(
            alerta=alerta, estado="nueva", autor=jefa.usuario
        )


def test_sin_alerta_si_puntuacion_alta_o_sin_consentimiento(oficina):
    _, token = invitar(oficina)
    services.responder(
        token=token, datos={"SAT": "5", "CONTACTO": "1"}, contacto="611222333"
    )
    _, token = invitar(oficina)
    services.responder(
        token=token, datos={"SAT": "1", "CONTACTO": "0"}, contacto="611222333"
    )
    assert not Alerta.objects.exists()


def test_queja_con_numero_de_recibo(oficina, django_capture_on_commit_callbacks):
    usuario = UsuarioFactory()
    r1 = responder_con(
        oficina, {"SAT": "1"}, comentario="Me trataron fatal, mi DNI 12345678Z"
    )
    r2 = responder_con(oficina, {"SAT": "2"}, comentario="Otra queja")
    with django_capture_on_commit_callbacks(execute=True):
        q1 = services.remitir_queja(respuesta=r1, por=usuario)
        q2 = services.remitir_queja(respuesta=r2, por=usuario)
    assert q1.numero.endswith("000001") and q2.numero.endswith("000002")
    assert "[DNI]" in q1.texto
    assert services.remitir_queja(respuesta=r1, por=usuario) == q1
    assert mail.outbox[-1].subject.startswith(f"Queja o sugerencia {q2.numero}")
    sin = responder_con(oficina, {"SAT": "4"})
    with pytest.raises(ValidationError):
        services.remitir_queja(respuesta=sin, por=usuario)
