"""bench/datos.py's survey volume (PostgreSQL): realistic rows, and the set-based
consolidation the benches use for millions of responses leaves exactly the rollup
rows that the app's own `resumenes.consolidar` leaves."""

import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from encuestas import resumenes
from encuestas.models import (
    EmbudoDiario,
    Invitacion,
    Respuesta,
    RespuestaItem,
    ResumenDiario,
    ResumenMensual,
    ResumenOficina,
    ResumenPendiente,
    ResumenSemanal,
)
from organizacion.models import Empleado

sys.path.insert(0, str(Path(settings.BASE_DIR) / "bench"))
import datos  # noqa: E402
import datos_encuestas  # noqa: E402

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="el generador de volumen es SQL de PostgreSQL (generate_series)",
    ),
]

SEPTIEMBRE = {"desde": date(2026, 9, 1), "hasta": date(2026, 9, 30)}


# Every table the consolidation writes.
RESUMENES = (
    ResumenDiario,
    ResumenOficina,
    ResumenMensual,
    ResumenSemanal,
    EmbudoDiario,
)


def _filas(modelo) -> list[tuple]:
    campos = [f.attname for f in modelo._meta.concrete_fields if f.attname != "id"]
    return sorted(modelo.objects.values_list(*campos))


def test_consolidar_en_bloque_deja_las_mismas_filas_que_consolidar():
    org = datos.crear_organizacion(oficinas=4, personas=30)
    assert datos_encuestas.anadir_respuestas(org, 700, **SEPTIEMBRE) == 700
    cola = list(ResumenPendiente.objects.values_list("respuesta_id", "abierta"))
    embudo_sin_consolidar = _filas(EmbudoDiario)
    assert len(cola) == 700 and embudo_sin_consolidar

    assert resumenes.consolidar(lote=100) == 700
    por_consolidar = [_filas(m) for m in RESUMENES]
    assert len(por_consolidar[0]) > 1000

    # Back to the queue as the generator left it, then the set-based path.
    for modelo in RESUMENES:
        modelo.objects.all().delete()
    campos = [f.attname for f in EmbudoDiario._meta.concrete_fields][1:]
    EmbudoDiario.objects.bulk_create(
        EmbudoDiario(**dict(zip(campos, fila, strict=True)))
        for fila in embudo_sin_consolidar
    )
    ResumenPendiente.objects.bulk_create(
        ResumenPendiente(respuesta_id=r, abierta=a) for r, a in cola
    )
    assert datos_encuestas.consolidar_en_bloque() == 700
    en_bloque = [_filas(m) for m in RESUMENES]
    assert en_bloque == por_consolidar
    assert not ResumenPendiente.objects.exists()


def test_las_respuestas_generadas_son_realistas():
    org = datos.crear_organizacion(oficinas=4, personas=40)
    datos_encuestas.anadir_respuestas(org, 1200, **SEPTIEMBRE)
    datos_encuestas.construir_resumenes()
    # Every office, every channel, every day of the period.
    celdas = set(Respuesta.objects.values_list("oficina_id", "canal_id", "fecha"))
    assert len(celdas) == 4 * 3 * 30
    # The employee works in that office and attends that channel.
    canales_de = {}
    for pk, oficina_id, canal_id in Empleado.objects.values_list(
        "pk", "oficina_id", "canales"
    ):
        canales_de.setdefault(pk, (oficina_id, set()))[1].add(canal_id)
    for oficina_id, canal_id, empleado_id, servicio_id in Respuesta.objects.values_list(
        "oficina_id", "canal_id", "empleado_id", "servicio_id"
    ):
        assert canales_de[empleado_id][0] == oficina_id
        assert canal_id in canales_de[empleado_id][1]
        assert servicio_id in org.servicios
    rangos = {
        codigo: (min(v), max(v))
        for codigo in datos_encuestas.ITEMS
        if (
            v := list(
                RespuestaItem.objects.filter(codigo=codigo).values_list(
                    "valor", flat=True
                )
            )
        )
    }
    assert rangos["NPS"][0] >= 0 and rangos["NPS"][1] == 10
    assert rangos["FAC"] == (1, 7)
    assert rangos["SAT"] == rangos["TRATO"] == (1, 5)
    assert not RespuestaItem.objects.filter(
        codigo="TRATO", respuesta__canal_id=org.canales["telematico"]
    ).exists()
    sat = list(
        RespuestaItem.objects.filter(codigo="SAT").values_list("valor", flat=True)
    )
    # Wide bounds: the office bias depends on the ids, which differ run to run.
    assert 0.6 < sum(v >= 4 for v in sat) / len(sat) < 0.9
    # A tail of 1–2 whose size depends on the office (its bias).
    assert 0.02 < sum(v <= 2 for v in sat) / len(sat) < 0.2
    con_comentario = Respuesta.objects.exclude(comentario="").count() / 1200
    assert 0.1 < con_comentario < 0.2
    # The funnel agrees with the invitations and the responses.
    embudo = {
        c: sum(EmbudoDiario.objects.values_list(c, flat=True))
        for c in ("ofrecidas", "abiertas", "completadas")
    }
    assert embudo == {
        "ofrecidas": Invitacion.objects.count(),
        "abiertas": Invitacion.objects.exclude(abierta_en=None).count(),
        "completadas": 1200,
    }
    assert Invitacion.objects.filter(estado="respondida").count() == 1200
