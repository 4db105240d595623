"""`{% metrica %}`: a figure with its interval and n, or why it is hidden, in the
reader's language; built in Python (the organisation page shows 900 of them)."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

PLANTILLA = Template("{% load encuestas_tags %}{% metrica m %}|{% metrica m '' 5 1 %}")


def pintar(m: dict, idioma: str = "es") -> tuple[str, str]:
    with translation.override(idioma):
        porcentaje, escala = PLANTILLA.render(Context({"m": m})).split("|")
    return porcentaje, escala


def test_cifra_con_intervalo_n_y_barra_redondeando_como_floatformat():
    porcentaje, _escala = pintar(
        {"valor": 72.25, "ic_inf": 60.05, "ic_sup": 80.149, "n": 1234}
    )
    # Half up on the number as written (72.25 -> 72,3), as `floatformat:1` did;
    # Python's own rounding would give 72,2.
    assert "<strong>72,3 %</strong>" in porcentaje
    assert "(IC 95 %: 60,1–80,1; n = 1234)" in porcentaje
    assert 'points="60.05,0 80.149,0 80.149,10 60.05,10"' in porcentaje
    assert 'x1="72.25"' in porcentaje


def test_la_barra_usa_coordenadas_sin_localizar_y_acotadas_a_la_escala():
    _porcentaje, escala = pintar({"valor": 4.5, "ic_inf": 0.5, "ic_sup": 5.2, "n": 9})
    # 1–5 scale: 4.5 is 87.5 % of the way; the interval is clipped to the bar.
    assert "<strong>4,5</strong>" in escala
    assert 'points="0.0,0 100.0,0 100.0,10 0.0,10"' in escala
    assert 'x1="87.5"' in escala


def test_separador_decimal_del_idioma_activo():
    m = {"valor": 80.0, "ic_inf": 70.0, "ic_sup": 88.85, "n": 40}
    assert "<strong>80,0 %</strong>" in pintar(m, "ca")[0]
    assert "<strong>80.0 %</strong>" in pintar(m, "en")[0]
    assert "88,9; n = 40" in pintar(m, "gl")[0]


def test_nunca_menos_cero():
    porcentaje, _ = pintar({"valor": -0.04, "ic_inf": -0.05, "ic_sup": 0.0, "n": 40})
    assert "<strong>0,0 %</strong>" in porcentaje
    assert "(IC 95 %: -0,1–0,0; n = 40)" in porcentaje


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_con_separador_de_miles_agrupa_el_n():
    porcentaje, _ = pintar({"valor": 50.0, "ic_inf": 49.0, "ic_sup": 51.0, "n": 12345})
    assert "n = 12\xa0345)" in porcentaje  # the RAE's thin space, not a dot


@pytest.mark.parametrize(
    "m, texto",
    [
        (
            {"valor": None, "suprimido": True, "n": 3},
            "n = 3: menos respuestas que el mínimo para mostrar el dato",
        ),
        (
            {"valor": None, "suprimido": True, "complementaria": True, "n": 13},
            "n = 13: oculto para que no se deduzca, por diferencia con el total, "
            "otra celda con menos respuestas que el mínimo (supresión complementaria)",
        ),
        ({"valor": None, "n": 0}, "Sin datos"),
        ({}, "Sin datos"),
    ],
)
def test_celda_oculta_dice_por_que_y_no_muestra_cifra(m, texto):
    porcentaje, escala = pintar(m)
    for html in (porcentaje, escala):
        assert html == f'<span class="sin-datos">{texto}</span>'


def test_la_unidad_se_escapa():
    html = Template("{% load encuestas_tags %}{% metrica m u %}").render(
        Context({"m": {"valor": 1.0, "ic_inf": 0.5, "ic_sup": 2.0, "n": 5}, "u": "<b>"})
    )
    assert "1,0 &lt;b&gt;</strong>" in html
