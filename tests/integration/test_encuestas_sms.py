"""An SMS invitation goes through the real Celery worker and the file backend;
then the contact is gone from the database. The same worker consolidates the
queued responses into the rollups."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from encuestas import services
from encuestas.models import ContactoHash, Invitacion
from organizacion.models import Canal
from tests.factories import OficinaFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_invitacion_por_sms_enviada_por_el_worker(worker_celery, esperar):
    services._CACHE_LINEAS.clear()
    oficina = OficinaFactory(canales=["telefonico"])
    telefono = "+34 699 000 123"
    registro = services.registrar_atencion(
        oficina=oficina,
        canal=Canal.objects.get(codigo="telefonico"),
        contacto=telefono,
        referencia_externa="LLAMADA-1",
        idioma="ca",
    )
    assert registro.invitacion.medio == Invitacion.Medio.SMS

    def enviada():
        return (
            Invitacion.objects.get(pk=registro.invitacion.pk).estado
            == Invitacion.Estado.ENVIADA
        )

    esperar(enviada, mensaje="que el worker envíe el SMS")
    invitacion = Invitacion.objects.get(pk=registro.invitacion.pk)
    assert invitacion.contacto == "" and invitacion.enviada_en is not None
    assert (
        ContactoHash.objects.count() == 1
        and "699" not in ContactoHash.objects.get().hash
    )
    ficheros = "".join(
        f.read_text(encoding="utf-8")
        for f in Path(settings.ENCUESTAS_SMS_DIR).glob("*.jsonl")
    )
    # The file back-end keeps a redacted line: no number, no personal link.
    assert registro.token not in ficheros and "699000123" not in ficheros
    mensajes = [json.loads(linea) for linea in ficheros.splitlines()]
    assert [
        m
        for m in mensajes
        if m["a"] == "6******23" and m["texto"].startswith("Valoreu")
    ]


def test_el_worker_consolida_las_respuestas_encoladas(worker_celery, esperar):
    from django.db.models import Sum

    from encuestas.models import ResumenDiario, ResumenPendiente
    from encuestas.tasks import consolidar_resumenes
    from tests.factories import responder_con

    services._CACHE_LINEAS.clear()
    oficina = OficinaFactory(canales=["presencial"])
    for sat in ("5", "4", "4"):
        responder_con(oficina, {"SAT": sat}, consolidar=False)
    consolidar_resumenes.delay()

    def consolidadas():
        return not ResumenPendiente.objects.filter(respuesta__oficina=oficina).exists()

    esperar(consolidadas, mensaje="que el worker consolide la cola")
    por_valor = dict(
        ResumenDiario.objects.filter(oficina_id=oficina.pk, codigo="SAT")
        .values_list("valor")
        .annotate(n=Sum("n"))
    )
    assert por_valor == {5: 1, 4: 2}
