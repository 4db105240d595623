"""PDFs a person asked for are not queued behind a batch's: the batch's go to
`pdf_lote` (its own low-priority worker), a person's to `pdf` — with a real worker
that, like `worker` in the Procfile, listens on `celery,pdf` only."""

import pytest
from django.db import transaction

from comun.colas import en_lote
from config.celery import app as celery_app
from config.metricas import mensajes_en_cola
from formacion import services
from formacion.models import Certificado
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _certificado(curso, lecciones) -> Certificado:
    empleado = EmpleadoFactory()
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    return Certificado.objects.get(matricula=matricula)


def test_el_pdf_de_una_persona_no_espera_a_los_del_lote(worker_celery, esperar):
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    antes = mensajes_en_cola("pdf_lote")
    # First the batch, as the demo seeds it (on_commit inside en_lote)...
    with en_lote(), transaction.atomic():
        lote = [_certificado(curso, lecciones) for _ in range(3)]
    # ...then a person completes a course.
    persona = _certificado(curso, lecciones)

    def generado():
        return bool(Certificado.objects.get(pk=persona.pk).sha256)

    try:
        esperar(generado, segundos=90, mensaje="el PDF del certificado de la persona")
        # Queued before it, the batch's were not rendered by the interactive
        # worker: they wait in their own queue for the low-priority one.
        assert not Certificado.objects.filter(
            pk__in=[c.pk for c in lote], sha256__gt=""
        ).exists()
        assert mensajes_en_cola("pdf_lote") - antes == 3
    finally:
        with celery_app.connection_for_write() as conexion:
            conexion.default_channel.queue_purge("pdf_lote")
