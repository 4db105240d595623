import pytest

from encuestas import services
from encuestas.models import Encuesta, ItemVersion
from tests.factories import OficinaFactory, responder_con

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_editar_item_respondido_crea_version(oficina):
    version = ItemVersion.objects.get(item__codigo="CONF", version=1)
    misma = services.editar_item(
        item_version=version, textos={**version.textos, "es": "Confío más."}
    )
    assert misma.pk == version.pk
    primera = responder_con(oficina, {"SAT": "4", "CONF": "5"})
    nueva = services.editar_item(
        item_version=misma, textos={**version.textos, "es": "Ahora confío más."}
    )
    assert nueva.version == 2 and nueva.pk != version.pk
    assert (
        Encuesta.objects.get(codigo="presencial")
        .items.filter(item__codigo="CONF")
        .get()
        == nueva
    )
    r = responder_con(oficina, {"SAT": "4", "CONF": "3"})
    assert r.valores.get(codigo="CONF").item_version == nueva
    # The earlier answer keeps pointing at the wording it was given, unchanged.
    assert primera.valores.get(codigo="CONF").item_version == version
    version.refresh_from_db()
    assert version.textos["es"] == "Confío más."
