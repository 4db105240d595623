"""Per-app settings: the project's value when it sets one, the declared
default otherwise, read at each access."""

from pathlib import Path

import pytest
from django.conf import settings as proyecto

from comun.ajustes import Ajustes, Calculado


@pytest.fixture
def ajustes():
    return Ajustes(
        "PRUEBA_",
        MINIMO=30,
        LIMITE=(60, 60),
        CORREO="",
        DIRECTORIO=Calculado(lambda: Path(proyecto.BASE_DIR) / "var"),
    )


def test_sin_ajuste_en_el_proyecto_vale_el_defecto(ajustes):
    assert ajustes.MINIMO == 30
    assert ajustes.LIMITE == (60, 60)
    assert ajustes.CORREO == ""


def test_el_ajuste_del_proyecto_manda_aunque_sea_falso(ajustes, settings):
    settings.PRUEBA_MINIMO = 5
    settings.PRUEBA_CORREO = None
    assert ajustes.MINIMO == 5
    assert ajustes.CORREO is None


def test_se_lee_en_cada_acceso(ajustes, settings):
    settings.PRUEBA_MINIMO = 7
    assert ajustes.MINIMO == 7
    settings.PRUEBA_MINIMO = 8
    assert ajustes.MINIMO == 8
    del settings.PRUEBA_MINIMO
    assert ajustes.MINIMO == 30


def test_defecto_calculado_sigue_a_los_otros_ajustes(ajustes, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    assert ajustes.DIRECTORIO == tmp_path / "var"
    settings.PRUEBA_DIRECTORIO = "/srv/sms"
    assert ajustes.DIRECTORIO == "/srv/sms"


def test_un_nombre_no_declarado_es_un_error(ajustes, settings):
    settings.PRUEBA_OTRO = 1
    with pytest.raises(AttributeError, match="PRUEBA_OTRO no es un ajuste declarado"):
        ajustes.OTRO  # noqa: B018
    with pytest.raises(AttributeError):
        ajustes.nombre("OTRO")
    assert ajustes.nombre("MINIMO") == "PRUEBA_MINIMO"
    assert not hasattr(ajustes, "_privado")


def test_desconocidos_delata_erratas(ajustes, settings):
    assert ajustes.desconocidos() == []
    settings.PRUEBA_MINIMOO = 10  # typo: MINIMO keeps its default silently
    settings.PRUEBA_MINIMO = 3
    assert ajustes.desconocidos() == ["PRUEBA_MINIMOO"]
    assert Ajustes(MINIMO=1).desconocidos() == []


def test_sin_prefijo_lee_el_nombre_completo(settings):
    sitio = Ajustes(WAGTAIL_SITE_NAME="Ventanilla", NO_EXISTE_EN_SETTINGS=4)
    settings.WAGTAIL_SITE_NAME = "Oficina de prueba"
    assert sitio.WAGTAIL_SITE_NAME == "Oficina de prueba"
    assert sitio.NO_EXISTE_EN_SETTINGS == 4


def test_dir_y_repr_listan_lo_declarado(ajustes):
    assert dir(ajustes) == ["CORREO", "DIRECTORIO", "LIMITE", "MINIMO"]
    assert repr(ajustes) == "Ajustes('PRUEBA_', CORREO, DIRECTORIO, LIMITE, MINIMO)"
