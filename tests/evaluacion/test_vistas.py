import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.evaluacion.conftest import enviada, puntuar_todo
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db
E = Evaluacion.Estado


@pytest.fixture
def actores(equipo, usuario_direccion, usuario_calidad):
    otra = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    return {
        "ana": equipo["ana"].usuario,
        "luis": equipo["luis"].usuario,
        "jefa": equipo["jefa"].usuario,
        "coordinador": equipo["coordinador"].usuario,
        "direccion": usuario_direccion,
        "calidad": usuario_calidad,
        "otra_supervisora": otra.usuario,
        "anonimo": None,
    }


def _estado(usuario, metodo, url, datos=None):
    cliente = Client()
    if usuario is not None:
        cliente.force_login(usuario)
    return getattr(cliente, metodo)(url, datos or {}).status_code


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


def test_la_otra_supervisora_no_ve_a_nadie_de_este_equipo_en_el_mapa(
    actores, evaluacion_de_ana
):
    # A surname no random one can match, so its absence means something.
    ana = evaluacion_de_ana.empleado
    ana.apellidos = "Centinela-Únicoapellido"
    ana.save(update_fields=["apellidos"])
    cliente = Client()
    cliente.force_login(actores["otra_supervisora"])
    html = cliente.get(
        reverse("evaluacion:mapa", args=[evaluacion_de_ana.campana_id])
    ).content.decode()
    assert ana.apellidos not in html
    cliente.force_login(actores["jefa"])
    html = cliente.get(
        reverse("evaluacion:mapa", args=[evaluacion_de_ana.campana_id])
    ).content.decode()
    assert ana.apellidos in html


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


@pytest.mark.parametrize(
    "actor,esperado",
    [
        ("coordinador", 200),
        ("jefa", 403),
        ("ana", 403),
        ("direccion", 403),
        ("otra_supervisora", 403),
    ],
)
def test_solo_el_revisor_asignado_revisa(actores, evaluacion_de_ana, actor, esperado):
    ev = enviada(evaluacion_de_ana)
    services.alegar_evaluacion(
        evaluacion=ev, version=ev.version, texto="No estoy de acuerdo", por=None
    )
    assert (
        _estado(actores[actor], "get", reverse("evaluacion:revisar", args=[ev.pk]))
        == esperado
    )


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


def test_puntuar_y_enviar_desde_el_formulario(actores, evaluacion_de_ana):
    ev = evaluacion_de_ana
    cliente = Client()
    cliente.force_login(actores["jefa"])
    url = reverse("evaluacion:puntuar", args=[ev.pk])
    datos = {"version": ev.version, "comentario": "Buen año", "enviar": "1"}
    for p in ev.puntuaciones.all():
        datos[f"nivel_{p.competencia_id}"] = 4
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 302
    ev.refresh_from_db()
    assert (
        ev.estado == E.ENVIADA
        and ev.indice == 4
        and ev.comentario_evaluador == "Buen año"
    )


def test_enviar_sin_evidencia_en_extremo_muestra_el_error_y_guarda_el_borrador(
    actores, evaluacion_de_ana
):
    ev = evaluacion_de_ana
    cliente = Client()
    cliente.force_login(actores["jefa"])
    datos = {"version": ev.version, "enviar": "1"}
    for p in ev.puntuaciones.all():
        datos[f"nivel_{p.competencia_id}"] = 1
    respuesta = cliente.post(reverse("evaluacion:puntuar", args=[ev.pk]), datos)
    assert respuesta.status_code == 400
    assert "anote la evidencia" in respuesta.content.decode()
    ev.refresh_from_db()
    assert ev.estado == E.EN_EVALUACION and ev.version == 2


def test_dos_navegadores_editan_la_misma_evaluacion_y_el_segundo_se_rechaza(
    actores, equipo, evaluacion_de_ana
):
    ev = evaluacion_de_ana
    url = reverse("evaluacion:puntuar", args=[ev.pk])
    primero, segundo = Client(), Client()
    primero.force_login(actores["jefa"])
    segundo.force_login(actores["jefa"])
    # Both load the form with version 1.
    for cliente in (primero, segundo):
        assert (
            f'name="version" value="{ev.version}"' in cliente.get(url).content.decode()
        )
    comp = ev.puntuaciones.first().competencia_id
    assert (
        primero.post(
            url, {"version": 1, f"nivel_{comp}": 4, "guardar": "1"}
        ).status_code
        == 302
    )
    respuesta = segundo.post(url, {"version": 1, f"nivel_{comp}": 2, "guardar": "1"})
    assert respuesta.status_code == 409
    assert "Otra persona ha modificado esta evaluación" in respuesta.content.decode()
    assert ev.puntuaciones.get(competencia_id=comp).nivel == 4


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


@pytest.mark.parametrize("oficina", ["abc", "-1"])
def test_una_oficina_no_numerica_en_el_filtro_da_404(actores, campana, oficina):
    cliente = Client()
    cliente.force_login(actores["direccion"])
    assert (
        cliente.get(
            reverse("evaluacion:mapa", args=[campana.pk]) + f"?oficina={oficina}"
        ).status_code
        == 404
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


def test_autoevaluacion_desde_el_formulario_solo_para_la_persona(equipo):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import CampanaFactory

    c = CampanaFactory(
        oficinas=[equipo["oficina"]],
        con_autoevaluacion=True,
        autoevaluacion_hasta=timezone.localdate() + timedelta(days=5),
    )
    services.abrir_campana(campana=c)
    ev = Evaluacion.objects.get(campana=c, empleado=equipo["ana"])
    url = reverse("evaluacion:autoevaluar", args=[ev.pk])
    for otro in ("luis", "jefa"):
        assert _estado(equipo[otro].usuario, "get", url) == 403
    cliente = Client()
    cliente.force_login(equipo["ana"].usuario)
    assert cliente.get(url).status_code == 200
    datos = {"version": ev.version, "terminar": "1"}
    for p in ev.puntuaciones.all():
        datos[f"nivel_{p.competencia_id}"] = 4
    assert cliente.post(url, datos).status_code == 302
    ev.refresh_from_db()
    assert ev.estado == E.EN_EVALUACION
    assert set(ev.puntuaciones.values_list("autoevaluacion", flat=True)) == {4}
    # Once handed over it cannot be edited any more.
    assert cliente.get(url).status_code == 403


def test_con_autoevaluacion_en_plazo_la_supervisora_espera(equipo):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import CampanaFactory

    c = CampanaFactory(
        oficinas=[equipo["oficina"]],
        con_autoevaluacion=True,
        autoevaluacion_hasta=timezone.localdate() + timedelta(days=5),
    )
    services.abrir_campana(campana=c)
    ev = Evaluacion.objects.get(campana=c, empleado=equipo["ana"])
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    assert cliente.get(reverse("evaluacion:puntuar", args=[ev.pk])).status_code == 403
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    assert "Podrá puntuar cuando la persona termine su autoevaluación" in html


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
