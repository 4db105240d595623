"""A submit only queues its response; the consolidator adds the queue to both
rollups, each response exactly once."""

from datetime import date

import pytest
from django.db.models import Sum
from django.test import Client

from encuestas import resumenes, services
from encuestas.models import EmbudoDiario, ResumenDiario, ResumenPendiente
from tests.factories import OficinaFactory, invitar, responder_con

pytestmark = pytest.mark.django_db


def _n(**filtro) -> int:
    return ResumenDiario.objects.filter(**filtro).aggregate(t=Sum("n"))["t"] or 0


def _embudo(oficina) -> dict:
    return EmbudoDiario.objects.filter(oficina_id=oficina.pk).aggregate(
        ofrecidas=Sum("ofrecidas"),
        abiertas=Sum("abiertas"),
        completadas=Sum("completadas"),
    )


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial"])


def test_el_envio_encola_y_la_consolidacion_suma_cada_valor(oficina):
    responder_con(oficina, {"SAT": "5", "CONF": "4", "FAC": "6"}, consolidar=False)
    responder_con(oficina, {"SAT": "5", "CONF": "2"}, consolidar=False)
    assert ResumenPendiente.objects.count() == 2
    assert _n(oficina_id=oficina.pk) == 0  # nothing in the results yet
    assert _embudo(oficina) == {"ofrecidas": 2, "abiertas": 0, "completadas": 0}

    assert resumenes.consolidar() == 2

    assert ResumenPendiente.objects.count() == 0
    assert _n(oficina_id=oficina.pk, codigo="SAT", valor=5) == 2
    assert _n(oficina_id=oficina.pk, codigo="CONF", valor=4) == 1
    assert _n(oficina_id=oficina.pk, codigo="CONF", valor=2) == 1
    assert _n(oficina_id=oficina.pk, codigo="FAC", valor=6) == 1
    assert _n(oficina_id=oficina.pk) == 5
    # Answered without opening first (a POST straight away): opened once, completed once.
    assert _embudo(oficina) == {"ofrecidas": 2, "abiertas": 2, "completadas": 2}


def test_consolidar_otra_vez_no_cuenta_dos_veces(oficina):
    responder_con(oficina, {"SAT": "3"})
    assert resumenes.consolidar() == 0
    assert _n(codigo="SAT") == 1
    assert _embudo(oficina)["completadas"] == 1


def test_abierta_por_un_primer_envio_no_se_cuenta_otra_vez(oficina):
    _, token = invitar(oficina)
    assert Client().get(f"/e/{token}/").status_code == 200
    assert _embudo(oficina)["abiertas"] == 0  # a GET (or a link scanner) counts nothing
    assert Client().post(f"/e/{token}/", {"paso": "1", "SAT": "9"}).status_code == 400
    assert _embudo(oficina)["abiertas"] == 1  # a person sent the form
    Client().post(f"/e/{token}/", {"paso": "1", "SAT": "4"})
    resumenes.consolidar()
    assert _embudo(oficina) == {"ofrecidas": 1, "abiertas": 1, "completadas": 1}


def test_ni_el_contacto_ni_las_no_reportables_entran_en_las_metricas(oficina):
    _, token = invitar(oficina)
    services.responder(
        token=token, datos={"SAT": "5", "CONTACTO": "0"}, reportable=False
    )
    _, token = invitar(oficina)
    services.responder(
        token=token, datos={"SAT": "1", "CONTACTO": "1"}, contacto="600111222"
    )
    resumenes.consolidar()
    assert _n(codigo="CONTACTO") == 0
    assert _n(codigo="SAT") == 1 and _n(codigo="SAT", valor=1) == 1
    # Both were completed, so the funnel counts both.
    assert _embudo(oficina)["completadas"] == 2


def test_varios_lotes_hasta_vaciar_la_cola(oficina):
    otra = OficinaFactory(canales=["presencial"])
    for i in range(7):
        responder_con(
            oficina if i % 2 else otra, {"SAT": str(1 + i % 5)}, consolidar=False
        )
    assert resumenes.consolidar(lote=3) == 7
    assert ResumenPendiente.objects.count() == 0
    assert _n(codigo="SAT") == 7
    assert _n(oficina_id=oficina.pk) == 3 and _n(oficina_id=otra.pk) == 4


def test_la_tarea_consolida(oficina):
    from encuestas.tasks import consolidar_resumenes

    responder_con(oficina, {"SAT": "4"}, consolidar=False)
    consolidar_resumenes.delay()  # eager in unit tests; a real worker in integration/
    assert _n(codigo="SAT", valor=4) == 1


def test_la_consolidacion_esta_programada_en_beat(settings):
    entrada = settings.CELERY_BEAT_SCHEDULE["encuestas-consolidar-resumenes"]
    assert entrada["task"] == "encuestas.tasks.consolidar_resumenes"
    assert entrada["schedule"] == settings.ENCUESTAS_CONSOLIDAR_SEGUNDOS <= 60


