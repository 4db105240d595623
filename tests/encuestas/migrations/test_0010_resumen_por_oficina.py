"""The office rollup starts from what ResumenDiario already holds: the migration
fills it with the per-person rows summed over the employee and the shards."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

ANTES = [("encuestas", "0009_fragmento_por_defecto_en_bd")]
DESPUES = [("encuestas", "0010_resumen_por_oficina")]


def _migrar(destino):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(destino)
    return executor.loader.project_state(destino).apps


def test_la_migracion_rellena_el_resumen_por_oficina_desde_el_diario():
    apps = _migrar(ANTES)
    ResumenDiario = apps.get_model("encuestas", "ResumenDiario")
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
    try:
        apps = _migrar(DESPUES)
        ResumenOficina = apps.get_model("encuestas", "ResumenOficina")
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
    finally:
        _migrar(MigrationExecutor(connection).loader.graph.leaf_nodes())
