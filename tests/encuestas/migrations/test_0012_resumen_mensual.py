"""The monthly rollup starts from what ResumenOficina already holds: the migration
fills it with the office rows summed by calendar month over the service and the
shards (its function runs on the current schema, as in test_0010)."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from encuestas.models import ResumenMensual, ResumenOficina
from tests.encuestas.migrations.editor import Editor

pytestmark = pytest.mark.django_db

migracion = import_module("encuestas.migrations.0012_resumen_mensual")


def test_la_migracion_rellena_el_resumen_mensual_desde_el_de_oficina():
    ResumenOficina.objects.all().delete()
    ResumenMensual.objects.all().delete()
    filas = [
        # fecha, oficina, canal, servicio, codigo, valor, fragmento, n
        (date(2026, 3, 1), 7, 1, 0, "SAT", 5, 0, 2),
        (date(2026, 3, 31), 7, 1, 4, "SAT", 5, 3, 3),  # another service and shard
        (date(2026, 3, 15), 7, 1, 0, "SAT", 4, 0, 1),
        (date(2026, 4, 1), 7, 1, 0, "SAT", 5, 0, 7),  # the next month
        (date(2026, 3, 10), 8, 2, 0, "NPS", 10, 0, 6),
    ]
    campos = ("fecha", "oficina_id", "canal_id", "servicio_id", "codigo", "valor")
    ResumenOficina.objects.bulk_create(
        ResumenOficina(**dict(zip(campos, f[:6], strict=True)), fragmento=f[6], n=f[7])
        for f in filas
    )
    migracion.rellenar(apps, Editor())
    assert sorted(
        ResumenMensual.objects.values_list(
            "mes", "oficina_id", "canal_id", "codigo", "valor", "fragmento", "n"
        )
    ) == [
        (date(2026, 3, 1), 7, 1, "SAT", 4, 0, 1),
        (date(2026, 3, 1), 7, 1, "SAT", 5, 0, 5),
        (date(2026, 3, 1), 8, 2, "NPS", 10, 0, 6),
        (date(2026, 4, 1), 7, 1, "SAT", 5, 0, 7),
    ]
