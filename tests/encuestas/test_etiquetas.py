"""Every label a person reads is a word, not an internal code or Python's English:
results pages, the question-bank admin, Wagtail listings and /contenidos/."""

import re

import pytest

from encuestas import services
from encuestas.models import Encuesta
from organizacion.models import Canal
from tests.factories import (
    EmpleadoFactory,
    OficinaFactory,
    crear_pregunta,
    curso_con_lecciones,
    responder_con,
)

pytestmark = pytest.mark.django_db

CODIGOS = re.compile(r">\s*(?:% de acuerdo: )?(SAT|CONF|EFIC|FAC|TIEMPO|TRATO)\s*<")
PROHIBIDO = (
    "True",
    "False",
    "ITEM VERSION",
    "Item version",
    "Welcome to your new Wagtail site",
    "Welcome to your Wagtail site",
)


def _sin_codigos(html: str, url: str):
    assert not CODIGOS.findall(html), (url, CODIGOS.findall(html))
    for texto in PROHIBIDO:
        assert texto not in html, (url, texto)


@pytest.fixture
def datos(settings):
    settings.ENCUESTAS_MIN_N_OFICINA = 1
    settings.ENCUESTAS_MIN_N_EMPLEADO = 1
    oficina = OficinaFactory(canales=["presencial"])
    jefa = EmpleadoFactory(oficina=oficina, usuario__roles=["empleado", "supervisor"])
    oficina.responsable = jefa
    oficina.save()
    for sat in (5, 4, 2):
        responder_con(
            oficina,
            {"SAT": str(sat), "CONF": "4", "EFIC": "5", "TIEMPO": "3", "TRATO": "5"},
            empleado=jefa,
        )
    return {"oficina": oficina, "jefa": jefa}


def test_los_resultados_nombran_las_preguntas_con_palabras(
    client, datos, usuario_direccion, usuario_calidad
):
    for usuario in (datos["jefa"].usuario, usuario_direccion, usuario_calidad):
        client.force_login(usuario)
        html = client.get("/encuestas/").content.decode()
        _sin_codigos(html, "/encuestas/")
        for palabra in ("Satisfacción", "Confianza", "Eficacia", "Tiempo", "Trato"):
            assert f"% de acuerdo: {palabra}" in html, (usuario, palabra)
    client.force_login(datos["jefa"].usuario)
    html = client.get("/encuestas/mi-valoracion/").content.decode()
    _sin_codigos(html, "/encuestas/mi-valoracion/")
    assert "% de acuerdo: Trato" in html


def test_la_administracion_de_encuestas_habla_en_espanol(client, usuario_calidad):
    services.crear_kiosco(
        oficina=OficinaFactory(canales=["presencial"]),
        canal=Canal.objects.get(codigo="presencial"),
        nombre="Tableta",
    )
    client.force_login(usuario_calidad)
    encuesta = Encuesta.objects.get(codigo="presencial")
    for url in (
        "/admin/encuestas/encuesta/",
        f"/admin/encuestas/encuesta/{encuesta.pk}/change/",
        "/admin/encuestas/kiosco/",
        "/cms/encuestas/preguntas/",
        f"/cms/encuestas/preguntas/{encuesta.items.first().item_id}/",
    ):
        respuesta = client.get(url)
        assert respuesta.status_code == 200, url
        html = respuesta.content.decode()
        for texto in PROHIBIDO:
            assert texto not in html, (url, texto)
    html = client.get(f"/admin/encuestas/encuesta/{encuesta.pk}/change/").content
    assert "Versión de la pregunta" in html.decode()
    assert ">Sí<" in client.get("/admin/encuestas/encuesta/").content.decode()


def test_los_listados_de_wagtail_muestran_si_o_no(client, usuario_calidad):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1, n_preguntas=0)
    crear_pregunta(curso)
    client.force_login(usuario_calidad)
    html = client.get("/cms/snippets/formacion/pregunta/").content.decode()
    assert not re.search(r">\s*(True|False)\s*<", html)
    assert re.search(r">\s*Sí\s*<", html)


def test_contenidos_no_muestra_la_bienvenida_de_wagtail(client):
    respuesta = client.get("/contenidos/")
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    for texto in PROHIBIDO:
        assert texto not in html
    assert '<html lang="es"' in html
    assert "Contenidos" in html
