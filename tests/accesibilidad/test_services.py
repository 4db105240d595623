"""Receiving, notifying and closing: each e-mail goes out once, however many
times its task runs."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accesibilidad import services
from accesibilidad.models import Comunicacion

pytestmark = pytest.mark.django_db


def test_el_aviso_a_la_unidad_se_envia_una_vez(
    settings, django_capture_on_commit_callbacks
):
    settings.ACCESIBILIDAD_EMAIL = "unidad@example.org"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        comunicacion = services.registrar_comunicacion(
            tipo="solicitud", descripcion="El informe en texto, por favor."
        )
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert "/accesibilidad/comunicaciones/" in mail.outbox[0].body
    assert services.avisar_unidad(comunicacion_id=comunicacion.pk) is False
    assert len(mail.outbox) == 1


def test_sin_buzon_no_se_encola_nada(settings, django_capture_on_commit_callbacks):
    settings.ACCESIBILIDAD_EMAIL = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.registrar_comunicacion(tipo="queja", descripcion="x")
    assert callbacks == [] and mail.outbox == []


def test_una_comunicacion_sin_descripcion_no_se_guarda(settings):
    with pytest.raises(ValidationError):
        services.registrar_comunicacion(tipo="queja", descripcion="")
    assert not Comunicacion.objects.exists()


def test_la_respuesta_sin_correo_no_se_envia(
    settings, django_capture_on_commit_callbacks
):
    settings.ACCESIBILIDAD_EMAIL = ""
    from tests.factories import UsuarioFactory

    comunicacion = services.registrar_comunicacion(tipo="queja", descripcion="x")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.cerrar_comunicacion(
            comunicacion=comunicacion, respuesta="Corregido.", por=UsuarioFactory()
        )
    assert callbacks == [] and mail.outbox == []
    assert services.enviar_respuesta(comunicacion_id=comunicacion.pk) is False
