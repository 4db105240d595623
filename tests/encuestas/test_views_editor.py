"""The question-bank editor in the Wagtail admin: one field per language with its
translation state, options only where the type takes them, a metric only on the
scale it is computed on, new versions for answered items, and a phone preview."""

import pytest

from encuestas.models import Encuesta, Item, ItemVersion
from tests.factories import EmpleadoFactory, OficinaFactory, responder_con

LISTA = "/cms/encuestas/preguntas/"
NUEVA = "/cms/encuestas/preguntas/nueva/"

pytestmark = pytest.mark.django_db


def _datos(**cambios) -> dict:
    datos = {
        "codigo": "ESPERA",
        "descripcion": "Espera percibida",
        "activo": "on",
        "tipo": "escala_1_5",
        "metrica": "",
        "servqual": "capacidad_respuesta",
        "driver": "tiempo de espera",
        "idioma_vista": "es",
        "texto_es": "Esperé poco para ser atendido/a.",
        "texto_ca": "",
        "texto_eu": "",
        "texto_gl": "Agardei pouco para ser atendido/a.",
        "texto_en": "",
        "estado_ca": "borrador",
        "estado_eu": "borrador",
        "estado_gl": "revisada",
        "estado_en": "borrador",
    }
    for idioma in ("es", "ca", "eu", "gl", "en"):
        datos[f"opciones_{idioma}"] = ""
    return datos | cambios


def _datos_de(version: ItemVersion, **cambios) -> dict:
    from encuestas.editor import PreguntaForm

    inicial = PreguntaForm.inicial_de(version)
    datos = {k: v for k, v in inicial.items() if v not in (None, False)}
    datos["activo"] = "on" if version.item.activo else ""
    datos["idioma_vista"] = "es"
    return datos | cambios


@pytest.fixture
def calidad(client, usuario_calidad):
    client.force_login(usuario_calidad)
    return client


