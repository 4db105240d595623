import pytest

from encuestas.redaccion import LONGITUD_MAXIMA, letra_dni_correcta, redactar


@pytest.mark.parametrize(
    "texto, esperado",
    [
        ("Mi DNI es 12345678Z, gracias", "Mi DNI es [DNI], gracias"),
        ("dni 12345678-z", "dni [DNI]"),
        ("NIE X1234567L por favor", "NIE [DNI] por favor"),
        ("NIE y-1234567-x", "NIE [DNI]"),
        ("Llamadme al 612345678", "Llamadme al [teléfono]"),
        ("tel. +34 612 34 56 78 tardes", "tel. [teléfono] tardes"),
        ("fijo 91 123 45 67.", "fijo [teléfono]."),
        ("0034 712345678", "[teléfono]"),
        ("escribid a ana.perez+citas@example.org ya", "escribid a [correo] ya"),
        ("IBAN ES91 2100 0418 4502 0005 1332 ok", "IBAN [IBAN] ok"),
        ("cuenta ES9121000418450200051332", "cuenta [IBAN]"),
        ("Esperé 45 minutos en la cola 3", "Esperé 45 minutos en la cola 3"),
        ("Expediente 2024/000123 resuelto", "Expediente 2024/000123 resuelto"),
    ],
)
def test_redacta_datos_personales(texto, esperado):
    assert redactar(texto) == esperado


def test_letra_del_dni():
    assert letra_dni_correcta("12345678", "Z")
    assert not letra_dni_correcta("12345678", "A")


def test_dni_con_letra_erronea_tambien_se_redacta():
    # A mistyped DNI is still personal data.
    assert redactar("12345678A") == "[DNI]"


def test_longitud_maxima_y_nulos():
    assert len(redactar("a" * 5000)) == LONGITUD_MAXIMA
    assert "\x00" not in redactar("hola\x00adiós")


def test_no_confunde_cifras_cortas_con_telefonos():
    assert redactar("Tardé 12 minutos y 3 ventanillas") == "Tardé 12 minutos y 3 ventanillas"
