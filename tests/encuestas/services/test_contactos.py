from datetime import timedelta

import pytest
from django.utils import timezone

from encuestas import seguridad, services
from encuestas.models import ContactoHash
from encuestas.services import contactos
from organizacion.models import Canal
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_fatiga_y_baja_con_hash_del_contacto(oficina, settings, tmp_path):
    settings.ENCUESTAS_SMS_DIR = str(tmp_path)
    canal = Canal.objects.get(codigo="telefonico")
    primera = services.registrar_atencion(
        oficina=oficina, canal=canal, contacto="+34 612 345 678", referencia_externa="a"
    )
    assert primera.invitacion is not None
    segunda = services.registrar_atencion(
        oficina=oficina, canal=canal, contacto="612345678", referencia_externa="b"
    )
    assert segunda.invitacion is None and segunda.motivo == "fatiga"
    ContactoHash.objects.update(
        ultima_invitacion_el=timezone.localdate() - timedelta(days=31)
    )
    assert services.registrar_atencion(
        oficina=oficina, canal=canal, contacto="612345678", referencia_externa="c"
    ).invitacion
    services.dar_de_baja(contacto="612 345 678")
    ContactoHash.objects.update(
        ultima_invitacion_el=timezone.localdate() - timedelta(days=60)
    )
    assert (
        services.registrar_atencion(
            oficina=oficina, canal=canal, contacto="612345678", referencia_externa="d"
        ).motivo
        == "baja"
    )
    assert not ContactoHash.objects.filter(hash__contains="612").exists()


def test_baja_por_token_es_idempotente_y_un_token_falso_no_da_de_baja():
    ContactoHash.objects.create(hash="h1")
    ContactoHash.objects.create(hash="h2")
    token = services.emitir_token_baja(contacto="612345678")
    assert not services.dar_de_baja_por_token(token="abcdefghjkmnp")
    assert not services.dar_de_baja_por_token(token="../../x")
    assert not ContactoHash.objects.filter(baja=True).exists()
    assert services.dar_de_baja_por_token(token=token.upper())
    assert services.dar_de_baja_por_token(token=token)
    assert list(
        ContactoHash.objects.filter(baja=True).values_list("hash", flat=True)
    ) == [seguridad.hash_contacto("612 345 678")]
    # The opt-out stands for the contact's next attention (the existing rule).
    assert contactos.aplicar_fatiga("+34 612 345 678") == "baja"


def test_un_nuevo_envio_cambia_el_token_de_baja():
    primero = services.emitir_token_baja(contacto="ana@example.org")
    segundo = services.emitir_token_baja(contacto="ana@example.org")
    assert primero != segundo
    assert not services.dar_de_baja_por_token(token=primero)
    assert services.dar_de_baja_por_token(token=segundo)
