"""The supervisor is told why and until when an evaluation cannot be closed, and
reads the history as readable changes (issue 11, "Recorridos sin tropiezos")."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.evaluacion.conftest import enviada

pytestmark = pytest.mark.django_db
E = Evaluacion.Estado


def _texto(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_cerrar_en_plazo_de_alegaciones_explica_hasta_cuando(evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    plazo = ev.plazo_alegaciones
    with pytest.raises(ValidationError) as error:
        services.cerrar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    mensaje = " ".join(error.value.messages)
    assert f"puede presentar alegaciones hasta el {plazo:%d/%m/%Y}" in mensaje
    assert f"a partir del {plazo + timedelta(days=1):%d/%m/%Y}" in mensaje
    ev.refresh_from_db()
    assert ev.estado == E.ENVIADA


def test_la_pagina_sustituye_el_boton_de_cerrar_por_el_motivo(
    equipo, evaluacion_de_ana
):
    ev = enviada(evaluacion_de_ana)
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    assert "Cerrar la evaluación</button>" not in html
    assert (
        "puede presentar alegaciones hasta el "
        f"{ev.plazo_alegaciones:%d/%m/%Y}" in _texto(html)
    )


def test_cerrar_forzado_en_plazo_de_alegaciones_da_409_con_el_motivo(
    equipo, evaluacion_de_ana
):
    ev = enviada(evaluacion_de_ana)
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    respuesta = cliente.post(
        reverse("evaluacion:cerrar", args=[ev.pk]), {"version": ev.version}
    )
    assert respuesta.status_code == 409
    assert (
        "puede presentar alegaciones hasta el "
        f"{ev.plazo_alegaciones:%d/%m/%Y}" in _texto(respuesta.content.decode())
    )
    ev.refresh_from_db()
    assert ev.estado == E.ENVIADA


def test_pasado_el_plazo_de_alegaciones_se_puede_cerrar(equipo, evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    Evaluacion.objects.filter(pk=ev.pk).update(
        plazo_alegaciones=ev.plazo_alegaciones - timedelta(days=60)
    )
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    assert "Cerrar la evaluación</button>" in html
    respuesta = cliente.post(
        reverse("evaluacion:cerrar", args=[ev.pk]), {"version": ev.version}
    )
    assert respuesta.status_code == 302
    ev.refresh_from_db()
    assert ev.estado == E.CERRADA


def test_el_historial_muestra_cambios_legibles_y_no_diccionarios(
    equipo, evaluacion_de_ana
):
    ev = enviada(evaluacion_de_ana)
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    historial = _texto(html.split("Historial de cambios", 1)[1])
    assert "{'" not in historial and "{&#x27;" not in historial
    assert "Estado: En evaluación → Enviada" in historial, historial
    assert f"Alegaciones hasta: — → {ev.plazo_alegaciones:%d/%m/%Y}" in historial, (
        historial
    )
    assert "C1 Orientación a la ciudadanía y trato · nivel: — → 3" in historial, (
        historial
    )
    assert "puntuaciones guardadas" in historial
    assert "plazo_alegaciones" not in historial
