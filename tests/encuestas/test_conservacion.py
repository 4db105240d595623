"""The surveys' retention policies, on both sides of each cut-off."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from encuestas import services
from encuestas.models import Alerta, Invitacion
from organizacion import services as organizacion
from tests.factories import OficinaFactory, invitar

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def _resultado(codigo, **kwargs):
    return next(
        r for r in organizacion.aplicar_conservacion(**kwargs) if r.codigo == codigo
    )


def _alerta(oficina, dias: int, contacto: str) -> Alerta:
    _, token = invitar(oficina)
    respuesta = services.responder(
        token=token, datos={"SAT": "1", "CONTACTO": "1"}, contacto=contacto
    )
    Alerta.objects.filter(respuesta=respuesta).update(
        creada_en=timezone.now() - timedelta(days=dias)
    )
    return Alerta.objects.get(respuesta=respuesta)


def test_el_contacto_de_una_alerta_se_borra_pasados_los_dias_aunque_siga_abierta(
    oficina, settings
):
    settings.PROTECCION_DATOS_CONSERVACION_DIAS = 30
    vieja = _alerta(oficina, 31, "611000001")
    reciente = _alerta(oficina, 29, "611000002")
    simulado = _resultado("contactos_alertas", simulacion=True)
    assert simulado.afectados == 1
    assert Alerta.objects.get(pk=vieja.pk).contacto == "611000001"
    assert _resultado("contactos_alertas").afectados == 1
    vieja.refresh_from_db()
    reciente.refresh_from_db()
    assert vieja.contacto == "" and vieja.estado == Alerta.Estado.NUEVA
    assert reciente.contacto == "611000002"
    assert _resultado("contactos_alertas").afectados == 0


def test_el_contacto_de_una_invitacion_caducada_sin_enviar_se_borra(oficina):
    caducada, _ = invitar(oficina)
    vigente, _ = invitar(oficina)
    ahora = timezone.now()
    Invitacion.objects.filter(pk=caducada.invitacion.pk).update(
        contacto="ana@example.org", caduca_en=ahora - timedelta(minutes=1)
    )
    Invitacion.objects.filter(pk=vigente.invitacion.pk).update(
        contacto="eva@example.org", caduca_en=ahora + timedelta(days=1)
    )
    assert _resultado("contactos_invitaciones", simulacion=True).afectados == 1
    assert Invitacion.objects.filter(contacto="ana@example.org").exists()
    assert _resultado("contactos_invitaciones").afectados == 1
    assert set(
        Invitacion.objects.exclude(contacto="").values_list("contacto", flat=True)
    ) == {"eva@example.org"}


def test_los_sms_guardados_en_la_maquina_se_borran_pasados_los_dias(settings, tmp_path):
    settings.ENCUESTAS_SMS_DIR = str(tmp_path)
    settings.CONSERVACION_CORREO_DIAS = 14
    viejo, reciente = tmp_path / "2026-01-01.jsonl", tmp_path / "2026-11-30.jsonl"
    for fichero, dias in ((viejo, 15), (reciente, 13)):
        fichero.write_text("{}\n", encoding="utf-8")
        momento = (timezone.now() - timedelta(days=dias)).timestamp()
        os.utime(fichero, (momento, momento))
    assert _resultado("sms", simulacion=True).afectados == 1 and viejo.exists()
    assert _resultado("sms").afectados == 1
    assert not viejo.exists() and reciente.exists()
