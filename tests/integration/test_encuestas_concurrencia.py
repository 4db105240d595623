"""Two submits of one token at the same moment: exactly one response is stored.

Needs PostgreSQL (SQLite serialises every writer, so the race cannot happen there).
"""

import json
import threading

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.test import Client

from encuestas import resumenes, services
from encuestas.models import (
    EmbudoDiario,
    Invitacion,
    Respuesta,
    ResumenDiario,
    ResumenPendiente,
)
from organizacion.models import Canal
from tests.factories import OficinaFactory, ServicioFactory, invitar, responder_con

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="la carrera real solo se puede provocar en PostgreSQL",
)
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

    trabajos = [
        threading.Thread(target=enviar, args=(1 + i % 5,)) for i in range(hilos)
    ]
    for t in trabajos:
        t.start()
    for t in trabajos:
        t.join(30)
    assert sorted(resultados) == ["guardada"] + ["ya respondida"] * (hilos - 1), (
        resultados
    )
    assert Respuesta.objects.count() == 1
    # Queued once, and counted once by the consolidator.
    assert ResumenPendiente.objects.count() == 1
    resumenes.consolidar()
    assert (
        sum(ResumenDiario.objects.filter(codigo="SAT").values_list("n", flat=True)) == 1
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="dos consolidadores a la vez solo pueden solaparse en PostgreSQL",
)
def test_consolidadores_simultaneos_cuentan_cada_respuesta_una_vez():
    services._CACHE_LINEAS.clear()
    oficina = OficinaFactory()
    for i in range(60):
        responder_con(oficina, {"SAT": str(1 + i % 5)}, consolidar=False)
    barrera = threading.Barrier(4)
    hechas: list[int] = []
    errores: list[str] = []

    def consolidar():
        try:
            barrera.wait()
            hechas.append(resumenes.consolidar(lote=7))
        except Exception as exc:
            errores.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    trabajos = [threading.Thread(target=consolidar) for _ in range(4)]
    for t in trabajos:
        t.start()
    for t in trabajos:
        t.join(60)
    assert not errores and sum(hechas) == 60, (hechas, errores)
    assert ResumenPendiente.objects.count() == 0
    assert (
        sum(ResumenDiario.objects.filter(codigo="SAT").values_list("n", flat=True))
        == 60
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="la carrera real solo se puede provocar en PostgreSQL",
)
def test_envios_directos_simultaneos_guardan_una_sola_respuesta():
    """The one-statement path of the public form, raced by 8 threads."""
    services._CACHE_LINEAS.clear()
    oficina = OficinaFactory()
    registro, token = invitar(oficina)
    barrera = threading.Barrier(8)
    ids: list = []

    def enviar():
        try:
            barrera.wait()
            ids.append(
                services.responder_directo(
                    token=token,
                    encuesta_id=registro.invitacion.encuesta_id,
                    datos={"SAT": "4"},
                )
            )
        finally:
            connections.close_all()

    trabajos = [threading.Thread(target=enviar) for _ in range(8)]
    for t in trabajos:
        t.start()
    for t in trabajos:
        t.join(30)
    guardadas = [i for i in ids if i is not None]
    assert len(ids) == 8 and len(guardadas) == 1, ids
    assert list(Respuesta.objects.values_list("pk", flat=True)) == guardadas
    assert ResumenPendiente.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serializa las escrituras: el interbloqueo solo ocurre en PostgreSQL",
)
def test_lotes_simultaneos_de_atenciones_sin_5xx_y_embudo_exacto():
    """8 clients POST batches of attention events at once: every batch is stored
    (no deadlock on the funnel's counters) and the offered counters add up to
    exactly the invitations created."""
    clientes, lotes, eventos = 8, 3, 60
    oficina = OficinaFactory(canales=["presencial", "telefonico"])
    servicios = [ServicioFactory() for _ in range(3)]
    claves = [
        services.crear_integracion(
            nombre=f"Cliente {n}",
            oficinas=[oficina],
            canales=Canal.objects.filter(codigo__in=["presencial", "telefonico"]),
        )[1]
        for n in range(clientes)
    ]
    # Loads the middleware once here: its metrics are registered on first use.
    assert Client().get("/api/v1/openapi.json").status_code == 200
    barrera = threading.Barrier(clientes)
    estados: list[int] = []
    cerrojo = threading.Lock()

    def cliente(n):
        http = Client(raise_request_exception=False)
        try:
            barrera.wait()
            for lote in range(lotes):
                cuerpo = {
                    "atenciones": [
                        {
                            "oficina": oficina.codigo_dir3,
                            "canal": ("presencial", "telefonico")[i % 2],
                            "servicio": servicios[i % 3].codigo,
                            "fecha": f"2026-11-{20 + i % 2}T10:15:00+01:00",
                            "referencia": f"C{n}-L{lote}-E{i}",
                        }
                        for i in range(eventos)
                    ]
                }
                r = http.post(
                    "/api/v1/atenciones",
                    json.dumps(cuerpo),
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {claves[n]}",
                )
                with cerrojo:
                    estados.append(r.status_code)
        finally:
            connections.close_all()

    trabajos = [threading.Thread(target=cliente, args=(n,)) for n in range(clientes)]
    for t in trabajos:
        t.start()
    for t in trabajos:
        t.join(120)
    assert estados == [201] * (clientes * lotes), sorted(estados)
    invitaciones = Invitacion.objects.count()
    assert invitaciones == clientes * lotes * eventos
    ofrecidas = EmbudoDiario.objects.aggregate(n=Sum("ofrecidas"))["n"]
    assert ofrecidas == invitaciones
