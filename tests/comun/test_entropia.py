"""comun/entropia.py: repetition and small alphabets lower the estimate; random
tokens keep their length's worth of bits."""

import secrets

import pytest

from comun.entropia import bits_de_entropia


@pytest.mark.parametrize(
    "secreto",
    [
        "abc" * 20,
        "ventanilla" * 6,
        "contraseñasegura" * 4,
        "a" * 60,
        "django-insecure-" + "x" * 60,
        "0123456789" * 6,
    ],
    ids=["abc", "palabra", "palabra-con-eñe", "una-letra", "inseguro", "cifras"],
)
def test_una_palabra_corta_repetida_no_llega_a_128_bits(secreto):
    assert len(secreto) >= 50
    assert bits_de_entropia(secreto) < 128


def test_muchos_caracteres_distintos_repetidos_tampoco():
    # Lots of distinct characters: the old rule (at least 5 distinct) passed it.
    secreto = "Ab3$xY9!" * 8
    assert len(set(secreto)) == 8
    assert bits_de_entropia(secreto) < 128


@pytest.mark.parametrize(
    "secreto, minimo",
    [
        (secrets.token_urlsafe(64), 400),
        (secrets.token_urlsafe(48), 300),
        (secrets.token_hex(32), 128),
    ],
    ids=["urlsafe-64", "urlsafe-48", "hex-32"],
)
def test_un_token_aleatorio_pasa_de_sobra(secreto, minimo):
    assert bits_de_entropia(secreto) >= minimo


def test_vacio_vale_cero_y_un_caracter_apenas_unos_bits():
    assert bits_de_entropia("") == 0
    assert bits_de_entropia("x") < 8


def test_la_estimacion_crece_con_la_longitud_aleatoria():
    corto, largo = secrets.token_urlsafe(8), secrets.token_urlsafe(32)
    assert bits_de_entropia(corto) < bits_de_entropia(largo)
