"""The surveys' settings (encuestas/app_settings.py): config's value when it sets
one, the declared default otherwise, the same default in both places."""

import os
from pathlib import Path

import pytest
from django.core import mail

from encuestas import services
from encuestas.app_settings import ajustes
from tests.factories import OficinaFactory, UsuarioFactory, responder_con

pytestmark = pytest.mark.django_db


# Declared here only: config does not set it.
SOLO_EN_LA_APP = {"FRAGMENTOS_RESUMEN"}


def test_cada_defecto_declarado_es_el_de_config(settings):
    for nombre in dir(ajustes):
        completo = ajustes.nombre(nombre)
        if nombre in SOLO_EN_LA_APP or completo in os.environ:
            continue  # config does not set it, or the environment chose the value
        de_config = getattr(settings, completo)
        delattr(settings, completo)
        defecto = getattr(ajustes, nombre)
        if nombre == "SMS_DIR":
            defecto, de_config = Path(defecto), Path(de_config)
        assert defecto == de_config, completo


def test_lo_que_config_no_fija_tiene_su_defecto(settings):
    assert not hasattr(settings, "ENCUESTAS_FRAGMENTOS_RESUMEN")
    assert ajustes.FRAGMENTOS_RESUMEN == 8
    settings.ENCUESTAS_FRAGMENTOS_RESUMEN = 2
    assert ajustes.FRAGMENTOS_RESUMEN == 2


@pytest.mark.parametrize(
    ("buzon", "destinos"),
    [
        ("calidad@ayto.example", [["calidad@ayto.example"]]),
        ("", []),  # empty: the complaint is numbered, nobody is e-mailed
        (None, [["quejas@ventanilla.local"]]),  # not set: the declared default
    ],
)
def test_la_queja_va_al_buzon_configurado(
    settings, django_capture_on_commit_callbacks, buzon, destinos
):
    if buzon is None:
        del settings.ENCUESTAS_QUEJAS_EMAIL
    else:
        settings.ENCUESTAS_QUEJAS_EMAIL = buzon
    respuesta = responder_con(OficinaFactory(), {"SAT": "1"}, comentario="Mal")
    with django_capture_on_commit_callbacks(execute=True):
        services.remitir_queja(respuesta=respuesta, por=UsuarioFactory())
    assert [m.to for m in mail.outbox] == destinos
