"""Sentry: off (not even imported) without SENTRY_DSN; with a DSN, on, with the
Django and Celery integrations and no personal data, sending nowhere in tests."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

RAIZ = Path(settings.BASE_DIR)

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    datos = {"importado": "sentry_sdk" in sys.modules}
    if datos["importado"]:
        import sentry_sdk
        cliente = sentry_sdk.get_client()
        datos.update(
            activo=cliente.is_active(),
            pii=cliente.options["send_default_pii"],
            integraciones=sorted(cliente.integrations),
        )
    print(json.dumps(datos))
    """
)


def _en_un_proceso(**variables) -> dict:
    entorno = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"}
    entorno.update(DJANGO_SETTINGS_MODULE="config.settings", **variables)
    resultado = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultado.returncode == 0, resultado.stderr
    return json.loads(resultado.stdout.strip().splitlines()[-1])


def test_sin_dsn_no_se_importa_ni_se_inicia():
    assert _en_un_proceso() == {"importado": False}


def test_con_dsn_se_inicia_con_django_y_celery_sin_datos_personales():
    # Nothing listens there and nothing is captured: no event leaves the process.
    datos = _en_un_proceso(SENTRY_DSN="http://clave@127.0.0.1:9/1")
    assert datos["importado"] and datos["activo"]
    assert datos["pii"] is False
    assert {"django", "celery"} <= set(datos["integraciones"])


def _transporte_falso():
    from sentry_sdk.transport import Transport

    class TransporteFalso(Transport):
        """Keeps envelopes instead of sending them."""

        def __init__(self):
            super().__init__()
            self.sobres = []

        def capture_envelope(self, sobre):
            self.sobres.append(sobre)

    return TransporteFalso()


@pytest.mark.django_db
def test_un_error_de_una_vista_llega_al_transporte_sin_cookies_ni_usuario(
    client, usuario_direccion
):
    import sentry_sdk

    from config.sentry import iniciar_sentry

    transporte = _transporte_falso()
    iniciar_sentry(
        dsn="http://clave@127.0.0.1:9/1", entorno="pruebas", transport=transporte
    )
    try:
        client.force_login(usuario_direccion)
        client.raise_request_exception = False
        from unittest import mock

        with mock.patch(
            "config.health._bd_responde", side_effect=RuntimeError("falla de prueba")
        ):
            assert client.get("/health/ready/").status_code == 500
        sentry_sdk.flush()
        eventos = [
            item.payload.json
            for sobre in transporte.sobres
            for item in sobre.items
            if item.type == "event"
        ]
        assert eventos, "el error no llegó al transporte"
        evento = eventos[-1]
        assert evento["exception"]["values"][-1]["value"] == "falla de prueba"
        assert evento["environment"] == "pruebas"
        peticion = evento.get("request", {})
        assert "Cookie" not in peticion.get("headers", {})
        assert not peticion.get("cookies")
        assert "user" not in evento or "email" not in evento["user"]
    finally:
        sentry_sdk.init(dsn=None)
