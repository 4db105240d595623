"""evaluacion/views/evaluaciones.py: who reads, acknowledges, appeals and closes an
evaluation; the supervisor is told why and until when it cannot be closed, and reads
the history as readable changes (issue 11, "Recorridos sin tropiezos")."""

import io
import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.evaluacion.conftest import _estado, enviada, puntuar_todo

pytestmark = pytest.mark.django_db


E = Evaluacion.Estado


def _texto(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


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


def test_pagina_de_inicio_y_listas_con_consultas_acotadas(
    unidad, django_assert_max_num_queries
):
    cliente = Client()
    cliente.force_login(unidad["jefes"][0].usuario)
    with django_assert_max_num_queries(12):
        assert cliente.get(reverse("evaluacion:inicio")).status_code == 200
    with django_assert_max_num_queries(8):
        assert cliente.get(reverse("evaluacion:campanas")).status_code == 200


MATRIZ_LECTURA = {
    # actor: (detail, puntuar, mapa, marcos)
    "ana": (200, 403, 403, 403),
    "luis": (403, 403, 403, 403),
    "jefa": (200, 200, 200, 403),
    "coordinador": (200, 403, 200, 403),
    "direccion": (200, 403, 200, 403),
    "calidad": (403, 403, 200, 200),
    "otra_supervisora": (403, 403, 200, 403),
    "anonimo": (302, 302, 302, 302),
}


@pytest.mark.parametrize("actor", list(MATRIZ_LECTURA))
def test_matriz_de_permisos_de_lectura(actores, evaluacion_de_ana, actor):
    ev = evaluacion_de_ana
    urls = [
        reverse("evaluacion:evaluacion", args=[ev.pk]),
        reverse("evaluacion:puntuar", args=[ev.pk]),
        reverse("evaluacion:mapa", args=[ev.campana_id]),
        reverse("evaluacion:marcos"),
    ]
    obtenidos = tuple(_estado(actores[actor], "get", u) for u in urls)
    assert obtenidos == MATRIZ_LECTURA[actor]


@pytest.mark.parametrize(
    "actor,esperado",
    [
        ("ana", 302),
        ("luis", 403),
        ("jefa", 403),
        ("coordinador", 403),
        ("direccion", 403),
        ("anonimo", 302),
    ],
)
def test_solo_la_persona_evaluada_puede_dar_por_recibida(
    actores, evaluacion_de_ana, actor, esperado
):
    ev = enviada(evaluacion_de_ana)
    url = reverse("evaluacion:reconocer", args=[ev.pk])
    assert (
        _estado(actores[actor], "post", url, {"reconocer-version": ev.version})
        == esperado
    )
    ev.refresh_from_db()
    assert ev.estado == (E.RECONOCIDA if actor == "ana" else E.ENVIADA)


def test_la_persona_evaluada_no_ve_los_niveles_hasta_el_envio(
    actores, evaluacion_de_ana
):
    ev = evaluacion_de_ana
    datos = {
        p.competencia_id: {"nivel": 5, "evidencia": "EVIDENCIA-SECRETA"}
        for p in ev.puntuaciones.all()
    }
    ev = services.guardar_puntuaciones(
        evaluacion=ev, version=ev.version, datos=datos, por=None
    )
    cliente = Client()
    cliente.force_login(actores["ana"])
    url = reverse("evaluacion:evaluacion", args=[ev.pk])
    html = cliente.get(url).content.decode()
    assert "EVIDENCIA-SECRETA" not in html and "Verá los niveles" in html
    assert cliente.get(reverse("evaluacion:pdf", args=[ev.pk])).status_code == 403
    services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    html = cliente.get(url).content.decode()
    assert "EVIDENCIA-SECRETA" in html and "Índice global" in html


def test_alegacion_concurrente_con_acuse_se_rechaza(actores, evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    version = ev.version
    cliente = Client()
    cliente.force_login(actores["ana"])
    assert (
        cliente.post(
            reverse("evaluacion:reconocer", args=[ev.pk]),
            {"reconocer-version": version},
        ).status_code
        == 302
    )
    respuesta = cliente.post(
        reverse("evaluacion:alegar", args=[ev.pk]),
        {"alegar-version": version, "alegar-texto": "x"},
    )
    assert respuesta.status_code in (403, 409)
    ev.refresh_from_db()
    assert ev.estado == E.RECONOCIDA and ev.alegacion == ""


def test_el_pdf_que_falta_se_genera_al_pedirlo(
    actores, evaluacion_de_ana, django_capture_on_commit_callbacks
):
    # The view enqueued the task through a wrong relative import: a 500.
    ev = puntuar_todo(evaluacion_de_ana, nivel=2, evidencia="")
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    type(ev).objects.filter(pk=ev.pk).update(pdf="", pdf_version=0)
    cliente = Client()
    cliente.force_login(actores["ana"])
    respuesta = cliente.get(reverse("evaluacion:pdf", args=[ev.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/pdf"
    ev.refresh_from_db()
    assert ev.pdf and ev.pdf_version == ev.version


def test_el_pdf_contiene_los_datos_de_la_evaluacion(
    actores, evaluacion_de_ana, django_capture_on_commit_callbacks
):
    ev = puntuar_todo(evaluacion_de_ana, nivel=2, evidencia="")
    with django_capture_on_commit_callbacks(execute=True):
        ev = services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    ev.refresh_from_db()
    assert ev.pdf and ev.pdf_version == ev.version
    cliente = Client()
    cliente.force_login(actores["ana"])
    respuesta = cliente.get(reverse("evaluacion:pdf", args=[ev.pk]))
    assert (
        respuesta.status_code == 200 and respuesta["Content-Type"] == "application/pdf"
    )
    texto = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(b"".join(respuesta.streaming_content))).pages
    )
    assert ev.empleado.nombre_completo in texto
    assert ev.campana.nombre in texto
    assert "Índice global: 2,00" in texto, texto
    assert "No cumple el estándar" in texto
    assert "Supervisión Requerido Autoevaluación" in texto  # the SVG chart legend
    assert "Brechas respecto al puesto" in texto
    assert "C1 Orientación a la ciudadanía y trato: nivel 2, requerido 3" in texto


def test_historial_visible_en_la_pagina(actores, evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    cliente = Client()
    cliente.force_login(actores["jefa"])
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    assert (
        "Historial de cambios" in html
        and "puntuaciones guardadas" in html
        and "enviada" in html
    )


def test_recibir_con_una_version_antigua_responde_409(actores, evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    cliente = Client()
    cliente.force_login(actores["ana"])
    respuesta = cliente.post(
        reverse("evaluacion:reconocer", args=[ev.pk]),
        {"reconocer-version": ev.version - 1, "reconocer-comentario": "vieja"},
    )
    assert respuesta.status_code == 409
    assert "Otra persona ha modificado esta evaluación" in respuesta.content.decode()
    ev.refresh_from_db()
    assert ev.estado == E.ENVIADA and ev.comentario_empleado == ""


def test_alegar_sin_texto_responde_400_con_el_formulario(actores, evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    cliente = Client()
    cliente.force_login(actores["ana"])
    respuesta = cliente.post(
        reverse("evaluacion:alegar", args=[ev.pk]), {"alegar-version": ev.version}
    )
    assert respuesta.status_code == 400
    ev.refresh_from_db()
    assert ev.estado == E.ENVIADA


def test_tras_darla_por_recibida_la_persona_aun_puede_alegar_en_plazo(
    actores, evaluacion_de_ana
):
    ev = enviada(evaluacion_de_ana)
    plazo = ev.plazo_alegaciones.strftime("%d/%m/%Y")
    cliente = Client()
    cliente.force_login(actores["ana"])
    url = reverse("evaluacion:evaluacion", args=[ev.pk])
    antes = cliente.get(url).content.decode()
    # Told before confirming: receiving keeps the right to appeal until the deadline.
    assert f"podrá presentar alegaciones hasta el {plazo}" in antes
    respuesta = cliente.post(
        reverse("evaluacion:reconocer", args=[ev.pk]),
        {"reconocer-version": ev.version, "reconocer-comentario": "Recibida."},
        follow=True,
    )
    html = respuesta.content.decode()
    assert "Ha dado la evaluación por recibida." in html
    assert "Presentar alegación" in html and f"Hasta el {plazo}" in html
    assert "Dar por recibida</button>" not in html
    ev.refresh_from_db()
    assert ev.estado == E.RECONOCIDA
    inicio = cliente.get(reverse("inicio")).content.decode()
    assert f"Puede presentar alegaciones hasta el {plazo}" in inicio
    respuesta = cliente.post(
        reverse("evaluacion:alegar", args=[ev.pk]),
        {"alegar-version": ev.version, "alegar-texto": "No comparto C3."},
    )
    assert respuesta.status_code == 302
    ev.refresh_from_db()
    assert ev.estado == E.ALEGADA and ev.comentario_empleado == "Recibida."


def test_la_supervisora_no_ve_cerrar_una_recibida_con_el_plazo_abierto(
    actores, evaluacion_de_ana
):
    ev = enviada(evaluacion_de_ana)
    ev = services.reconocer_evaluacion(evaluacion=ev, version=ev.version, por=None)
    cliente = Client()
    cliente.force_login(actores["jefa"])
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    assert "Cerrar la evaluación</button>" not in html
    assert "aunque ya la haya dado por recibida" in html
    respuesta = cliente.post(
        reverse("evaluacion:cerrar", args=[ev.pk]), {"version": ev.version}
    )
    assert respuesta.status_code == 409
    assert "puede presentar alegaciones hasta el" in respuesta.content.decode()
    ev.refresh_from_db()
    assert ev.estado == E.RECONOCIDA


def test_alegar_fuera_de_plazo_explica_por_que_no(actores, evaluacion_de_ana):
    ev = enviada(evaluacion_de_ana)
    ev = services.reconocer_evaluacion(evaluacion=ev, version=ev.version, por=None)
    Evaluacion.objects.filter(pk=ev.pk).update(plazo_alegaciones=date(2020, 1, 10))
    cliente = Client()
    cliente.force_login(actores["ana"])
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    assert "Presentar alegación" not in html
    respuesta = cliente.post(
        reverse("evaluacion:alegar", args=[ev.pk]),
        {"alegar-version": ev.version, "alegar-texto": "Tarde"},
    )
    assert respuesta.status_code == 400
    assert "El plazo de alegaciones terminó" in respuesta.content.decode()
    cliente.force_login(actores["luis"])
    respuesta = cliente.post(
        reverse("evaluacion:alegar", args=[ev.pk]),
        {"alegar-version": ev.version, "alegar-texto": "x"},
    )
    assert respuesta.status_code == 403


def test_inicio_de_la_supervisora_acotado_a_n_y_3n(
    personal, django_assert_max_num_queries
):
    """Her team's evaluations (issue 14): one ceiling at N and 3N people."""
    cliente = Client()
    cliente.force_login(personal["usuarios"]["supervisor"])
    with django_assert_max_num_queries(12):
        respuesta = cliente.get(reverse("evaluacion:inicio"))
    assert respuesta.status_code == 200 and respuesta.context["a_cargo"]
