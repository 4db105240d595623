"""System checks: in production, no delivery backend may keep or print a
citizen's contact with their personal survey link."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.module_loading import import_string

from .app_settings import ajustes
from .envio import CORREO_SIN_ENTREGA


@register(Tags.security)
def envio_sin_copias(app_configs, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    errores = []
    ruta = ajustes.SMS_BACKEND
    try:
        guarda = getattr(import_string(ruta), "guarda_contactos", False)
    except ImportError:
        guarda = True  # what cannot be inspected cannot be trusted
    if guarda:
        errores.append(
            Error(
                f"ENCUESTAS_SMS_BACKEND={ruta} guarda los SMS en lugar de enviarlos.",
                hint="En producción use una pasarela real, p. ej. "
                "encuestas.envio.PasarelaHTTPSMS con ENCUESTAS_SMS_URL.",
                id="encuestas.E001",
            )
        )
    if settings.EMAIL_BACKEND in CORREO_SIN_ENTREGA:
        errores.append(
            Error(
                f"EMAIL_BACKEND={settings.EMAIL_BACKEND} imprime o guarda los correos "
                "en lugar de enviarlos.",
                hint="En producción configure EMAIL_URL con un servidor SMTP.",
                id="encuestas.E002",
            )
        )
    return errores
