"""The start-up check of the indicators' sources (mejora/checks.py), run through
Django's check registry as `check --database default` and `migrate` run it."""

import pytest
from django.core.checks import run_checks

from mejora import fuentes
from mejora.models import Indicador

pytestmark = pytest.mark.django_db


def _errores_de_mejora(**kwargs):
    return [e for e in run_checks(**kwargs) if e.id.startswith("mejora.")]


def test_las_fuentes_de_serie_y_los_indicadores_instalados_pasan_el_chequeo():
    assert Indicador.objects.exclude(fuente="manual").exists()
    assert _errores_de_mejora(databases=["default"]) == []


def test_indicador_con_fuente_desconocida_da_error_al_arrancar():
    Indicador.objects.create(
        codigo="errata",
        nombre="Indicador con una errata en la fuente",
        fuente=Indicador.Fuente.ENCUESTAS,
        selector="encuestas.acuerd",
        parametros={"item": "SAT"},
    )
    errores = _errores_de_mejora(databases=["default"])
    assert [(e.id, e.obj) for e in errores] == [("mejora.E002", "errata")]
    assert "encuestas.acuerd" in errores[0].msg
    assert "encuestas.acuerdo" in errores[0].hint
    # Without a database the check reads only what ships as data.
    assert _errores_de_mejora() == []


def test_parametro_que_la_fuente_no_admite_da_error():
    Indicador.objects.filter(codigo="csat").update(parametros={"pregunta": "SAT"})
    errores = _errores_de_mejora(databases=["default"])
    assert [(e.id, e.obj) for e in errores] == [("mejora.E004", "csat")]


def test_indicador_manual_con_selector_automatico_da_error():
    Indicador.objects.filter(codigo="clima-laboral").update(selector="encuestas.nps")
    errores = _errores_de_mejora(databases=["default"])
    assert [(e.id, e.obj) for e in errores] == [("mejora.E003", "clima-laboral")]


def test_funcion_registrada_sin_los_argumentos_del_contrato_da_error():
    fuentes.registrar("pruebas.sin_contrato", lambda *, desde, hasta: {})
    try:
        errores = _errores_de_mejora()
    finally:
        fuentes.desregistrar("pruebas.sin_contrato")
    assert [(e.id, e.obj) for e in errores] == [("mejora.E001", "pruebas.sin_contrato")]
    assert _errores_de_mejora() == []
