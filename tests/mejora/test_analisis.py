import pytest

from mejora import analisis

pytestmark = pytest.mark.django_db


def test_muestra_insuficiente_y_sin_datos():
    assert analisis.estado_muestra(None, 0, 30) == "sin_datos"
    assert analisis.estado_muestra(80.0, 12, 30) == "insuficiente"
    assert analisis.estado_muestra(80.0, 30, 30) == "ok"


def test_carta_de_control_punto_fuera_de_3_sigma():
    base = [80, 81, 79, 80, 81, 79, 80]
    assert analisis.carta_control(base + [80.5])["senal"] is False
    r = analisis.carta_control(base + [70])
    assert r["senal"] is True and r["fuera"] == [7]
    assert r["centro"] == pytest.approx(80)


def test_carta_de_control_racha_de_8_en_un_lado():
    serie = [70, 90, 70, 90, 70, 90, 81, 82, 81, 82, 81, 82, 81, 82, 81.5]
    r = analisis.carta_control(serie)
    assert r["racha"] is True and r["senal"] is True
    assert (
        analisis.carta_control([70, 90, 70, 90, 81, 79, 81, 79, 80])["racha"] is False
    )


def test_cambio_significativo_con_prueba_z_y_no_con_dos_cifras_sueltas():
    assert (
        analisis.cambio_significativo(
            {"valor": 85, "n": 1000}, {"valor": 80, "n": 1000}, "%"
        )
        is True
    )
    assert (
        analisis.cambio_significativo(
            {"valor": 85, "n": 20}, {"valor": 80, "n": 20}, "%"
        )
        is False
    )
    assert (
        analisis.cambio_significativo(
            {"valor": 3.1, "n": 5, "ic_inf": 2.9, "ic_sup": 3.3},
            {"valor": 2.5, "n": 5, "ic_inf": 2.3, "ic_sup": 2.7},
            "h",
        )
        is True
    )
