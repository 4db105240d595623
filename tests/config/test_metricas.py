"""/metrics: Prometheus text with requests, latency per view, Celery queue depth and
task outcomes, and accepted survey submissions; not served to the public."""

import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families

from config.celery import app as celery_app
from encuestas import services
from organizacion.models import Canal
from tests.factories import OficinaFactory, invitar

pytestmark = pytest.mark.django_db


def _muestras(client, **cabeceras):
    respuesta = client.get("/metrics", **cabeceras)
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("text/plain")
    return [
        muestra
        for familia in text_string_to_metric_families(respuesta.content.decode())
        for muestra in familia.samples
    ]


def _valor(client, nombre, **etiquetas) -> float:
    return sum(
        m.value
        for m in _muestras(client)
        if m.name == nombre and all(m.labels.get(k) == v for k, v in etiquetas.items())
    )


RESPUESTA = {
    "paso": "1",
    "SAT": "5",
    "CONF": "4",
    "EFIC": "5",
    "FAC": "7",
    "TIEMPO": "4",
    "TRATO": "5",
}


def test_un_envio_de_encuesta_incrementa_el_contador(
    client, django_capture_on_commit_callbacks
):
    oficina = OficinaFactory(canales=["presencial"])
    _, token = invitar(oficina)
    nombre = "ventanilla_encuestas_envios_aceptados_total"
    antes = _valor(client, nombre, via="formulario")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/e/{token}/", RESPUESTA).status_code == 200
    assert _valor(client, nombre, via="formulario") == antes + 1
    # The same token again is refused (409) and not counted.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/e/{token}/", RESPUESTA).status_code == 409
    assert _valor(client, nombre, via="formulario") == antes + 1


def test_un_toque_de_quiosco_cuenta_como_quiosco(
    client, django_capture_on_commit_callbacks
):
    oficina = OficinaFactory(canales=["presencial"])
    kiosco, _secreto = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="Salida"
    )
    nombre = "ventanilla_encuestas_envios_aceptados_total"
    antes = _valor(client, nombre, via="quiosco")
    formulario = _valor(client, nombre, via="formulario")
    with django_capture_on_commit_callbacks(execute=True):
        services.responder_quiosco(kiosco=kiosco, cara=4)
    assert _valor(client, nombre, via="quiosco") == antes + 1
    assert _valor(client, nombre, via="formulario") == formulario


def test_peticiones_y_latencia_por_vista(client):
    client.get("/health/live/")
    muestras = _muestras(client)
    por_vista = [
        m
        for m in muestras
        if m.name == "django_http_requests_latency_seconds_by_view_method_count"
        and m.labels.get("view") == "health_live"
    ]
    assert por_vista and por_vista[0].value >= 1
    assert any(
        m.name == "django_http_requests_total_by_view_transport_method_total"
        and m.labels.get("view") == "health_live"
        for m in muestras
    )


def test_profundidad_de_cola_leida_del_broker(client, settings):
    # A queue of this test alone: no worker consumes it, and it is purged after.
    cola = f"pruebas-metricas-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_ROUTES = [
        *settings.CELERY_TASK_ROUTES,
        {"pruebas.metricas": {"queue": cola}},
    ]
    assert _valor(client, "ventanilla_celery_broker_disponible") == 1
    assert _valor(client, "ventanilla_celery_cola_mensajes", cola=cola) == 0
    colas_medidas = {
        m.labels["cola"]
        for m in _muestras(client)
        if m.name == "ventanilla_celery_cola_mensajes"
    }
    # The default queue, the routed ones and the batch PDFs' low-priority one.
    assert {"celery", "pdf", "pdf_lote", cola} <= colas_medidas
    try:
        for _ in range(3):
            celery_app.send_task("pruebas.metricas", queue=cola)
        assert _valor(client, "ventanilla_celery_cola_mensajes", cola=cola) == 3
    finally:
        with celery_app.connection_for_write() as conexion:
            conexion.default_channel.queue_purge(cola)


def test_broker_caido_no_rompe_la_metrica(client, monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:9/0")
    muestras = _muestras(client)
    assert [
        m.value for m in muestras if m.name == "ventanilla_celery_broker_disponible"
    ] == [0]
    assert not any(m.name == "ventanilla_celery_cola_mensajes" for m in muestras)


@celery_app.task(name="pruebas.metricas.bien")
def _bien():
    return "ok"


@celery_app.task(name="pruebas.metricas.mal")
def _mal():
    raise ValueError("falla a propósito")


@celery_app.task(name="pruebas.metricas.reintenta", bind=True, max_retries=1)
def _reintenta(self):
    if self.request.retries == 0:
        raise self.retry(countdown=0)
    return "ok"


@pytest.fixture
def sin_propagar():
    """As in a worker: a failure is recorded, not raised into the caller (an eager
    run that propagates skips the failure and retry handlers, and their signals)."""
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = True


def test_resultados_de_tareas_por_senales(client, sin_propagar):
    nombre = "ventanilla_celery_tareas_total"

    def cuenta(tarea, resultado):
        return _valor(client, nombre, tarea=tarea, resultado=resultado)

    antes = {
        "bien": cuenta("pruebas.metricas.bien", "exito"),
        "mal": cuenta("pruebas.metricas.mal", "fallo"),
        "reintento": cuenta("pruebas.metricas.reintenta", "reintento"),
    }
    _bien.delay()
    assert _mal.delay().failed()
    # Eagerly the retry runs at once: one retry, then a success.
    _reintenta.delay()
    assert cuenta("pruebas.metricas.bien", "exito") == antes["bien"] + 1
    assert cuenta("pruebas.metricas.mal", "fallo") == antes["mal"] + 1
    assert cuenta("pruebas.metricas.reintenta", "reintento") == antes["reintento"] + 1


@pytest.mark.parametrize(
    "cabeceras",
    [
        {"REMOTE_ADDR": "10.1.2.3"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.9"},
    ],
)
def test_no_es_publica(client, cabeceras):
    assert client.get("/metrics", **cabeceras).status_code == 403


def test_con_token_solo_con_el_token(client, settings):
    settings.METRICS_TOKEN = "token-de-metricas-de-prueba"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer otro").status_code == 403
    respuesta = client.get(
        "/metrics",
        REMOTE_ADDR="10.1.2.3",
        HTTP_AUTHORIZATION="Bearer token-de-metricas-de-prueba",
    )
    assert respuesta.status_code == 200
    assert b"ventanilla_celery_broker_disponible" in respuesta.content
