import pytest
from django.core import mail

from encuestas import services, tasks
from encuestas.models import Invitacion
from organizacion.models import Canal
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db


def _invitaciones_por_correo(n: int) -> list[int]:
    oficina = OficinaFactory(canales=["telematico"])
    canal = Canal.objects.get(codigo="telematico")
    return [
        services.registrar_atencion(
            oficina=oficina,
            canal=canal,
            contacto=f"p{i}@example.org",
            referencia_externa=f"T{i}",
        ).invitacion.pk
        for i in range(n)
    ]


def test_enviar_invitaciones_envia_cada_una_una_vez_aunque_se_repita():
    ids = _invitaciones_por_correo(5)
    mail.outbox.clear()
    tasks.enviar_invitaciones.apply(args=[ids])
    assert len(mail.outbox) == 5
    tasks.enviar_invitaciones.apply(args=[ids])  # redelivered (acks_late) or retried
    assert len(mail.outbox) == 5
    assert set(
        Invitacion.objects.filter(pk__in=ids).values_list("estado", "contacto")
    ) == {(Invitacion.Estado.ENVIADA, "")}


def test_enviar_invitaciones_reintenta_solo_las_que_fallaron(monkeypatch):
    ids = _invitaciones_por_correo(4)
    mail.outbox.clear()
    enviar = services.enviar

    def pasarela(invitacion_id):
        if invitacion_id == ids[1]:
            raise ConnectionError("pasarela caída")
        enviar(invitacion_id)

    class Reintento(Exception):
        pass

    reintentos = []

    def retry(**kwargs):
        reintentos.append(kwargs)
        return Reintento()

    monkeypatch.setattr(services, "enviar", pasarela)
    monkeypatch.setattr(tasks.enviar_invitaciones, "retry", retry)
    with pytest.raises(Reintento):
        tasks.enviar_invitaciones.run(ids)
    assert len(mail.outbox) == 3
    assert reintentos[0]["args"] == [[ids[1]]]
    assert isinstance(reintentos[0]["exc"], ConnectionError)
    pendiente = Invitacion.objects.get(pk=ids[1])
    assert pendiente.estado == Invitacion.Estado.PENDIENTE and pendiente.contacto
