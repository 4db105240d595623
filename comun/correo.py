"""E-mail that stays on the machine (development and the `make run` pilot).

Each message is written whole as a `.eml` file (it opens in any mail client; the
text body is plain UTF-8, readable in an editor) under EMAIL_FILE_PATH, by day,
and a line per message goes to that day's `indice.txt` (time, recipients, decoded
subject, file). The log gets one line per batch, not the message: the demo sends
hundreds, and the console is for the people running the pilot.
"""

import logging
import os
import threading
from datetime import datetime
from email.header import decode_header, make_header
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

log = logging.getLogger(__name__)
_contador = iter(range(1, 1 << 62))
_cerrojo = threading.Lock()


def _legible(cabecera: str) -> str:
    try:
        return str(make_header(decode_header(cabecera or "")))
    except (UnicodeDecodeError, LookupError):
        return cabecera or ""


class CorreoEnArchivo(BaseEmailBackend):
    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directorio = Path(
            file_path
            or getattr(settings, "EMAIL_FILE_PATH", None)
            or Path(settings.BASE_DIR) / "var" / "correo"
        )

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        ahora = datetime.now()
        carpeta = self.directorio / f"{ahora:%Y-%m-%d}"
        carpeta.mkdir(parents=True, exist_ok=True)
        lineas = []
        for mensaje in email_messages:
            mime = mensaje.message()
            with _cerrojo:
                numero = next(_contador)
            # Process id and a counter: web and worker write side by side.
            fichero = carpeta / f"{ahora:%H%M%S}-{os.getpid()}-{numero}.eml"
            fichero.write_bytes(mime.as_bytes(linesep="\n"))
            lineas.append(
                f"{ahora:%H:%M:%S}\t{', '.join(mensaje.recipients())}\t"
                f"{_legible(mime['Subject'])}\t{fichero.name}\n"
            )
        with open(carpeta / "indice.txt", "a", encoding="utf-8") as indice:
            indice.write("".join(lineas))
        log.info(
            "%d correo(s) guardado(s) en %s (no se envían; índice en indice.txt)",
            len(lineas),
            carpeta,
        )
        return len(lineas)
