import pytest
from django.core.exceptions import ValidationError

from encuestas import services
from encuestas.models import ResumenDiario
from organizacion.models import Canal
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_quiosco_rafaga_se_guarda_pero_no_cuenta(oficina, settings):
    settings.ENCUESTAS_QUIOSCO_RAFAGA = (3, 60)
    kiosco, secreto = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="Salida"
    )
    assert services.kiosco_autentico(kiosco, secreto) and not services.kiosco_autentico(
        kiosco, "otro"
    )
    respuestas = [services.responder_quiosco(kiosco=kiosco, cara=4) for _ in range(5)]
    assert [r.reportable for r in respuestas] == [True, True, True, False, False]
    assert respuestas[-1].motivo_no_reportable == "rafaga"
    assert (
        sum(
            ResumenDiario.objects.filter(codigo="SAT", valor=5).values_list(
                "n", flat=True
            )
        )
        == 3
    )
    services.anadir_motivo_quiosco(respuesta_id=respuestas[0].pk, motivo=0)
    assert ResumenDiario.objects.get(codigo="MOTIVO").n == 1
    with pytest.raises(ValidationError):
        services.responder_quiosco(kiosco=kiosco, cara=7)
