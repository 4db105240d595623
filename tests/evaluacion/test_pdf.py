"""The stored evaluation PDF says the evaluation's final state: after the appeal
is resolved and after closing, the file (read back with pypdf) matches the page."""

import copy
import io
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from pypdf import PdfReader

from evaluacion import pdf, services
from evaluacion.models import Evaluacion
from tests.evaluacion.conftest import enviada, puntuar_todo

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
    ev = puntuar_todo(evaluacion_de_ana, nivel=3)
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.enviar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    ev = services.reconocer_evaluacion(
        evaluacion=ev, version=ev.version, comentario="", por=None
    )
    original = pdf.pdf_de_plantilla

    def lento(plantilla, contexto, **opciones):
        contenido = original(plantilla, contexto, **opciones)  # the "recibida" state...
        # ...while it renders, the evaluation is closed and its PDF stored.
        monkeypatch.setattr(pdf, "pdf_de_plantilla", original)
        e = contexto["ev"]
        with django_capture_on_commit_callbacks(execute=True):
            services.cerrar_evaluacion(
                evaluacion=Evaluacion.objects.get(pk=e.pk),
                version=e.version,
                por=None,
                hoy=e.plazo_alegaciones + timedelta(days=1),
            )
        return contenido

    monkeypatch.setattr(pdf, "pdf_de_plantilla", lento)
    pdf.guardar_pdf_evaluacion(ev.pk)
    ev.refresh_from_db()
    assert ev.estado == E.CERRADA
    texto = _texto_guardado(ev)
    assert f"Estado {ev.get_estado_display()}" in texto


@pytest.fixture
def servidor_http():
    """A web server on this machine that records every path asked of it."""
    pedidas = []

    class Manejador(BaseHTTPRequestHandler):
        def do_GET(self):
            pedidas.append(self.path)
            cuerpo = b"body { color: red }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(cuerpo)))
            self.end_headers()
            self.wfile.write(cuerpo)

        def log_message(self, *args):
            pass

    servidor = ThreadingHTTPServer(("127.0.0.1", 0), Manejador)
    hilo = threading.Thread(target=servidor.serve_forever, daemon=True)
    hilo.start()
    yield f"http://127.0.0.1:{servidor.server_port}", pedidas
    servidor.shutdown()
    servidor.server_close()


def test_el_pdf_no_pide_nada_a_la_red_y_se_lee_bien(
    evaluacion_de_ana, settings, tmp_path, servidor_http
):
    """A template that points at http:// (a stylesheet, an image) renders
    without the PDF ever fetching them; the text is still the evaluation's."""
    url, pedidas = servidor_http
    original = (settings.BASE_DIR / "templates" / "evaluacion" / "pdf.html").read_text(
        encoding="utf-8"
    )
    retocada = original.replace(
        "</head>", f'<link rel="stylesheet" href="{url}/hoja.css"></head>'
    ).replace("</body>", f'<img src="{url}/logo.png" alt=""></body>')
    assert retocada.count(url) == 2
    (tmp_path / "plantillas" / "evaluacion").mkdir(parents=True)
    (tmp_path / "plantillas" / "evaluacion" / "pdf.html").write_text(
        retocada, encoding="utf-8"
    )
    motores = copy.deepcopy(settings.TEMPLATES)
    motores[0]["DIRS"] = [tmp_path / "plantillas", *motores[0]["DIRS"]]
    settings.TEMPLATES = motores

    ev = enviada(evaluacion_de_ana, nivel=3)
    assert pdf.guardar_pdf_evaluacion(ev.pk)
    texto = _texto_guardado(ev)
    assert pedidas == []
    assert "Evaluación de competencias" in texto
    assert ev.empleado.nombre_completo in texto
    assert f"Estado {ev.get_estado_display()}" in texto
    for p in ev.puntuaciones.select_related("competencia"):
        assert p.competencia.codigo in texto


def test_repetir_la_tarea_del_pdf_no_deja_un_segundo_fichero(
    evaluacion_de_ana, settings
):
    """A redelivered task (its worker died after storing) finds the PDF of this
    version already attached and leaves it as it is."""
    ev = enviada(evaluacion_de_ana, nivel=3)
    primero = pdf.guardar_pdf_evaluacion(ev.pk)
    assert pdf.guardar_pdf_evaluacion(ev.pk) == primero
    carpeta = settings.PRIVATE_MEDIA_ROOT / "evaluacion"
    assert [f.name for f in carpeta.iterdir()] == [primero.rsplit("/", 1)[-1]]


def test_el_pdf_sale_en_el_idioma_de_la_persona_evaluada(
    evaluacion_de_ana, django_capture_on_commit_callbacks
):
    from django.utils import translation
    from django.utils.translation import gettext

    from organizacion.models import Empleado

    Empleado.objects.filter(pk=evaluacion_de_ana.empleado_id).update(idioma="gl")
    ev = puntuar_todo(evaluacion_de_ana, nivel=3)
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.enviar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    texto = _texto_guardado(ev)
    with translation.override("gl"):
        nivel = gettext("Cumple el estándar")
    assert nivel == "Cumpre o estándar" and nivel in texto
    assert "Cumple el estándar" not in texto
