import io

import pytest
from django.core.management import call_command

from encuestas.models import Atencion

pytestmark = pytest.mark.django_db


def test_la_orden_enlace_sede_acuna_un_enlace_que_verifica(client, sede):
    salida = io.StringIO()
    call_command(
        "enlace_sede",
        integracion=sede["integracion"].prefijo,
        oficina=sede["oficina"].codigo_dir3.lower(),
        resultado="derivada",
        referencia="EXP-2026-000123",
        caduca="7d",
        stdout=salida,
    )
    url = salida.getvalue().strip().splitlines()[-1]
    assert url.startswith("http") and "EXP-2026" not in url
    ruta = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + ruta).status_code == 200
    assert client.post("/" + ruta).status_code == 303
    assert Atencion.objects.get().resultado == "derivada"


def test_la_orden_enlace_sede_rechaza_datos_malos(sede):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "enlace_sede",
            integracion="nada",
            oficina=sede["oficina"].codigo_dir3,
            resultado="resuelta",
            referencia="EXP-1",
        )
    with pytest.raises(CommandError):
        call_command(
            "enlace_sede",
            integracion=sede["integracion"].prefijo,
            oficina=sede["oficina"].codigo_dir3,
            resultado="resuelta",
            referencia="EXP-1",
            caduca="mañana",
        )
