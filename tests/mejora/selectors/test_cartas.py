from datetime import date

import pytest

from mejora import selectors
from mejora.models import CartaServicios, Compromiso, ValorIndicador

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


def test_trimestre_en_curso_no_decide_el_anio_de_la_carta(dos_oficinas):
    carta = CartaServicios.objects.create(
        codigo="norte",
        nombre="Carta Norte",
        vigente_desde=date(2025, 1, 1),
        oficina=dos_oficinas["norte"],
    )
    Compromiso.objects.create(
        carta=carta, texto="Atender", indicador=dos_oficinas["indicador"], objetivo=25
    )
    # Q2 still running on 15 May: its partial value must not decide the year.
    ValorIndicador.objects.filter(
        periodo="2026-Q2", ambito_clave=f"oficina:{dos_oficinas['norte'].pk}"
    ).update(valor=10.0)
    c = selectors.cumplimiento_carta(carta, anio=2026, hoy=date(2026, 5, 15))
    fila = c["filas"][0]
    q1, q2 = fila["celdas"][0], fila["celdas"][1]
    assert q1["estado"] == "cumplido"
    assert q2["en_curso"] is True
    assert fila["anual"] == "cumplido" and c["provisional"] is True
