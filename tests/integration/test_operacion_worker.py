"""The request id follows a request into the task it enqueues, and the task
outcomes counted in a real worker reach the web's /metrics."""

import pytest
from django.urls import reverse

from formacion.models import Expediente
from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_la_tarea_encolada_registra_el_request_id_de_la_peticion(
    client, worker_celery, esperar
):
    empleado = EmpleadoFactory()
    client.force_login(empleado.usuario)
    request_id = "prueba-h13-ops-0123456789abcdef"
    respuesta = client.post(
        reverse("formacion:generar_expediente"), HTTP_X_REQUEST_ID=request_id
    )
    assert respuesta.status_code in (200, 302)
    assert respuesta["X-Request-ID"] == request_id
    assert Expediente.objects.filter(empleado=empleado).exists()

    def lineas_de_la_tarea():
        return [
            linea
            for linea in worker_celery.registro.read_text().splitlines()
            if "generar_pdf_expediente" in linea and "succeeded" in linea
        ]

    esperar(
        lambda: any(request_id in linea for linea in lineas_de_la_tarea()),
        segundos=90,
        mensaje="que el worker registre la tarea con el request id de la petición",
    )
    # Lines of the worker outside any request carry no id.
    otras = [
        linea
        for linea in worker_celery.registro.read_text().splitlines()
        if " ready." in linea
    ]
    assert otras and all(request_id not in linea for linea in otras)


def test_los_resultados_de_tareas_del_worker_salen_en_metrics_de_la_web(
    client, ejecutar_en_el_worker, esperar, tmp_path
):
    """Multiprocess mode: the worker process writes its counters, the web process
    serves them."""
    from prometheus_client.parser import text_string_to_metric_families

    from tests.integration.marcador import marcar

    def exitos() -> float:
        texto = client.get("/metrics").content.decode()
        return sum(
            m.value
            for familia in text_string_to_metric_families(texto)
            for m in familia.samples
            if m.name == "ventanilla_celery_tareas_total"
            and m.labels == {"tarea": "pruebas.marcar", "resultado": "exito"}
        )

    antes = exitos()
    # The task under test and the marker linked to it: two successes in the worker.
    ejecutar_en_el_worker(marcar.si(str(tmp_path / "primera")))
    esperar(
        lambda: exitos() == antes + 2,
        segundos=30,
        mensaje="que /metrics cuente los dos éxitos del worker",
    )
    assert exitos() == antes + 2
