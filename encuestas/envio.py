"""Delivery backends: SMS pluggable by dotted path (ENCUESTAS_SMS_BACKEND), e-mail through Django."""

import json
import logging
import urllib.request
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class ArchivoSMS:
    """Default backend: one JSON line per message in var/sms/ (development, tests, demos)."""

    def __init__(self, directorio: str | None = None):
        self.directorio = Path(directorio or getattr(settings, "ENCUESTAS_SMS_DIR", settings.BASE_DIR / "var" / "sms"))

    def enviar(self, telefono: str, texto: str) -> None:
        self.directorio.mkdir(parents=True, exist_ok=True)
        fichero = self.directorio / f"{datetime.now():%Y-%m-%d}.jsonl"
        with open(fichero, "a", encoding="utf-8") as salida:
            salida.write(json.dumps({"a": telefono, "texto": texto}, ensure_ascii=False) + "\n")
        log.info("SMS escrito en %s", fichero)


class PasarelaHTTPSMS:
    """POSTs {"to", "text"} as JSON to ENCUESTAS_SMS_URL (with an optional bearer token)."""

    def __init__(self, url: str | None = None, token: str | None = None, timeout: float = 10):
        self.url = url or getattr(settings, "ENCUESTAS_SMS_URL", "")
        self.token = token if token is not None else getattr(settings, "ENCUESTAS_SMS_TOKEN", "")
        self.timeout = timeout
        if not self.url:
            raise RuntimeError("ENCUESTAS_SMS_URL no está configurada")

    def enviar(self, telefono: str, texto: str) -> None:
        cuerpo = json.dumps({"to": telefono, "text": texto}).encode()
        peticion = urllib.request.Request(self.url, data=cuerpo, method="POST", headers={"Content-Type": "application/json"})
        if self.token:
            peticion.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(peticion, timeout=self.timeout) as respuesta:  # noqa: S310 (configured URL)
            if respuesta.status >= 300:
                raise RuntimeError(f"La pasarela SMS respondió {respuesta.status}")


def sms_backend():
    return import_string(getattr(settings, "ENCUESTAS_SMS_BACKEND", "encuestas.envio.ArchivoSMS"))()


def enviar_correo(destino: str, asunto: str, texto: str) -> None:
    send_mail(asunto, texto, settings.DEFAULT_FROM_EMAIL, [destino])
