"""The office rollup starts from what ResumenDiario already holds: the migration
fills it with the per-person rows summed over the employee and the shards.

The migration's own function runs on the current schema, in the test's
transaction. Migrating the shared test database back to 0009 and forward again
(an earlier version of this test) left the table missing for the tests and the
worker that came after it in the full suite."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from encuestas.models import ResumenDiario, ResumenOficina
from tests.encuestas.migrations.editor import Editor

pytestmark = pytest.mark.django_db

migracion = import_module("encuestas.migrations.0010_resumen_por_oficina")


def test_la_migracion_rellena_el_resumen_por_oficina_desde_el_diario():
    ResumenDiario.objects.all().delete()
    ResumenOficina.objects.all().delete()
    dia, otro = date(2026, 3, 10), date(2026, 3, 11)
    filas = [
        # fecha, oficina, canal, servicio, empleado, codigo, valor, fragmento, n
        (dia, 7, 1, 0, 11, "SAT", 5, 0, 2),
        (dia, 7, 1, 0, 12, "SAT", 5, 0, 3),
        (dia, 7, 1, 0, 12, "SAT", 5, 4, 1),  # another shard of the same cell
        (dia, 7, 1, 0, 0, "SAT", 4, 2, 1),
        (dia, 7, 1, 3, 11, "SAT", 5, 0, 1),  # another service
        (otro, 8, 2, 0, 13, "NPS", 10, 0, 6),
    ]
    campos = ("fecha", "oficina_id", "canal_id", "servicio_id", "empleado_id")
    ResumenDiario.objects.bulk_create(
        ResumenDiario(
            **dict(zip(campos, f[:5], strict=True)),
            codigo=f[5],
            valor=f[6],
            fragmento=f[7],
            n=f[8],
        )
        for f in filas
    )
    migracion.rellenar(apps, Editor())
    assert sorted(
        ResumenOficina.objects.values_list(
            "fecha",
            "oficina_id",
            "canal_id",
            "servicio_id",
            "codigo",
            "valor",
            "fragmento",
            "n",
        )
    ) == [
        (dia, 7, 1, 0, "SAT", 4, 0, 1),
        (dia, 7, 1, 0, "SAT", 5, 0, 6),
        (dia, 7, 1, 3, "SAT", 5, 0, 1),
        (otro, 8, 2, 0, "NPS", 10, 0, 6),
    ]
