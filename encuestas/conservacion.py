"""The surveys' retention policies (registered in EncuestasConfig.ready()): the
citizens' contacts that outlive their use, and the local SMS spool."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.conservacion import (
    Politica,
    borrar_ficheros_anteriores,
    ficheros_anteriores,
    hace_dias,
    registrar_politica,
)

from .app_settings import ajustes
from .models import Alerta, Invitacion


def _alertas_con_contacto(corte):
    # Closing an alert already deletes its contact; this catches the ones left open.
    return Alerta.objects.filter(creada_en__lt=corte).exclude(contacto="")


def _invitaciones_con_contacto(corte):
    # Sending deletes the contact; an invitation never sent keeps it until it expires.
    return Invitacion.objects.filter(caduca_en__lt=corte).exclude(contacto="")


def registrar_politicas() -> None:
    registrar_politica(
        Politica(
            codigo="contactos_alertas",
            descripcion=_("Contacto de la ciudadanía en alertas de encuestas"),
            corte=lambda: hace_dias(settings.PROTECCION_DATOS_CONSERVACION_DIAS),
            pendientes=lambda corte: _alertas_con_contacto(corte).count(),
            aplicar=lambda corte: _alertas_con_contacto(corte).update(contacto=""),
            orden=10,
        )
    )
    registrar_politica(
        Politica(
            codigo="contactos_invitaciones",
            descripcion=_("Contacto de invitaciones caducadas sin enviar"),
            corte=timezone.now,
            pendientes=lambda corte: _invitaciones_con_contacto(corte).count(),
            aplicar=lambda corte: _invitaciones_con_contacto(corte).update(contacto=""),
            orden=11,
        )
    )
    registrar_politica(
        Politica(
            codigo="sms",
            descripcion=_("SMS guardados en la máquina (var/sms)"),
            corte=lambda: hace_dias(settings.CONSERVACION_CORREO_DIAS),
            pendientes=lambda corte: len(ficheros_anteriores(ajustes.SMS_DIR, corte)),
            aplicar=lambda corte: borrar_ficheros_anteriores(ajustes.SMS_DIR, corte),
            orden=41,
        )
    )
