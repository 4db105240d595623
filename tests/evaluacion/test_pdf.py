"""The stored evaluation PDF says the evaluation's final state: after the appeal
is resolved and after closing, the file (read back with pypdf) matches the page."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.evaluacion.conftest import puntuar_todo

pytestmark = pytest.mark.django_db
E = Evaluacion.Estado


def _texto_guardado(ev: Evaluacion) -> str:
    ev.refresh_from_db()
    assert ev.pdf and ev.pdf_version == ev.version  # the stored file is current
    with ev.pdf.open("rb") as f:
        texto = " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages
        )
    return " ".join(texto.split())


def _fecha(momento) -> str:
    return timezone.localtime(momento).strftime("%d/%m/%Y")


def test_pdf_tras_revisar_y_cerrar_refleja_decision_estado_y_fechas(
    evaluacion_de_ana, equipo, django_capture_on_commit_callbacks
):
    ev = puntuar_todo(evaluacion_de_ana, nivel=2)
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.enviar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    ev = services.alegar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        texto="No se tuvo en cuenta mi trabajo en el 012.",
        por=ev.empleado.usuario,
    )
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.revisar_alegacion(
            evaluacion=ev,
            version=ev.version,
            decision="estimada",
            motivos="Las escuchas lo avalan.",
            niveles={p.competencia_id: 3 for p in ev.puntuaciones.all()},
            por=equipo["coordinador"].usuario,
        )
    texto = _texto_guardado(ev)
    assert f"Estado {ev.get_estado_display()}" in texto
    assert ev.get_decision_display() in texto and "Las escuchas lo avalan." in texto
    assert f"Alegación resuelta el {_fecha(ev.revisada_en)}" in texto
    assert "Cumple el estándar" in texto and "No cumple" not in texto

    with django_capture_on_commit_callbacks(execute=True):
        ev = services.cerrar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    texto = _texto_guardado(ev)
    assert f"Estado {ev.get_estado_display()}" in texto
    assert f"Cerrada el {_fecha(ev.cerrada_en)}" in texto
    assert ev.get_decision_display() in texto


def test_pdf_tras_acuse_y_cierre_dice_cerrada(
    evaluacion_de_ana, django_capture_on_commit_callbacks
):
    ev = puntuar_todo(evaluacion_de_ana, nivel=3)
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.enviar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
        ev = services.reconocer_evaluacion(
            evaluacion=ev, version=ev.version, comentario="Recibido.", por=None
        )
        # Received is closed once the appeal deadline is over.
        ev = services.cerrar_evaluacion(
            evaluacion=ev,
            version=ev.version,
            por=ev.evaluador.usuario,
            hoy=ev.plazo_alegaciones + timedelta(days=1),
        )
    texto = _texto_guardado(ev)
    assert f"Estado {ev.get_estado_display()}" in texto
    assert "Recibido." in texto
    assert f"Cerrada el {_fecha(ev.cerrada_en)}" in texto


def test_un_pdf_de_un_paso_anterior_que_acaba_tarde_no_sustituye_al_final(
    evaluacion_de_ana, monkeypatch, django_capture_on_commit_callbacks
):
    from evaluacion import pdf

    ev = puntuar_todo(evaluacion_de_ana, nivel=3)
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.enviar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    ev = services.reconocer_evaluacion(
        evaluacion=ev, version=ev.version, comentario="", por=None
    )
    original = pdf.renderizar_pdf

    def lento(e):
        contenido = original(e)  # the "recibida" state...
        # ...while it renders, the evaluation is closed and its PDF stored.
        monkeypatch.setattr(pdf, "renderizar_pdf", original)
        with django_capture_on_commit_callbacks(execute=True):
            services.cerrar_evaluacion(
                evaluacion=Evaluacion.objects.get(pk=e.pk),
                version=e.version,
                por=None,
                hoy=e.plazo_alegaciones + timedelta(days=1),
            )
        return contenido

    monkeypatch.setattr(pdf, "renderizar_pdf", lento)
    pdf.guardar_pdf_evaluacion(ev.pk)
    ev.refresh_from_db()
    assert ev.estado == E.CERRADA
    texto = _texto_guardado(ev)
    assert f"Estado {ev.get_estado_display()}" in texto
