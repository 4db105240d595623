from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mejora.periodos import Periodo

pytestmark = pytest.mark.django_db


def test_periodos_claves_fechas_y_desplazamientos():
    p = Periodo.de("2026-Q1")
    assert (p.desde, p.hasta) == (date(2026, 1, 1), date(2026, 3, 31))
    assert p.anterior.clave == "2025-Q4" and p.anio_anterior.clave == "2025-Q1"
    assert [x.clave for x in Periodo.de("2026-02").serie(3)] == [
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    with pytest.raises(ValidationError):
        Periodo.de("2026-Q5")
