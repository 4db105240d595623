"""The public statement (rendered from the given files, in the citizen's language,
with its form: valid, invalid as 400, rate-limited as 429) and the quality team's
list of communications (only calidad; answering closes once)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accesibilidad.models import Comunicacion
from tests.accesibilidad.conftest import CONTRASTE, PDF, escribir_axe, pagina_axe
from tests.factories import EmpleadoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

DECLARACION = reverse("accesibilidad:declaracion")
LISTA = reverse("accesibilidad:comunicaciones")

VALIDA = {
    "tipo": "queja",
    "pagina": "/e/abc/",
    "descripcion": "No puedo elegir una cara con el teclado.",
    "correo": "ana@example.org",
}


def _texto(respuesta) -> str:
    return re.sub(r"\s+", " ", respuesta.content.decode())


def test_la_pagina_es_publica_y_muestra_lo_evaluado(client, ficheros):
    escribir_axe(
        ficheros / "axe.json",
        [
            pagina_axe("/inicio/", titulo="Inicio"),
            pagina_axe("/e/<token>/", [CONTRASTE]),
        ],
    )
    respuesta = client.get(DECLARACION)
    assert respuesta.status_code == 200
    html = _texto(respuesta)
    assert 'data-estado="parcialmente"' in html
    assert "parcialmente conforme" in html
    assert "<code>/inicio/</code>" in html and "<code>/e/&lt;token&gt;/</code>" in html
    assert "color-contrast" in html and "1.4.3" in html
    assert (
        "Última evaluación automática: 30/11/2026 (4 comprobaciones de página)." in html
    )
    assert "axe-core 4.12.1" in html


def test_totalmente_conforme_sin_fallos_ni_excepciones(client, ficheros):
    escribir_axe(ficheros / "axe.json", [pagina_axe("/inicio/")])
    html = _texto(client.get(DECLARACION))
    assert 'data-estado="totalmente"' in html
    assert "plenamente conforme" in html
    assert "Contenido no accesible" not in html


def test_las_excepciones_salen_por_categoria_en_el_idioma_pedido(client, ficheros):
    escribir_axe(ficheros / "axe.json", [pagina_axe("/inicio/")])
    (ficheros / "excepciones.toml").write_text(PDF, encoding="utf-8")
    respuesta = client.get(DECLARACION, {"idioma": "en"})
    html = _texto(respuesta)
    assert respuesta["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Accessibility statement" in html
    assert "a) Non-compliance with RD 1112/2018" in html
    assert "PDFs are untagged." in html
    assert "Planned fix: 30/06/2027" in html
    assert "partially compliant" in html


def test_sin_evaluacion_dice_que_no_es_conforme(client, ficheros):
    html = _texto(client.get(DECLARACION, {"idioma": "gl"}))
    assert 'data-estado="no"' in html
    assert "Aínda non se avaliou ningunha páxina." in html


def test_muestra_contacto_y_reclamacion_de_los_ajustes(client, ficheros, settings):
    settings.ACCESIBILIDAD_EMAIL = "a11y@concello.example.gal"
    settings.ACCESIBILIDAD_UNIDAD_RESPONSABLE = "Unidade Responsable de Accesibilidade"
    settings.ACCESIBILIDAD_UNIDAD_RESPONSABLE_CONTACTO = "ura@concello.example.gal"
    html = _texto(client.get(DECLARACION))
    assert "a11y@concello.example.gal" in html
    assert "Unidade Responsable de Accesibilidade: ura@concello.example.gal" in html
    assert "20 días hábiles" in html


def test_una_comunicacion_valida_se_guarda_y_da_referencia(
    client, ficheros, settings, django_capture_on_commit_callbacks
):
    settings.ACCESIBILIDAD_EMAIL = "unidad@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = client.post(DECLARACION, {**VALIDA, "idioma": "ca"})
    assert respuesta.status_code == 302
    comunicacion = Comunicacion.objects.get()
    assert comunicacion.tipo == "queja" and comunicacion.idioma == "ca"
    assert comunicacion.estado == Comunicacion.Estado.RECIBIDA
    (aviso,) = mail.outbox
    assert aviso.to == ["unidad@example.org"]
    assert comunicacion.referencia in aviso.subject
    assert "ana@example.org" not in aviso.body
    recibida = client.get(respuesta["Location"])
    html = _texto(recibida)
    assert recibida.status_code == 200
    assert f"El número de referència és {comunicacion.referencia}" in html
    assert f"{comunicacion.plazo:%d/%m/%Y}" in html


@pytest.mark.parametrize(
    "datos, campo, mensaje",
    [
        ({"tipo": "queja"}, "descripcion", "Este campo es obligatorio."),
        ({**VALIDA, "tipo": "otra"}, "tipo", "Elija una de las opciones."),
        (
            {**VALIDA, "correo": "ana@"},
            "correo",
            "Escriba un correo electrónico válido",
        ),
        ({**VALIDA, "descripcion": "x" * 4001}, "descripcion", "como mucho 4000"),
    ],
)
def test_una_comunicacion_no_valida_es_400_con_el_error_junto_al_campo(
    client, ficheros, datos, campo, mensaje
):
    respuesta = client.post(DECLARACION, datos)
    assert respuesta.status_code == 400
    html = _texto(respuesta)
    assert "No se ha enviado: revise los campos marcados." in html
    assert re.search(
        rf'<p class="error" id="error-{campo}">[^<]*{re.escape(mensaje)}', html
    )
    assert not Comunicacion.objects.exists()


def test_los_errores_salen_en_el_idioma_de_la_pagina(client, ficheros):
    html = _texto(client.post(DECLARACION, {"idioma": "eu", "tipo": "queja"}))
    assert "Eremu hau derrigorrezkoa da." in html


def test_la_sexta_comunicacion_en_una_hora_es_429(client, ficheros, settings):
    settings.ACCESIBILIDAD_EMAIL = ""
    settings.ACCESIBILIDAD_LIMITE_IP = (5, 3600)
    estados = [client.post(DECLARACION, VALIDA).status_code for _ in range(6)]
    assert estados == [302] * 5 + [429]
    assert Comunicacion.objects.count() == 5
    assert "Ha enviado demasiadas comunicaciones" in _texto(
        client.post(DECLARACION, VALIDA)
    )


def test_el_acuse_no_se_abre_sin_firma(client):
    assert client.get(reverse("accesibilidad:recibida"), {"r": "1"}).status_code == 404


@pytest.mark.parametrize(
    "ruta, enlace",
    [
        ("/cuenta/login/", f'href="{DECLARACION}"'),
        (
            "/e/privacidad/?idioma=eu",
            f'href="{DECLARACION}?idioma=eu">Irisgarritasun-adierazpena',
        ),
    ],
)
def test_el_pie_enlaza_la_declaracion(client, ruta, enlace):
    assert enlace in client.get(ruta).content.decode()


def test_el_pie_del_personal_tambien(client):
    client.force_login(EmpleadoFactory(usuario__roles=["empleado"]).usuario)
    assert f'href="{DECLARACION}"' in client.get(reverse("inicio")).content.decode()


def _comunicacion(**campos):
    from accesibilidad import services

    return services.registrar_comunicacion(
        tipo=campos.get("tipo", "solicitud"),
        descripcion="Necesito el informe en formato accesible.",
        correo=campos.get("correo", "ana@example.org"),
    )


@pytest.mark.parametrize(
    "roles, esperado",
    [
        (["empleado"], 403),
        (["empleado", "supervisor"], 403),
        (["empleado", "direccion"], 403),
        (["empleado", "dpd"], 403),
        (["empleado", "calidad"], 200),
        ("superusuario", 200),
        (None, 302),
    ],
)
def test_solo_calidad_gestiona_las_comunicaciones(client, settings, roles, esperado):
    settings.ACCESIBILIDAD_EMAIL = ""
    comunicacion = _comunicacion()
    if roles == "superusuario":
        client.force_login(UsuarioFactory(is_superuser=True))
    elif roles is not None:
        client.force_login(EmpleadoFactory(usuario__roles=roles).usuario)
    assert client.get(LISTA).status_code == esperado
    detalle = reverse("accesibilidad:comunicacion", args=[comunicacion.pk])
    assert client.get(detalle).status_code == esperado
    assert client.post(detalle, {"respuesta": "Hecho."}).status_code == (
        302 if esperado == 200 else esperado
    )


@pytest.fixture
def calidad(client):
    usuario = EmpleadoFactory(usuario__roles=["empleado", "calidad"]).usuario
    client.force_login(usuario)
    return usuario


def test_la_lista_marca_las_vencidas(
    client, calidad, settings, django_assert_max_num_queries
):
    settings.ACCESIBILIDAD_EMAIL = ""
    a_tiempo = _comunicacion()
    vencida = _comunicacion(tipo="queja")
    Comunicacion.objects.filter(pk=vencida.pk).update(plazo="2020-01-31")
    with django_assert_max_num_queries(12):
        respuesta = client.get(LISTA)
    html = _texto(respuesta)
    assert [c.pk for c in respuesta.context["filas"]] == [vencida.pk, a_tiempo.pk]
    assert "1 comunicación abierta ha superado su plazo." in html
    assert html.count("Vencida") == 1
    assert "31/01/2020" in html


def test_el_filtro_no_valido_es_400(client, calidad):
    assert client.get(LISTA, {"estado": "otra"}).status_code == 400


def test_responder_cierra_y_envia_la_respuesta(
    client, calidad, settings, django_capture_on_commit_callbacks
):
    settings.ACCESIBILIDAD_EMAIL = ""
    comunicacion = _comunicacion()
    detalle = reverse("accesibilidad:comunicacion", args=[comunicacion.pk])
    assert client.post(detalle, {"respuesta": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            client.post(detalle, {"respuesta": "Le enviamos el informe."}).status_code
            == 302
        )
    comunicacion.refresh_from_db()
    assert comunicacion.estado == Comunicacion.Estado.CERRADA
    assert comunicacion.cerrada_por == calidad
    (correo,) = mail.outbox
    assert correo.to == ["ana@example.org"] and correo.body == "Le enviamos el informe."
    segunda = client.post(detalle, {"respuesta": "Otra vez."})
    assert segunda.status_code == 409
    assert "Otra persona ya ha respondido" in segunda.content.decode()
    assert len(mail.outbox) == 1
