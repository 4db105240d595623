"""A certificate PDF rendered by a real Celery worker process, on the "pdf" queue."""

import re

import pytest

from config.celery import app as celery_app
from formacion import services
from formacion.models import Certificado
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_la_tarea_de_pdf_va_a_la_cola_pdf():
    ruta = celery_app.amqp.router.route({}, "formacion.tasks.generar_pdf_certificado")
    assert ruta["queue"].name == "pdf"


def test_el_worker_genera_y_guarda_el_pdf_con_su_huella(worker_celery, esperar):
    empleado = EmpleadoFactory(nombre="Ana", apellidos="Integración Real")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = Certificado.objects.get(matricula=matricula)

    def generado():
        c = Certificado.objects.get(pk=certificado.pk)
        return bool(c.pdf) and len(c.sha256) == 64

    esperar(
        generado, segundos=90, mensaje="que el worker genere el PDF del certificado"
    )
    c = Certificado.objects.get(pk=certificado.pk)
    assert re.fullmatch(r"formacion/certificados/[0-9a-f]{32}\.pdf", c.pdf.name)
