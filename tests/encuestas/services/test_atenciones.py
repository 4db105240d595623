import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from encuestas import services
from encuestas.models import Invitacion, ReglaMuestreo
from organizacion.models import Canal
from tests.factories import OficinaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_muestreo_por_canal_y_oficina(oficina):
    presencial = Canal.objects.get(codigo="presencial")
    ReglaMuestreo.objects.create(canal=presencial, oficina=oficina, tasa=0)
    registro = services.registrar_atencion(
        oficina=oficina, canal=presencial, referencia_externa="T-1"
    )
    assert registro.invitacion is None and registro.motivo == "muestreo"
    otra = OficinaFactory()
    registro = services.registrar_atencion(
        oficina=otra, canal=presencial, referencia_externa="T-1"
    )
    assert registro.invitacion is not None  # channel default is 1
    ReglaMuestreo.objects.filter(canal=presencial, oficina=None).update(tasa="0.5")
    invitadas = sum(
        services.registrar_atencion(
            oficina=otra, canal=presencial, referencia_externa=f"R{i}"
        ).invitacion
        is not None
        for i in range(200)
    )
    assert 70 < invitadas < 130
    # deterministic per reference: replaying gives the same decision
    assert (
        services.registrar_atencion(
            oficina=otra, canal=presencial, referencia_externa="R7"
        ).motivo
        == "existente"
    )


def test_idempotencia_por_referencia_devuelve_el_mismo_enlace(oficina):
    canal = Canal.objects.get(codigo="telefonico")
    a = services.registrar_atencion(
        oficina=oficina, canal=canal, referencia_externa="LL-99"
    )
    b = services.registrar_atencion(
        oficina=oficina, canal=canal, referencia_externa="LL-99"
    )
    assert a.creada and not b.creada
    assert (
        a.atencion.pk == b.atencion.pk
        and a.enlace == b.enlace
        and a.enlace.endswith(f"/e/{a.token}/")
    )


def test_sms_enviado_y_contacto_olvidado(
    oficina, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.ENCUESTAS_SMS_DIR = str(tmp_path)
    canal = Canal.objects.get(codigo="telefonico")
    with django_capture_on_commit_callbacks(execute=True):
        registro = services.registrar_atencion(
            oficina=oficina,
            canal=canal,
            contacto="699111222",
            idioma="gl",
            referencia_externa="x",
        )
    assert registro.invitacion.contacto == "699111222"  # until the worker sent it
    invitacion = Invitacion.objects.get(
        pk=registro.invitacion.pk
    )  # eager Celery ran on commit
    assert invitacion.estado == Invitacion.Estado.ENVIADA and invitacion.contacto == ""
    lineas = [
        json.loads(x)
        for f in tmp_path.glob("*.jsonl")
        for x in f.read_text().splitlines()
    ]
    # The file keeps neither the number nor the personal link (test_anonimato).
    assert lineas[-1]["a"] == "6******22" and registro.token not in lineas[-1]["texto"]
    assert lineas[-1]["texto"].startswith("Valore a atención")


def test_correo_enviado(oficina, django_capture_on_commit_callbacks):
    canal = Canal.objects.get(codigo="telematico")
    with django_capture_on_commit_callbacks(execute=True):
        registro = services.registrar_atencion(
            oficina=oficina,
            canal=canal,
            contacto="ana@example.org",
            referencia_externa="e",
        )
    assert registro.invitacion.medio == Invitacion.Medio.EMAIL
    # locmem only keeps the message: address and link masked (test_anonimato).
    assert (
        mail.outbox[-1].to == ["a***@e***.org"]
        and "/e/[enlace-personal]/" in mail.outbox[-1].body
    )
    assert Invitacion.objects.get(pk=registro.invitacion.pk).contacto == ""


def test_contacto_no_valido(oficina):
    canal = Canal.objects.get(codigo="telefonico")
    with pytest.raises(ValidationError):
        services.registrar_atencion(
            oficina=oficina, canal=canal, contacto="123", medio="sms"
        )


def test_oficina_sin_ese_canal():
    oficina = OficinaFactory(canales=["presencial"])
    with pytest.raises(ValidationError):
        services.registrar_atencion(
            oficina=oficina, canal=Canal.objects.get(codigo="telefonico")
        )
