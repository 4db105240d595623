import pytest

from encuestas import envio


@pytest.mark.parametrize(
    ("texto", "segmentos"),
    [
        ("", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("[" * 80, 1),  # two septets each: 160
        ("[" * 81, 2),
        ("ó" * 70, 1),  # outside GSM-7: UCS-2, 70 and 67 per segment
        ("ó" * 71, 2),
    ],
)
def test_segmentos_sms(texto, segmentos):
    assert envio.segmentos_sms(texto) == segmentos


def test_a_gsm7_quita_solo_lo_que_gsm7_no_tiene():
    assert envio.a_gsm7("Valore la atención (anónimo): ¿qué? Ñu") == (
        "Valore la atencion (anonimo): ¿qué? Ñu"
    )
    assert envio.a_gsm7("col·laboració") == "col.laboracio"
    assert envio.es_gsm7(envio.a_gsm7("Ávila, Úbeda, ç, Ò, ê"))
