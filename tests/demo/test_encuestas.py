"""The survey demo: its sede integration prints a signed link that opens the
survey and records one attention."""

import io
import re

import pytest

from demo import encuestas, organizacion
from encuestas.models import Atencion

pytestmark = pytest.mark.django_db


def test_la_demo_crea_la_sede_y_un_enlace_firmado_que_funciona(client):
    organizacion.sembrar()
    salida = io.StringIO()
    encuestas.sembrar(stdout=salida)
    url = re.search(r"Enlace firmado de ejemplo \(30 días\): (\S+)", salida.getvalue())[
        1
    ]
    ruta = "/" + url.split("://", 1)[1].split("/", 1)[1]
    assert client.get(ruta).status_code == 200
    antes = Atencion.objects.count()
    assert client.post(ruta).status_code == 303
    assert Atencion.objects.count() == antes + 1


def test_la_demo_llena_el_resumen_por_oficina_igual_que_el_diario():
    from tests.factories import (
        resumenes_por_mes,
        resumenes_por_oficina,
        resumenes_por_semana,
    )

    organizacion.sembrar()
    encuestas.sembrar(stdout=io.StringIO())
    por_personas, por_oficina = resumenes_por_oficina()
    assert len(por_personas) > 1000
    assert por_oficina == por_personas
    por_mes, mensual = resumenes_por_mes()
    assert len(mensual) > 100
    assert mensual == por_mes
    por_semana, semanal = resumenes_por_semana()
    assert len(semanal) > 100
    assert semanal == por_semana
