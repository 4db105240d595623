import pytest

from encuestas import seguridad, services
from organizacion.models import Canal
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_claves_de_api_con_hash_y_revocables(oficina):
    integracion, clave = services.crear_integracion(
        nombre="Cita previa", oficinas=[oficina], canales=Canal.objects.all()
    )
    assert (
        integracion.clave_hash == seguridad.hash_clave(clave)
        and clave not in integracion.clave_hash
    )
    services.revocar_integracion(integracion=integracion)
    integracion.refresh_from_db()
    assert not integracion.activa and integracion.revocada_en
