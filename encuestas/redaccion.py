"""Redact personal data in free-text comments before they are stored."""

import re

LONGITUD_MAXIMA = 1200
LETRAS_DNI = "TRWAGMYFPDXBNJZSQVHLCKE"

_IBAN = re.compile(r"\bES\s?\d{2}(?:[\s-]?\d{4}){5}\b", re.IGNORECASE)
_CORREO = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_DNI = re.compile(r"\b(\d{8})[\s-]?([A-Za-z])\b")
_NIE = re.compile(r"\b([XYZxyz])[\s-]?(\d{7})[\s-]?([A-Za-z])\b")
_TELEFONO = re.compile(r"(?<![\w+])(?:(?:\+|00)34[\s.-]?)?[6789](?:[\s.-]?\d){8}(?!\d)")


def letra_dni_correcta(numero: str, letra: str) -> bool:
    return LETRAS_DNI[int(numero) % 23] == letra.upper()


def _dni(m: re.Match) -> str:
    # A DNI with a wrong check letter is still (mistyped) personal data: redact it too.
    return "[DNI]"


def _nie(m: re.Match) -> str:
    return "[DNI]"


def redactar(texto: str) -> str:
    texto = (texto or "").replace("\x00", "").strip()[:LONGITUD_MAXIMA]
    texto = _IBAN.sub("[IBAN]", texto)
    texto = _CORREO.sub("[correo]", texto)
    texto = _NIE.sub(_nie, texto)
    texto = _DNI.sub(_dni, texto)
    texto = _TELEFONO.sub("[teléfono]", texto)
    return texto
