"""The weekly rollup starts from what ResumenOficina already holds: the migration
fills it with the office rows summed by ISO week (its Monday) over the service
and the shards, on SQLite and on PostgreSQL alike (as in test_0012)."""

from datetime import date
from importlib import import_module

import pytest
from django.apps import apps

from encuestas.models import ResumenOficina, ResumenSemanal
from tests.encuestas.migrations.editor import Editor

pytestmark = pytest.mark.django_db

migracion = import_module("encuestas.migrations.0013_resumen_semanal")


def test_la_migracion_rellena_el_resumen_semanal_desde_el_de_oficina():
    ResumenOficina.objects.all().delete()
    ResumenSemanal.objects.all().delete()
    filas = [
        # fecha, oficina, canal, servicio, codigo, valor, fragmento, n
        (date(2026, 11, 30), 7, 1, 0, "SAT", 5, 0, 2),  # Monday
        (date(2026, 12, 6), 7, 1, 4, "SAT", 5, 3, 3),  # its Sunday: another service, shard
        (date(2026, 12, 2), 7, 1, 0, "SAT", 4, 0, 1),
        (date(2026, 12, 7), 7, 1, 0, "SAT", 5, 0, 7),  # the next Monday
        (date(2026, 11, 29), 8, 2, 0, "NPS", 10, 0, 6),  # the Sunday before
    ]
    campos = ("fecha", "oficina_id", "canal_id", "servicio_id", "codigo", "valor")
    ResumenOficina.objects.bulk_create(
        ResumenOficina(**dict(zip(campos, f[:6], strict=True)), fragmento=f[6], n=f[7])
        for f in filas
    )
    migracion.rellenar(apps, Editor())
    assert sorted(
        ResumenSemanal.objects.values_list(
            "semana", "oficina_id", "canal_id", "codigo", "valor", "fragmento", "n"
        )
    ) == [
        (date(2026, 11, 23), 8, 2, "NPS", 10, 0, 6),
        (date(2026, 11, 30), 7, 1, "SAT", 4, 0, 1),
        (date(2026, 11, 30), 7, 1, "SAT", 5, 0, 5),
        (date(2026, 12, 7), 7, 1, "SAT", 5, 0, 7),
    ]
