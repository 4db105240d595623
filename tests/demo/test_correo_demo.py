"""The demo's e-mail: to readable files, and one summary line instead of a line
(or a whole message) per e-mail."""

import logging
from io import StringIO
from unittest import mock

import pytest
from django.core.mail import send_mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_seed_demo_resume_sus_correos_en_una_linea(settings, tmp_path, caplog):
    settings.EMAIL_BACKEND = "comun.correo.CorreoEnArchivo"
    settings.EMAIL_FILE_PATH = str(tmp_path)

    class Sembrador:
        __name__ = "demo.falso"

        @staticmethod
        def sembrar(stdout=None):
            for n in range(40):
                send_mail(
                    f"Evaluación {n}", "Hola", "demo@ventanilla.local", [f"p{n}@x.es"]
                )

    salida = StringIO()
    with (
        mock.patch("demo.management.commands.seed_demo.SEMBRADORES", [Sembrador]),
        caplog.at_level(logging.INFO),
    ):
        call_command("seed_demo", stdout=salida)
    assert len(list(tmp_path.glob("*/*.eml"))) == 40
    lineas = salida.getvalue().splitlines()
    assert lineas[0] == (
        f"Correo: 40 mensajes de la demostración guardados en {tmp_path}/ "
        "(no se envían)."
    )
    assert len(lineas) == 2  # and «Datos de demostración listos.»
    # The backend's per-batch line is silenced while seeding.
    assert not [r for r in caplog.records if r.name == "comun.correo"]
