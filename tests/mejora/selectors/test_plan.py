from datetime import date

import pytest

from mejora import selectors
from mejora.models import (
    ValorIndicador,
)

pytestmark = pytest.mark.django_db


def test_efecto_de_una_accion_antes_y_despues(indicador_pruebas, objetos):
    # The action runs 1 Jan – 1 Mar 2026: before = 2025-Q4, after = 2026-Q2.
    a = objetos["accion"]
    ahora = "2026-01-01T00:00:00Z"
    for periodo, valor, n in (("2025-Q4", 60.0, 1000), ("2026-Q2", 70.0, 1000)):
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
    a.indicador, a.periodo_antes, a.periodo_despues = (
        indicador_pruebas,
        "2025-Q4",
        "2026-Q2",
    )
    a.save()
    efecto = selectors.efecto_accion(a, hoy=date(2026, 7, 15))
    assert (
        efecto["diferencia"] == pytest.approx(10)
        and efecto["significativo"]
        and efecto["mejora"]
    )
