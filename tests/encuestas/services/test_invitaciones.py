import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import models

from encuestas import envio, seguridad, services
from encuestas.models import (
    Atencion,
    ContactoHash,
    Invitacion,
    ReglaMuestreo,
    Respuesta,
)
from organizacion.models import Canal
from tests.factories import OficinaFactory, invitar

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_un_solo_uso_y_no_se_quema_al_abrir(oficina):
    registro, token = invitar(oficina)
    services.marcar_abierta(services.invitacion_por_token(token))
    services.marcar_abierta(services.invitacion_por_token(token))
    assert services.invitacion_por_token(token).estado == Invitacion.Estado.ABIERTA
    services.responder(token=token, datos={"SAT": "4"})
    with pytest.raises(services.YaRespondida):
        services.responder(token=token, datos={"SAT": "5"})
    assert Respuesta.objects.count() == 1


def test_caducidad_por_canal(oficina):
    ReglaMuestreo.objects.filter(canal__codigo="telefonico", oficina=None).update(
        caducidad_dias=2
    )
    registro, _ = invitar(oficina, "telefonico")
    assert registro.invitacion.caduca_en - registro.invitacion.creada_en < timedelta(
        days=2, seconds=5
    )
    registro, _ = invitar(oficina, "presencial")
    assert registro.invitacion.caduca_en - registro.invitacion.creada_en >= timedelta(
        days=7
    ) - timedelta(seconds=5)


# --- the unsubscribe link in every SMS and e-mail ------------------------------------


class SMSCapturado:
    """An SMS gateway that keeps what it would deliver, for the tests."""

    enviados: list[tuple[str, str]] = []

    def enviar(self, telefono: str, texto: str) -> None:
        self.enviados.append((telefono, texto))


@pytest.fixture
def sms(settings):
    settings.ENCUESTAS_SMS_BACKEND = f"{__name__}.SMSCapturado"
    SMSCapturado.enviados = []
    return SMSCapturado.enviados


def _enlace_baja(texto: str) -> str:
    encontrado = re.search(r"https?://\S+/e/b/([0-9a-z]+)/", texto)
    assert encontrado, texto
    return encontrado.group(1)


@pytest.mark.parametrize("idioma", ["es", "ca", "eu", "gl", "en"])
def test_cada_sms_lleva_enlace_de_baja_en_gsm7_y_dos_segmentos_como_mucho(
    oficina, settings, sms, idioma, django_capture_on_commit_callbacks
):
    # A long public address: the budget must hold for real deployments too.
    settings.SITE_URL = "https://atencion-ciudadana.ayuntamiento-ejemplo.es"
    with django_capture_on_commit_callbacks(execute=True):
        registro = services.registrar_atencion(
            oficina=oficina,
            canal=Canal.objects.get(codigo="telefonico"),
            contacto="612 345 678",
            referencia_externa="B-1",
            idioma=idioma,
        )
    [(telefono, texto)] = sms
    assert telefono == "612 345 678"
    token_baja = _enlace_baja(texto)
    # The opt-out page opens in the message's language, whatever the phone's.
    assert f"/e/b/{token_baja}/?idioma={idioma}" in texto
    assert token_baja != registro.token and registro.token in texto
    assert envio.es_gsm7(texto), texto
    assert envio.segmentos_sms(texto) <= 2, (len(texto), texto)
    contacto = ContactoHash.objects.get()
    assert contacto.baja_token_hash and token_baja not in contacto.baja_token_hash


def test_cada_correo_lleva_enlace_de_baja(
    oficina, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    enviados = []
    with (
        mock.patch(
            "encuestas.envio.send_mail", lambda *a, **k: enviados.append((a, k))
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.registrar_atencion(
            oficina=oficina,
            canal=Canal.objects.get(codigo="telematico"),
            contacto="ana@example.org",
            referencia_externa="B-2",
            idioma="gl",
        )
    [((asunto, cuerpo, _remite, destino), _)] = enviados
    assert destino == ["ana@example.org"]
    token_baja = _enlace_baja(cuerpo)
    assert "invitacións" in cuerpo  # in the citizen's language
    assert f"/e/b/{token_baja}/?idioma=gl" in cuerpo
    assert services.dar_de_baja_por_token(token=token_baja)
    assert ContactoHash.objects.get().baja


def test_el_enlace_de_baja_no_lleva_a_la_invitacion_ni_a_la_respuesta(
    oficina, sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registro = services.registrar_atencion(
            oficina=oficina,
            canal=Canal.objects.get(codigo="telefonico"),
            contacto="612 345 678",
            referencia_externa="B-3",
        )
    token_baja = _enlace_baja(sms[0][1])
    services.responder(token=registro.token, datos={"SAT": "5"})
    baja = seguridad.hash_token_baja(token_baja)
    # Only the contact's hash row knows it, and that row has no relation at all.
    assert not [f for f in ContactoHash._meta.get_fields() if f.is_relation]
    for modelo in (Invitacion, Respuesta, Atencion):
        for campo in modelo._meta.concrete_fields:
            if isinstance(campo, (models.CharField, models.TextField)):
                assert not modelo.objects.filter(
                    **{f"{campo.attname}__contains": baja[:16]}
                ).exists()
