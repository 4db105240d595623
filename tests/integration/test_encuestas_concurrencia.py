"""Two submits of one token at the same moment: exactly one response is stored.

Needs PostgreSQL (SQLite serialises every writer, so the race cannot happen there).
"""

import threading

import pytest
from django.db import connection, connections

from encuestas import services
from encuestas.models import Respuesta, ResumenDiario
from tests.factories import OficinaFactory, invitar

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="la carrera real solo se puede provocar en PostgreSQL")
@pytest.mark.parametrize("hilos", [2, 8])
def test_envios_simultaneos_guardan_una_sola_respuesta(hilos):
    services._CACHE_LINEAS.clear()
    oficina = OficinaFactory()
    _, token = invitar(oficina)
    barrera = threading.Barrier(hilos)
    resultados: list[str] = []
    cerrojo = threading.Lock()

    def enviar(valor):
        try:
            barrera.wait()
            services.responder(token=token, datos={"SAT": str(valor)})
            desenlace = "guardada"
        except services.YaRespondida:
            desenlace = "ya respondida"
        except Exception as exc:  # anything else is a failure of the test
            desenlace = f"error {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with cerrojo:
            resultados.append(desenlace)

    trabajos = [threading.Thread(target=enviar, args=(1 + i % 5,)) for i in range(hilos)]
    for t in trabajos:
        t.start()
    for t in trabajos:
        t.join(30)
    assert sorted(resultados) == ["guardada"] + ["ya respondida"] * (hilos - 1), resultados
    assert Respuesta.objects.count() == 1
    # The rollup counted the one response once.
    assert sum(ResumenDiario.objects.filter(codigo="SAT").values_list("n", flat=True)) == 1
