"""Routing of the PDF tasks: interactive queue `pdf`, batch queue `pdf_lote`."""

from unittest import mock

import pytest
from django.core.management import call_command

from comun.colas import en_lote
from config.celery import app as celery_app

TAREAS_PDF = [
    "formacion.tasks.generar_pdf_certificado",
    "formacion.tasks.generar_pdf_expediente",
    "evaluacion.tasks.generar_pdf_evaluacion",
    "mejora.tasks.generar_pdf_informe",
]


def _cola(nombre: str) -> str:
    return celery_app.amqp.router.route({}, nombre)["queue"].name


@pytest.mark.parametrize("tarea", TAREAS_PDF)
def test_un_pdf_pedido_va_a_la_cola_interactiva_y_uno_de_lote_a_la_baja(tarea):
    assert _cola(tarea) == "pdf"
    with en_lote():
        assert _cola(tarea) == "pdf_lote"
    assert _cola(tarea) == "pdf"


def test_las_tareas_que_no_son_pdf_no_cambian_de_cola_en_un_lote():
    with en_lote():
        assert _cola("encuestas.tasks.enviar_invitacion") == "celery"
        assert _cola("mejora.tasks.recalcular_indicadores") == "celery"


@pytest.mark.django_db
def test_seed_demo_siembra_en_lote():
    vistas = []

    class Sembrador:
        __name__ = "demo.falso"

        @staticmethod
        def sembrar(stdout=None):
            vistas.append(_cola("formacion.tasks.generar_pdf_certificado"))

    with mock.patch(
        "demo.management.commands.seed_demo.SEMBRADORES", [Sembrador, Sembrador]
    ):
        call_command("seed_demo", stdout=mock.MagicMock())
    assert vistas == ["pdf_lote", "pdf_lote"]
    assert _cola("formacion.tasks.generar_pdf_certificado") == "pdf"


def test_el_informe_programado_genera_su_pdf_en_lote():
    from mejora import tasks

    vistas = []

    def programar(**kwargs):
        vistas.append(_cola("mejora.tasks.generar_pdf_informe"))

    with mock.patch.object(tasks.services, "programar_informes", programar):
        tasks.informe_programado("mensual")
    assert vistas == ["pdf_lote"]
