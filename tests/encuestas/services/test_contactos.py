from datetime import timedelta

import pytest
from django.utils import timezone

from encuestas import services
from encuestas.models import ContactoHash
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
