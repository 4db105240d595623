from datetime import timedelta

import pytest
from django.utils import timezone

from encuestas import selectors
from encuestas.models import Alerta
from encuestas.selectors import por_ambitos
from encuestas.services.alertas import abrir_alerta
from tests.factories import OficinaFactory, invitar, responder_con
from tests.por_ambitos import comprobar_igual_que_por_ambito

pytestmark = pytest.mark.django_db

# (source, parameters, scopes with data at least: organisation, both offices and
# both channels; the default survey has no NPS question, so its cells are empty)
FUENTES = [
    ("indicador_acuerdo", {}, 5),
    ("indicador_acuerdo", {"item": "CONF"}, 5),
    ("indicador_media", {}, 5),
    ("indicador_ces", {}, 5),
    ("indicador_nps", {}, 0),
    ("indicador_tasa_respuesta", {}, 5),
    ("indicador_alertas_en_plazo", {}, 4),
]


@pytest.fixture
def respuestas():
    """Three offices (the last one left out of the list, as an inactive office
    is), two channels, every item with varied scores, unanswered invitations,
    alerts closed in time, late and open."""
    oficinas = [OficinaFactory(canales=["presencial", "telefonico"]) for _ in range(3)]
    for k, oficina in enumerate(oficinas):
        for j in range(6 + 3 * k):
            canal = "presencial" if j % 3 else "telefonico"
            nota = 1 + (j * (k + 2)) % 5
            respuesta = responder_con(
                oficina,
                {
                    "SAT": str(nota),
                    "CONF": str(6 - nota),
                    "FAC": str(1 + (j + k) % 7),
                    "NPS": str((j * 3 + k) % 11),
                },
                canal,
            )
            if nota <= 2:
                alerta = abrir_alerta(respuesta, nota, "600000000")
                if j % 2:
                    Alerta.objects.filter(pk=alerta.pk).update(
                        estado=Alerta.Estado.CERRADA,
                        contacto="",
                        cerrada_en=alerta.plazo + timedelta(hours=k - 1),
                    )
        for _ in range(k + 1):
            invitar(oficina, "telefonico")
    return oficinas


@pytest.mark.parametrize(("nombre", "parametros", "minimo"), FUENTES)
def test_agrupada_igual_que_por_ambito(respuestas, nombre, parametros, minimo):
    hoy = timezone.localdate()
    con_datos = comprobar_igual_que_por_ambito(
        getattr(por_ambitos, nombre),
        getattr(selectors, nombre),
        desde=hoy - timedelta(days=30),
        hasta=hoy,
        oficina_ids=[o.pk for o in respuestas[:2]],
        canales=["presencial", "telefonico", "web", "no-existe"],
        **parametros,
    )
    assert con_datos >= minimo


def test_una_consulta_por_indicador_sea_cual_sea_el_numero_de_oficinas(
    respuestas, django_assert_num_queries
):
    hoy = timezone.localdate()
    muchas = [o.pk for o in respuestas] + list(range(10_000, 10_300))
    for nombre, parametros, _minimo in FUENTES:
        with django_assert_num_queries(2):  # the channels' ids, the grouped rows
            getattr(por_ambitos, nombre)(
                desde=hoy, hasta=hoy, oficina_ids=muchas, canales=["web"], **parametros
            )
