"""Prometheus counters of the surveys. Counted when the response is committed, so
a submit rolled back (a lost race on the token) is not counted."""

from django.db import transaction
from prometheus_client import Counter

ENVIOS = Counter(
    "ventanilla_encuestas_envios_aceptados",
    "Respuestas de encuestas guardadas (formulario o quiosco).",
    ["via"],
)


def envio_aceptado(*, via: str) -> None:
    transaction.on_commit(ENVIOS.labels(via=via).inc)