def test_embudo_acumulado_escribe_al_final_una_fila_por_celda_en_orden(
    oficina, monkeypatch
):
    """Inside the block nothing is written; at its end each cell gets one row,
    the cells in ascending order (the order that keeps batches from deadlocking)."""
    escritas: list = []
    original = resumenes.sql.sumar_embudos

    def sumar_embudos(celdas, *, fragmento):
        escritas.append(([c[:4] for c in celdas], fragmento))
        original(celdas, fragmento=fragmento)

    monkeypatch.setattr(resumenes.sql, "sumar_embudos", sumar_embudos)
    dia, otro = date(2026, 11, 21), date(2026, 11, 20)
    celda = {"oficina_id": oficina.pk, "canal_id": oficina.canales.get().pk}
    with resumenes.embudo_acumulado():
        resumenes.sumar_embudo(fecha=dia, **celda, servicio_id=None, ofrecidas=1)
        with resumenes.embudo_acumulado():  # nested: the outer block writes
            resumenes.sumar_embudo(fecha=otro, **celda, servicio_id=None, ofrecidas=1)
        resumenes.sumar_embudo(fecha=dia, **celda, servicio_id=None, abiertas=1)
        resumenes.sumar_embudo(fecha=dia, **celda, servicio_id=None, ofrecidas=2)
        assert not EmbudoDiario.objects.exists() and not escritas
    [(claves, fragmento)] = escritas
    assert claves == [
        (otro, oficina.pk, celda["canal_id"], 0),
        (dia, oficina.pk, celda["canal_id"], 0),
    ]
    assert sorted(
        EmbudoDiario.objects.values_list("fecha", "ofrecidas", "abiertas", "fragmento")
    ) == [(otro, 1, 0, fragmento), (dia, 3, 1, fragmento)]


def test_embudo_acumulado_no_escribe_si_el_bloque_falla(oficina):
    canal_id = oficina.canales.get().pk
    with pytest.raises(RuntimeError), resumenes.embudo_acumulado():
        resumenes.sumar_embudo(
            fecha=date(2026, 11, 20),
            oficina_id=oficina.pk,
            canal_id=canal_id,
            servicio_id=None,
            ofrecidas=1,
        )
        raise RuntimeError
    assert not EmbudoDiario.objects.exists()
    # Outside the block the increment is written at once, as before.
    resumenes.sumar_embudo(
        fecha=date(2026, 11, 20),
        oficina_id=oficina.pk,
        canal_id=canal_id,
        servicio_id=None,
        ofrecidas=1,
    )
    assert _embudo(oficina)["ofrecidas"] == 1


def test_un_insert_crudo_sin_fragmento_cae_en_el_fragmento_0(oficina):
    # The volume benches and SQL rebuilds write the rollups with raw INSERTs; the
    # column's default has to live in the database, not only in Python.
    from django.db import connection

    with connection.cursor() as c:
        c.execute(
            f"INSERT INTO {ResumenDiario._meta.db_table} "
            "(fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, n) "
            "VALUES ('2026-07-01', %s, 0, 0, 0, 'SAT', 5, 3)",
            [oficina.pk],
        )
        c.execute(
            f"INSERT INTO {EmbudoDiario._meta.db_table} "
            "(fecha, oficina_id, canal_id, servicio_id, ofrecidas, abiertas, completadas) "
            "VALUES ('2026-07-01', %s, 0, 0, 4, 2, 1)",
            [oficina.pk],
        )
    assert ResumenDiario.objects.get(oficina_id=oficina.pk).fragmento == 0
    assert EmbudoDiario.objects.get(oficina_id=oficina.pk).fragmento == 0


def test_el_resumen_por_oficina_es_el_diario_sumado_sobre_las_personas(oficina):
    from encuestas.models import Kiosco, ResumenOficina
    from organizacion.models import Canal
    from tests.factories import (
        EmpleadoFactory,
        resumenes_por_mes,
        resumenes_por_oficina,
        resumenes_por_semana,
    )

    ana, luis = EmpleadoFactory(oficina=oficina), EmpleadoFactory(oficina=oficina)
    for empleado, datos in (
        (ana, {"SAT": "5", "CONF": "4", "FAC": "6"}),
        (luis, {"SAT": "5", "CONF": "2"}),
        (luis, {"SAT": "1", "CONTACTO": "0"}),
        (None, {"SAT": "4"}),
    ):
        responder_con(oficina, datos, consolidar=False, empleado=empleado)
    kiosco, _ = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="Salida"
    )
    toque = services.responder_quiosco(kiosco=kiosco, cara=4)  # straight in
    services.anadir_motivo_quiosco(respuesta_id=toque.pk, motivo=0)
    assert Kiosco.objects.count() == 1
    assert resumenes.consolidar() == 4

    por_personas, por_oficina = resumenes_por_oficina()
    assert por_oficina == por_personas
    por_mes, mensual = resumenes_por_mes()
    assert mensual == por_mes and mensual
    por_semana, semanal = resumenes_por_semana()
    assert semanal == por_semana and semanal
    dia = next(iter(por_oficina))[0]
    sat5 = (dia, oficina.pk, kiosco.canal_id, 0, "SAT", 5)
    assert por_oficina[sat5] == 3  # Ana, Luis and the kiosk's happy face
    assert not ResumenOficina.objects.filter(codigo="CONTACTO").exists()


def test_consolidar_anuncia_las_fechas_que_anade():
    """Issue 14: mejora marks the periods of these dates for the nightly job."""
    from django.utils import timezone

    from encuestas.signals import fechas_consolidadas
    from mejora.models import PeriodoPendiente

    avisos = []

    def anotar(sender, fechas, **kwargs):
        avisos.append(set(fechas))

    fechas_consolidadas.connect(anotar)
    try:
        oficina = OficinaFactory()
        respuesta = responder_con(oficina, {"SAT": "4"}, consolidar=False)
        antigua = responder_con(oficina, {"SAT": "2"}, consolidar=False)
        type(antigua).objects.filter(pk=antigua.pk).update(fecha=date(2025, 2, 14))
        resumenes.consolidar()
        resumenes.consolidar()  # nothing queued: nothing announced
    finally:
        fechas_consolidadas.disconnect(anotar)
    assert avisos == [{respuesta.fecha, date(2025, 2, 14)}]
    assert respuesta.fecha == timezone.localdate()
    assert set(PeriodoPendiente.objects.values_list("periodo", flat=True)) == {
        "2025-02",
        "2025-Q1",
    }
