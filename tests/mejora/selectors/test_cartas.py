from datetime import date

import pytest

from mejora import selectors
from mejora.models import (
    Compromiso,
    ValorIndicador,
)

pytestmark = pytest.mark.django_db


def test_cumplimiento_de_carta_por_trimestre(indicador_pruebas, objetos):
    carta = objetos["carta"]
    Compromiso.objects.create(
        carta=carta, texto="Presencial", indicador=indicador_pruebas, objetivo=70
    )
    ahora = "2026-01-01T00:00:00Z"
    for periodo, valor, n in (
        ("2026-Q1", 75.0, 50),
        ("2026-Q2", 65.0, 50),
        ("2026-Q3", 90.0, 1),
    ):
        ValorIndicador.objects.create(
            indicador=indicador_pruebas,
            periodo=periodo,
            desde=date(2026, 1, 1),
            hasta=date(2026, 3, 31),
            ambito="organizacion",
            ambito_clave="organizacion",
            valor=valor,
            n=n,
            calculado_en=ahora,
        )
    c = selectors.cumplimiento_carta(carta, 2026)
    assert [x["estado"] for x in c["filas"][0]["celdas"]] == [
        "cumplido",
        "no_cumplido",
        "sin_datos",
        "sin_datos",
    ]
    assert c["filas"][0]["anual"] == "no_cumplido"
