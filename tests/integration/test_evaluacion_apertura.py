"""The opening job and the PDF task run through a real Celery worker."""

import re

import pytest

from evaluacion import services
from evaluacion.models import Campana, Evaluacion, Puntuacion
from evaluacion.tasks import abrir_campanas_vencidas
from tests.factories import CampanaFactory, EmpleadoFactory, OficinaFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_el_worker_abre_la_campana_y_repetirlo_no_duplica(
    esperar, ejecutar_en_el_worker
):
    oficina = OficinaFactory()
    jefa = EmpleadoFactory(oficina=oficina, usuario__roles=["empleado", "supervisor"])
    for _i in range(3):
        EmpleadoFactory(oficina=oficina, supervisor=jefa)
    campana = CampanaFactory(oficinas=[oficina])
    abrir_campanas_vencidas.delay()
    esperar(
        lambda: (
            Campana.objects.get(pk=campana.pk).estado == Campana.Estado.ABIERTA
            and Evaluacion.objects.filter(campana=campana).count() == 3
        ),
        mensaje="que el worker abra la campaña con tres evaluaciones",
    )
    # A second run adds only the new hire; a third adds nothing.
    EmpleadoFactory(oficina=oficina, supervisor=jefa)
    abrir_campanas_vencidas.delay()
    esperar(
        lambda: Evaluacion.objects.filter(campana=campana).count() == 4,
        mensaje="que la segunda ejecución añada solo a la persona nueva",
    )
    ejecutar_en_el_worker(abrir_campanas_vencidas.si())
    assert Evaluacion.objects.filter(campana=campana).count() == 4
    assert Puntuacion.objects.filter(evaluacion__campana=campana).count() == 4 * 7

    ev = Evaluacion.objects.filter(campana=campana).first()
    datos = {p.competencia_id: {"nivel": 3} for p in ev.puntuaciones.all()}
    ev = services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=None
    )
    ev = services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    esperar(
        lambda: Evaluacion.objects.get(pk=ev.pk).pdf_version == ev.version,
        mensaje="que el worker genere el PDF de la evaluación enviada (cola pdf)",
    )
    # The worker stores the file in its own private storage, under a random name.
    nombre = Evaluacion.objects.get(pk=ev.pk).pdf.name
    assert re.fullmatch(r"evaluacion/[0-9a-f]{32}\.pdf", nombre), nombre