def test_la_lista_muestra_cada_pregunta_con_el_estado_de_sus_traducciones(
    calidad, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        r = calidad.get(LISTA)
    html = r.content.decode()
    assert r.status_code == 200
    assert "Estoy satisfecho/a con la atención recibida." in html
    # The seeded bank: Basque still a draft, Galician reviewed.
    assert "Euskera: Borrador" in html and "Gallego: Revisada" in html
    assert "Escala 1–5" in html
    r = calidad.get(LISTA, {"q": "recomendar"})
    assert "¿Recomendaría este servicio" in r.content.decode()
    assert "Estoy satisfecho/a" not in r.content.decode()


def test_el_menu_del_cms_lleva_al_editor(calidad):
    html = calidad.get("/cms/").content.decode()
    assert LISTA in html and "Banco de preguntas" in html


def test_crear_una_pregunta_con_un_campo_por_idioma(calidad):
    r = calidad.post(NUEVA, _datos())
    item = Item.objects.get(codigo="ESPERA")
    assert r.status_code == 302 and r.url == f"{LISTA}{item.pk}/"
    version = item.versiones.get()
    assert version.version == 1 and version.tipo == "escala_1_5"
    assert version.textos == {
        "es": "Esperé poco para ser atendido/a.",
        "gl": "Agardei pouco para ser atendido/a.",
    }
    # Only languages with a text have a state; Spanish is the source.
    assert version.estado_traduccion == {"es": "revisada", "gl": "revisada"}
    assert version.opciones == []
    assert version.estado_en("ca") == "falta"
    editor = calidad.get(r.url).content.decode()
    assert "Agardei pouco" in editor and "Falta" in editor


def test_codigo_duplicado_o_con_simbolos_no_se_guarda(calidad):
    r = calidad.post(NUEVA, _datos(codigo="sat"))
    assert r.status_code == 200
    assert "Ya hay una pregunta con ese código." in r.content.decode()
    r = calidad.post(NUEVA, _datos(codigo="ESPERA-1"))
    assert "Use solo mayúsculas" in r.content.decode()
    assert not Item.objects.filter(codigo__startswith="ESPERA").exists()


def test_eleccion_con_opciones_por_idioma_en_el_mismo_orden(calidad):
    datos = _datos(
        codigo="CANALPREF",
        tipo="eleccion",
        metrica="motivo",
        opciones_es="Presencial\nTeléfono\nInternet\n",
        opciones_gl="Presencial\nTeléfono\nInternet",
        opciones_eu="Aurrez aurre\nTelefonoa",
    )
    r = calidad.post(NUEVA, datos)
    assert r.status_code == 200
    assert "Hay 2 opciones y en castellano 3" in r.content.decode()
    assert not Item.objects.filter(codigo="CANALPREF").exists()

    r = calidad.post(NUEVA, datos | {"opciones_eu": ""})
    assert r.status_code == 302
    version = ItemVersion.objects.get(item__codigo="CANALPREF")
    assert version.opciones == [
        {"es": "Presencial", "gl": "Presencial"},
        {"es": "Teléfono", "gl": "Teléfono"},
        {"es": "Internet", "gl": "Internet"},
    ]


def test_opciones_solo_en_preguntas_de_eleccion(calidad):
    r = calidad.post(NUEVA, _datos(opciones_es="Uno\nDos"))
    assert "Solo las preguntas de elección llevan opciones" in r.content.decode()
    r = calidad.post(NUEVA, _datos(tipo="eleccion", opciones_es="Solo una"))
    assert "al menos dos opciones" in r.content.decode()
    assert not Item.objects.filter(codigo="ESPERA").exists()


@pytest.mark.parametrize(
    "tipo, metrica",
    [("escala_1_5", "nps"), ("escala_0_10", "csat"), ("escala_1_5", "ces")],
)
def test_la_metrica_exige_la_escala_en_que_se_calcula(calidad, tipo, metrica):
    r = calidad.post(NUEVA, _datos(tipo=tipo, metrica=metrica))
    assert r.status_code == 200
    assert "necesita una pregunta de tipo" in r.content.decode()
    assert not Item.objects.filter(codigo="ESPERA").exists()


def test_editar_una_pregunta_respondida_crea_version_y_conserva_lo_contestado(
    calidad,
):
    oficina = OficinaFactory(canales=["presencial"])
    responder_con(oficina, {"SAT": "4", "CONF": "5"})
    item = Item.objects.get(codigo="CONF")
    version = item.version_vigente()
    url = f"{LISTA}{item.pk}/"
    r = calidad.post(
        url,
        _datos_de(version, texto_es="Salgo con más confianza en la Administración."),
        follow=True,
    )
    assert "se ha creado la versión 2" in r.content.decode()
    nueva = item.version_vigente()
    assert nueva.version == 2 and nueva.pk != version.pk
    assert nueva.textos["es"] == "Salgo con más confianza en la Administración."
    version.refresh_from_db()
    assert version.textos["es"].startswith("Esta atención ha aumentado")
    assert Encuesta.objects.get(codigo="presencial").items.filter(pk=nueva.pk).exists()
    # The reviewed translations of the old wording go back to draft, and say so.
    assert nueva.estado_traduccion["gl"] == "borrador"
    assert "vuelve a «Borrador»" in r.content.decode()


def test_revisar_una_traduccion_no_crea_version(calidad):
    oficina = OficinaFactory(canales=["presencial"])
    responder_con(oficina, {"SAT": "4", "CONF": "5"})
    item = Item.objects.get(codigo="CONF")
    version = item.version_vigente()
    assert version.estado_traduccion["eu"] == "borrador"
    r = calidad.post(f"{LISTA}{item.pk}/", _datos_de(version, estado_eu="revisada"))
    assert r.status_code == 302
    assert item.versiones.count() == 1
    version.refresh_from_db()
    assert version.estado_traduccion["eu"] == "revisada"


def test_vista_previa_guardada_como_la_ve_la_ciudadania_en_cada_idioma(calidad):
    item = Item.objects.get(codigo="FAC")
    r = calidad.get(f"{LISTA}{item.pk}/vista-previa/", {"idioma": "gl"})
    html = r.content.decode()
    assert r.status_code == 200 and r["X-Frame-Options"] == "SAMEORIGIN"
    assert r["Content-Language"] == "gl"
    assert "A Administración púxomo fácil" in html
    # A 1–7 scale: seven options, the same markup as the public survey.
    assert html.count('type="radio" name="FAC"') == 7
    assert 'class="opciones opciones--escala_1_7"' in html
    # What an anonymous citizen sees: no staff header or sign-out.
    assert "Cerrar sesión" not in html and "Pechar sesión" not in html
    # The editor frames it.
    editor = calidad.get(f"{LISTA}{item.pk}/").content.decode()
    assert f'src="{LISTA}{item.pk}/vista-previa/?idioma=es"' in editor
    assert 'name="vista-previa"' in editor and 'formtarget="vista-previa"' in editor


def test_vista_previa_de_lo_escrito_sin_guardar(calidad):
    antes = ItemVersion.objects.count()
    r = calidad.post(
        f"{NUEVA}vista-previa/",
        _datos(
            tipo="eleccion",
            opciones_es="Cita previa\nSin cita",
            opciones_gl="Cita previa\nSen cita",
            idioma_vista="gl",
        ),
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert "Agardei pouco para ser atendido/a." in html and "Sen cita" in html
    assert (
        ItemVersion.objects.count() == antes
        and not Item.objects.filter(codigo="ESPERA").exists()
    )
    # Invalid data: the preview says what to correct, still without saving.
    r = calidad.post(f"{NUEVA}vista-previa/", _datos(texto_es=""))
    assert "Corrija estos datos" in r.content.decode()
    assert "Texto en Castellano" in r.content.decode()


def test_entrada_hostil_da_un_error_claro(calidad):
    # A control character stops at the edge (comun.entradas): 400, nothing saved.
    r = calidad.post(NUEVA, _datos(texto_es="Hola\x00", codigo="NUL"))
    assert r.status_code == 400 and not Item.objects.filter(codigo="NUL").exists()
    assert "Petición no válida" in r.content.decode()
    r = calidad.post(NUEVA, _datos(tipo="no-existe"))
    assert r.status_code == 200 and not Item.objects.filter(codigo="ESPERA").exists()
    assert calidad.get(LISTA, {"q": "a\x00b"}).status_code == 400
    assert calidad.get(f"{LISTA}999999/").status_code == 404
    assert calidad.get(f"{NUEVA}vista-previa/").status_code == 404


def test_sin_permiso_no_entra(client):
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"]).usuario
    client.force_login(jefa)
    for url in (LISTA, NUEVA, f"{LISTA}{Item.objects.first().pk}/"):
        assert client.get(url).status_code in (302, 403)
    assert client.post(NUEVA, _datos()).status_code in (302, 403)
    assert not Item.objects.filter(codigo="ESPERA").exists()
