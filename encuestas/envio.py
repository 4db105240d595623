"""Delivery backends: SMS pluggable by dotted path (ENCUESTAS_SMS_BACKEND), e-mail
through Django.

A backend that does not deliver but stores or prints (the SMS file, Django's
console, file and in-memory e-mail) never receives the contact with its personal
link: the number or address is masked and the link's token replaced by a marker
first. Production refuses such backends (encuestas.checks)."""

import json
import logging
import re
import unicodedata
import urllib.request
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from .app_settings import ajustes
from .seguridad import ALFABETO, LONGITUD_TOKEN, normalizar_contacto

log = logging.getLogger(__name__)

# Django e-mail backends that keep or print the message instead of delivering it.
CORREO_SIN_ENTREGA = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
        "comun.correo.CorreoEnArchivo",
    }
)
MARCA_TOKEN = "[enlace-personal]"
# The survey link (/e/<token>/) and the unsubscribe link (/e/b/<token>/).
_TOKEN_EN_ENLACE = re.compile(
    rf"(/e/(?:b/)?)[{ALFABETO}]{{{LONGITUD_TOKEN}}}(?![{ALFABETO}])"
)

# GSM 03.38: the basic set (one septet) and its extension (escape + one septet).
# A single character outside them turns the whole SMS into UCS-2, 70 characters
# a segment instead of 160: Spanish á, í, ó, ú are not in it (é, ñ, ü, ¿ and ¡ are).
_GSM7_BASICO = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = frozenset("^{}\\[~]|€")
_SUSTITUTOS_GSM7 = {"·": ".", "’": "'", "«": '"', "»": '"', "–": "-", "—": "-"}


def es_gsm7(texto: str) -> bool:
    return all(c in _GSM7_BASICO or c in _GSM7_EXTENSION for c in texto)


def a_gsm7(texto: str) -> str:
    """The text in GSM-7, dropping only the accents the alphabet lacks (á → a,
    but é and ñ stay): one SMS segment holds 160 characters instead of 70."""
    salida = []
    for c in texto:
        if c in _GSM7_BASICO or c in _GSM7_EXTENSION:
            salida.append(c)
        elif c in _SUSTITUTOS_GSM7:
            salida.append(_SUSTITUTOS_GSM7[c])
        else:
            base = unicodedata.normalize("NFD", c)[0]
            salida.append(base if es_gsm7(base) else "?")
    return "".join(salida)


def segmentos_sms(texto: str) -> int:
    """How many SMS segments the text costs: GSM-7 160 septets (153 each when
    concatenated), otherwise UCS-2 70 characters (67)."""
    if es_gsm7(texto):
        unidades = sum(2 if c in _GSM7_EXTENSION else 1 for c in texto)
        unico, parte = 160, 153
    else:
        unidades = len(texto)
        unico, parte = 70, 67
    if unidades <= unico:
        return 1
    return -(-unidades // parte)


def enmascarar_telefono(telefono: str) -> str:
    """6******89: enough to tell two test messages apart, not to call anyone."""
    digitos = normalizar_contacto(telefono)
    if len(digitos) < 4:
        return "*" * len(digitos)
    return digitos[0] + "*" * (len(digitos) - 3) + digitos[-2:]


def enmascarar_correo(correo: str) -> str:
    """a***@e***.org"""
    local, _, dominio = (correo or "").strip().partition("@")
    nombre, punto, extension = dominio.rpartition(".")
    return f"{local[:1]}***@{nombre[:1]}***{punto}{extension}"


def sin_token(texto: str) -> str:
    return _TOKEN_EN_ENLACE.sub(rf"\g<1>{MARCA_TOKEN}", texto)


class ArchivoSMS:
    """Default backend in development: one JSON line per message in var/sms/, with
    the number masked and the link's token replaced (it proves a message went out,
    and keeps nothing that leads to the citizen or their response)."""

    guarda_contactos = True

    def __init__(self, directorio: str | None = None):
        self.directorio = Path(directorio or ajustes.SMS_DIR)

    def enviar(self, telefono: str, texto: str) -> None:
        self.directorio.mkdir(parents=True, exist_ok=True)
        fichero = self.directorio / f"{datetime.now():%Y-%m-%d}.jsonl"
        linea = {"a": enmascarar_telefono(telefono), "texto": sin_token(texto)}
        with open(fichero, "a", encoding="utf-8") as salida:
            salida.write(json.dumps(linea, ensure_ascii=False) + "\n")
        log.info("SMS (redactado) escrito en %s", fichero)


class PasarelaHTTPSMS:
    """POSTs {"to", "text"} as JSON to ENCUESTAS_SMS_URL (with an optional bearer token)."""

    guarda_contactos = False

    def __init__(
        self, url: str | None = None, token: str | None = None, timeout: float = 10
    ):
        self.url = url or ajustes.SMS_URL
        self.token = token if token is not None else ajustes.SMS_TOKEN
        self.timeout = timeout
        if not self.url:
            raise RuntimeError("ENCUESTAS_SMS_URL no está configurada")

    def enviar(self, telefono: str, texto: str) -> None:
        cuerpo = json.dumps({"to": telefono, "text": texto}).encode()
        peticion = urllib.request.Request(
            self.url,
            data=cuerpo,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        if self.token:
            peticion.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(peticion, timeout=self.timeout) as respuesta:  # noqa: S310 (configured URL)
            if respuesta.status >= 300:
                raise RuntimeError(f"La pasarela SMS respondió {respuesta.status}")


def sms_backend():
    return import_string(ajustes.SMS_BACKEND)()


def enviar_correo(destino: str, asunto: str, texto: str) -> None:
    """An invitation by e-mail; to a backend that only keeps or prints it, masked."""
    if settings.EMAIL_BACKEND in CORREO_SIN_ENTREGA:
        destino, texto = enmascarar_correo(destino), sin_token(texto)
    send_mail(asunto, texto, settings.DEFAULT_FROM_EMAIL, [destino])
