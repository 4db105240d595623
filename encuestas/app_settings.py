"""The surveys' settings, each declared once with its default (comun.ajustes):
code reads `ajustes.MIN_N_OFICINA`, which is settings.ENCUESTAS_MIN_N_OFICINA
when config sets it (config/settings.py sets most of them from the environment)
and the default below otherwise. Read at each access, so tests can change them.

ENCUESTAS_CLAVE_CONTACTO is not here: it has no default, config refuses to
start without one, and seguridad reads it from settings."""

from django.conf import settings

from comun.ajustes import Ajustes, Calculado

ajustes = Ajustes(
    "ENCUESTAS_",
    # Minimum n of a published cell: an office, one employee.
    MIN_N_OFICINA=30,
    MIN_N_EMPLEADO=10,
    # SAT at or below this is a low score (it may open an alert).
    UMBRAL_ALERTA=2,
    PLAZO_ALERTA_HORAS=48,
    # At most one invitation per contact in this many days.
    FATIGA_DIAS=30,
    # Where complaints are e-mailed; empty, none is sent.
    QUEJAS_EMAIL="quejas@ventanilla.local",
    SMS_BACKEND="encuestas.envio.ArchivoSMS",
    SMS_DIR=Calculado(lambda: settings.BASE_DIR / "var" / "sms"),
    SMS_URL="",
    SMS_TOKEN="",
    # (requests, seconds): per API key, kiosk taps before a burst is flagged, per
    # IP hash on the public pages (0 requests: no limit).
    API_LIMITE=(120, 60),
    QUIOSCO_RAFAGA=(8, 30),
    IP_LIMITE=(60, 60),
    # Counter QR codes per employee and hour; their lifetime (0: end of the day).
    QR_POR_HORA=30,
    QR_CADUCIDAD_HORAS=0,
    # PostgreSQL: the submit commits without waiting for the disk flush.
    COMMIT_ASINCRONO=True,
    # Rows each rollup cell is spread over, so concurrent increments do not queue.
    FRAGMENTOS_RESUMEN=8,
    # Seconds between runs of the consolidator (Celery beat).
    CONSOLIDAR_SEGUNDOS=30,
)
