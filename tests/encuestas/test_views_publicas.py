import re
import time
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from comun.enlaces import base_local
from encuestas import resumenes, sede, services
from encuestas.models import (
    Alerta,
    Atencion,
    ContactoHash,
    EmbudoDiario,
    Encuesta,
    Invitacion,
    Respuesta,
)
from organizacion.models import Canal
from tests.factories import EmpleadoFactory, OficinaFactory, invitar

pytestmark = pytest.mark.django_db


@pytest.fixture
def oficina():
    return OficinaFactory(canales=["presencial", "telefonico", "telematico"])


def test_abrir_no_consume_ni_cuenta_y_el_primer_envio_cuenta_abierta(client, oficina):
    registro, token = invitar(oficina)
    r = client.get(f"/e/{token}/")
    assert r.status_code == 200
    contenido = r.content.decode()
    assert "Estoy satisfecho/a con la atención recibida." in contenido
    assert 'name="CONTACTO"' not in contenido  # contact question only after a low score
    assert r["Referrer-Policy"] == "same-origin"
    client.get(f"/e/{token}/")
    invitacion = Invitacion.objects.get(pk=registro.invitacion.pk)
    assert (
        invitacion.estado == Invitacion.Estado.ENVIADA and invitacion.abierta_en is None
    )
    assert sum(EmbudoDiario.objects.values_list("abiertas", flat=True)) == 0
    client.post(f"/e/{token}/", {"paso": "1", "SAT": "99"})
    client.post(f"/e/{token}/", {"paso": "1", "SAT": "99"})
    invitacion = Invitacion.objects.get(pk=registro.invitacion.pk)
    assert (
        invitacion.estado == Invitacion.Estado.ABIERTA
        and invitacion.atencion_id == registro.atencion.pk
    )
    assert sum(EmbudoDiario.objects.values_list("abiertas", flat=True)) == 1


def test_idioma_del_evento_del_navegador_y_selector(client, oficina):
    _, token = invitar(oficina, idioma="eu")
    assert (
        "Jasotako arretarekin gustura nago."
        in client.get(f"/e/{token}/").content.decode()
    )
    _, token = invitar(oficina)
    r = client.get(f"/e/{token}/", HTTP_ACCEPT_LANGUAGE="gl,es;q=0.5")
    assert (
        'lang="gl"' in r.content.decode() and "Estou satisfeito/a" in r.content.decode()
    )
    r = client.get(f"/e/{token}/?idioma=ca")
    assert (
        "Estic satisfet/a" in r.content.decode()
        and 'href="?idioma=en"' in r.content.decode()
    )


def test_enviar_gracias_y_segunda_vez_ya_respondida(client, oficina):
    _, token = invitar(oficina)
    datos = {
        "paso": "1",
        "SAT": "5",
        "CONF": "4",
        "EFIC": "5",
        "FAC": "7",
        "TIEMPO": "4",
        "TRATO": "5",
        "comentario": "Muy bien. Mi correo: pepe@example.com",
    }
    r = client.post(f"/e/{token}/?idioma=gl", datos)
    assert r.status_code == 200 and "Grazas pola súa valoración" in r.content.decode()
    respuesta = Respuesta.objects.get()
    assert (
        respuesta.comentario == "Muy bien. Mi correo: [correo]"
        and respuesta.idioma == "gl"
    )
    r = client.post(f"/e/{token}/", datos)
    assert r.status_code == 409 and "ya se ha respondido" in r.content.decode()
    r = client.get(f"/e/{token}/")
    assert r.status_code == 200 and "ya se ha respondido" in r.content.decode()
    assert Respuesta.objects.count() == 1


def test_errores_de_formulario(client, oficina):
    _, token = invitar(oficina)
    r = client.post(f"/e/{token}/", {"paso": "1", "SAT": "99"})
    assert r.status_code == 400 and "Valor fuera de la escala" in r.content.decode()
    r = client.post(f"/e/{token}/", {"paso": "1", "CONF": "3"})
    assert r.status_code == 400 and "obligatoria" in r.content.decode()
    assert not Respuesta.objects.exists()


def test_puntuacion_baja_pregunta_contacto_y_abre_alerta(client, oficina):
    oficina.responsable = EmpleadoFactory(oficina=oficina)
    oficina.save()
    _, token = invitar(oficina)
    r = client.post(
        f"/e/{token}/", {"paso": "1", "SAT": "1", "TIEMPO": "2", "comentario": "Fatal"}
    )
    assert r.status_code == 200 and 'name="CONTACTO"' in r.content.decode()
    assert not Respuesta.objects.exists()
    r = client.post(
        f"/e/{token}/",
        {
            "paso": "2",
            "SAT": "1",
            "TIEMPO": "2",
            "comentario": "Fatal",
            "CONTACTO": "1",
        },
    )
    assert r.status_code == 400  # consent without a contact
    r = client.post(
        f"/e/{token}/",
        {
            "paso": "2",
            "SAT": "1",
            "TIEMPO": "2",
            "comentario": "Fatal",
            "CONTACTO": "1",
            "contacto": "611 22 33 44",
        },
    )
    assert r.status_code == 200
    alerta = Alerta.objects.get()
    assert alerta.contacto == "611 22 33 44" and alerta.respuesta.comentario == "Fatal"
    assert alerta.respuesta.valores.get(codigo="TIEMPO").valor == 2


def test_token_desconocido_404_sin_revelar_nada(client):
    r = client.get("/e/abcdefghjkmnp/")
    assert r.status_code == 404
    texto = r.content.decode().lower()
    assert not any(p in texto for p in ("invitaci", "respondid", "caducad", "satisf"))
    assert client.post("/e/zzzz/", {"SAT": "5"}).status_code == 404


def test_caducada(client, oficina):
    registro, token = invitar(oficina)
    Invitacion.objects.filter(pk=registro.invitacion.pk).update(
        caduca_en=timezone.now() - timedelta(days=1)
    )
    r = client.get(f"/e/{token}/")
    assert r.status_code == 410 and "caducado" in r.content.decode()


def test_escapa_comentarios(client, oficina):
    """A comment is kept as typed and rendered as text: in the hidden field that
    carries it to the contact step, and on the page where staff read comments."""
    _, token = invitar(oficina)
    ataque = '"><script>alert(1)</script>'
    escapado = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    # A low score brings the contact step, which carries the comment along.
    r = client.post(f"/e/{token}/", {"paso": "1", "SAT": "1", "comentario": ataque})
    html = r.content.decode()
    assert f'name="comentario" value="{escapado}"' in html
    assert "<script>alert(1)" not in html
    client.post(
        f"/e/{token}/",
        {"paso": "2", "SAT": "1", "CONTACTO": "0", "comentario": ataque},
    )
    assert Respuesta.objects.get().comentario == ataque

    client.force_login(
        EmpleadoFactory(usuario__roles=["empleado", "direccion"]).usuario
    )
    html = client.get("/encuestas/comentarios/").content.decode()
    assert escapado in html
    assert "<script>alert(1)" not in html


def test_limite_por_ip(client, oficina, settings):
    settings.ENCUESTAS_IP_LIMITE = (2, 60)
    _, token = invitar(oficina)
    for _ in range(2):
        client.post(f"/e/{token}/", {"paso": "1", "SAT": "99"})
    assert client.post(f"/e/{token}/", {"paso": "1", "SAT": "4"}).status_code == 429


def test_enlace_de_sede_en_cualquier_estado_final(client, oficina):
    integracion, _clave = services.crear_integracion(
        nombre="Sede", oficinas=[oficina], canales=Canal.objects.all()
    )
    for i, resultado in enumerate(Atencion.Resultado.values):
        url = sede.enlace(
            integracion=integracion,
            oficina=oficina.codigo_dir3,
            resultado=resultado,
            ref=f"r{i}",
            exp=int(time.time()) + 60,
        )
        assert url.startswith(base_local() + "/e/sede/")  # no request: the local port
        r = client.post(url.removeprefix(base_local()) + "&idioma=en")
        assert r.status_code == 303 and r["Location"].startswith("/e/")
        assert "I am satisfied" in client.get(r["Location"]).content.decode()
    assert set(
        Invitacion.objects.values_list("atencion__resultado", "canal__codigo")
    ) == {(r, "telematico") for r in Atencion.Resultado.values}
    assert client.get(f"/e/sede/{oficina.codigo_dir3}/resuelta/").status_code == 410


def test_quiosco_flujo_y_autenticacion(client, oficina):
    kiosco, secreto = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="Salida"
    )
    assert client.get(f"/quiosco/{kiosco.pk}/").status_code == 403
    assert (
        client.post(f"/quiosco/{kiosco.pk}/registrar/", {"s": "mal"}).status_code == 403
    )
    r = client.post(f"/quiosco/{kiosco.pk}/registrar/", {"s": secreto})
    assert r.status_code == 302
    r = client.get(f"/quiosco/{kiosco.pk}/")
    assert r.status_code == 200 and r.content.decode().count('name="cara"') == 4
    r = client.post(f"/quiosco/{kiosco.pk}/", {"cara": "2"})
    assert (
        r.status_code == 200
        and 'http-equiv="refresh"' in r.content.decode()
        and "quiosco.js" in r.content.decode()
    )
    firma = r.context["firma"]
    respuesta = Respuesta.objects.get()
    assert respuesta.valores.get(codigo="SAT").valor == 2 and respuesta.reportable
    r = client.post(f"/quiosco/{kiosco.pk}/motivo/", {"firma": firma, "motivo": "0"})
    assert r.status_code == 200 and respuesta.valores.get(codigo="MOTIVO").valor == 0
    r = client.post(
        f"/quiosco/{kiosco.pk}/motivo/", {"firma": "manipulada", "motivo": "1"}
    )
    assert r.status_code == 200 and respuesta.valores.count() == 2
    assert client.post(f"/quiosco/{kiosco.pk}/", {"cara": "x"}).status_code == 400


def test_quiosco_por_cabecera(client, oficina):
    kiosco, secreto = services.crear_kiosco(
        oficina=oficina, canal=Canal.objects.get(codigo="presencial"), nombre="S"
    )
    assert (
        client.get(f"/quiosco/{kiosco.pk}/", HTTP_X_KIOSCO_SECRETO=secreto).status_code
        == 200
    )
    assert (
        client.get(f"/quiosco/{kiosco.pk}/", HTTP_X_KIOSCO_SECRETO="otro").status_code
        == 403
    )


def _ocultos(html: str) -> dict[str, str]:
    """The hidden fields of the survey form, as a browser would post them."""
    return dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    )


def test_el_formulario_real_se_envia_sin_cookies(oficina):
    _, token = invitar(oficina)
    r = Client().get(f"/e/{token}/")
    assert not r.cookies  # neither CSRF nor session: nothing stored in the browser
    datos = {
        **_ocultos(r.content.decode()),
        "SAT": "5",
        "CONF": "4",
        "comentario": "Me atendió muy bien. Mi DNI es 12345678Z",
    }
    assert {"paso", "idioma", "encuesta"} <= set(datos)
    navegador = Client(enforce_csrf_checks=True)
    r = navegador.post(f"/e/{token}/?idioma=es", datos)
    assert r.status_code == 200 and "Gracias" in r.content.decode()
    respuesta = Respuesta.objects.get()
    assert "12345678Z" not in respuesta.comentario
    assert dict(respuesta.valores.values_list("codigo", "valor")) == {
        "SAT": 5,
        "CONF": 4,
    }
    # The GET counted nothing; the submit counts the opening, once, on either path.
    resumenes.consolidar()
    assert sum(EmbudoDiario.objects.values_list("abiertas", flat=True)) == 1
    r = navegador.post(f"/e/{token}/?idioma=es", datos)
    assert r.status_code == 409 and Respuesta.objects.count() == 1


def test_el_id_de_encuesta_del_formulario_no_decide(oficina):
    """A form whose hidden survey id was changed is checked against the
    invitation's own survey: the response lands where it belongs."""
    registro, token = invitar(oficina)
    otra = Encuesta.objects.exclude(pk=registro.invitacion.encuesta_id).first()
    r = Client().post(
        f"/e/{token}/",
        {"paso": "1", "idioma": "es", "encuesta": otra.pk, "SAT": "4"},
    )
    assert r.status_code == 200
    assert Respuesta.objects.get().encuesta_id == registro.invitacion.encuesta_id


def test_un_envio_cuenta_una_sola_vez_en_el_limite_por_ip(oficina, settings):
    settings.ENCUESTAS_IP_LIMITE = (2, 60)
    _, token = invitar(oficina)
    ocultos = _ocultos(Client().get(f"/e/{token}/").content.decode())
    c = Client()
    for _ in range(2):  # errors: each goes down both paths, counted once
        assert c.post(f"/e/{token}/", {**ocultos, "SAT": "99"}).status_code == 400
    assert c.post(f"/e/{token}/", {**ocultos, "SAT": "4"}).status_code == 429


def test_ids_de_encuesta_inventados_no_llenan_la_cache(oficina):
    _, token = invitar(oficina)
    for falso in ("999999", "-3", "99999999999999999999999"):
        r = Client().post(
            f"/e/{token}/", {"paso": "1", "idioma": "es", "encuesta": falso, "SAT": "4"}
        )
        assert r.status_code in (200, 409)
    assert not any(
        clave in services._CACHE_LINEAS
        for clave in (999999, -3, 99999999999999999999999)
    )
    assert Respuesta.objects.count() == 1


def test_abrir_el_formulario_no_vuelve_a_pintar_la_plantilla(
    oficina, django_assert_max_num_queries
):
    """The blank form is the same page for every citizen of a survey and language
    (the token is only in the address): after the first, opening it is one query
    and no template rendered."""
    from django.test.signals import template_rendered

    _, primero = invitar(oficina)
    _, segundo = invitar(oficina)
    html = Client().get(f"/e/{primero}/").content
    pintadas = []

    def anotar(sender, template, **kwargs):
        pintadas.append(template.name)

    template_rendered.connect(anotar)
    try:
        with django_assert_max_num_queries(1):
            r = Client().get(f"/e/{segundo}/")
    finally:
        template_rendered.disconnect(anotar)
    assert r.status_code == 200 and r.content == html and pintadas == []
    assert r["Content-Language"] == "es" and r["Referrer-Policy"] == "same-origin"
    assert "no-cache" in r["Cache-Control"]
    # Another language is another page.
    assert "I am satisfied" in Client().get(f"/e/{segundo}/?idioma=en").content.decode()


def test_el_formulario_sigue_a_la_encuesta_editada(oficina):
    _, token = invitar(oficina)
    assert (
        "¿Le atendieron con amabilidad?"
        not in Client().get(f"/e/{token}/").content.decode()
    )
    from encuestas.models import ItemVersion

    sat = ItemVersion.objects.get(item__codigo="SAT")
    services.editar_item(
        item_version=sat, textos={**sat.textos, "es": "¿Le atendieron con amabilidad?"}
    )
    assert (
        "¿Le atendieron con amabilidad?"
        in Client().get(f"/e/{token}/").content.decode()
    )


def test_un_nul_en_el_contacto_da_400_en_el_idioma_y_no_guarda_nada(client, oficina):
    # PostgreSQL refuses a NUL in any text: it used to be a 500.
    oficina.responsable = EmpleadoFactory(oficina=oficina)
    oficina.save()
    _, token = invitar(oficina, idioma="gl")
    datos = {"paso": "2", "idioma": "gl", "SAT": "1", "TIEMPO": "2", "CONTACTO": "1"}
    r = client.post(f"/e/{token}/", {**datos, "contacto": "611\x0022 33 44"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Petición non válida" in html and 'lang="gl"' in html
    assert not Respuesta.objects.exists() and not Alerta.objects.exists()
    r = client.post(f"/e/{token}/", {**datos, "contacto": "611 22 33 44"})
    assert r.status_code == 200 and Alerta.objects.get().contacto == "611 22 33 44"


# --- data protection: the notice and the unsubscribe link ---------------------------


def _paso_de_contacto(client, token, idioma="es"):
    return client.post(
        f"/e/{token}/?idioma={idioma}",
        {"paso": "1", "SAT": "1", "comentario": "Mal", "idioma": idioma},
    )


def test_el_paso_de_contacto_lleva_la_primera_capa_en_el_idioma_de_la_persona(
    client, oficina, settings
):
    settings.PROTECCION_DATOS_RESPONSABLE = "Concello de Exemplo"
    settings.PROTECCION_DATOS_CONTACTO_DPD = "dpd@concello.example.gal"
    settings.PROTECCION_DATOS_CONSERVACION_DIAS = 21
    _, token = invitar(oficina)
    html = _paso_de_contacto(client, token, "gl").content.decode()
    assert 'name="contacto"' in html
    for esperado in (
        "Información básica sobre protección de datos",
        "Responsable: Concello de Exemplo.",
        "Finalidade: contactalo sobre esta valoración",
        "Lexitimación: o seu consentimento",
        "aos 21 días",
        "dpd@concello.example.gal",
        'href="/e/privacidad/?idioma=gl"',
    ):
        assert esperado in html, esperado
    # The field's help points at the notice, for screen readers too.
    assert 'aria-describedby="contacto-aviso contacto-privacidad"' in html


def test_el_contacto_no_se_etiqueta_opcional_si_el_si_lo_exige(client, oficina):
    _, token = invitar(oficina)
    html = _paso_de_contacto(client, token).content.decode()
    etiqueta = re.search(r'<label for="contacto"[^>]*>([^<]*)</label>', html).group(1)
    assert "opcional" not in etiqueta and "solo si responde «Sí»" in etiqueta


def test_el_paso_de_contacto_se_envia_sin_datos_de_contacto(client, oficina):
    _, token = invitar(oficina)
    html = _paso_de_contacto(client, token).content.decode()
    datos = _ocultos(html)  # what a browser posts when nothing more is filled in
    r = client.post(f"/e/{token}/?idioma=es", datos)
    assert r.status_code == 200 and "Gracias" in r.content.decode()
    assert Respuesta.objects.count() == 1 and not Alerta.objects.exists()


@pytest.mark.parametrize(
    ("idioma", "titulo"),
    [
        ("es", "Protección de datos"),
        ("ca", "Protecció de dades"),
        ("eu", "Datuen babesa"),
        ("gl", "Protección de datos"),
        ("en", "Data protection"),
    ],
)
def test_la_pagina_de_privacidad_en_cada_idioma_sin_javascript(
    client, settings, idioma, titulo
):
    settings.PROTECCION_DATOS_RESPONSABLE = "Ajuntament d'Exemple"
    settings.PROTECCION_DATOS_CONTACTO_DPD = "dpd@exemple.cat"
    r = client.get(f"/e/privacidad/?idioma={idioma}")
    html = r.content.decode()
    assert r.status_code == 200 and r["Content-Language"] == idioma
    assert f"<h1>{titulo}</h1>" in html and f'lang="{idioma}"' in html
    assert "Ajuntament d&#x27;Exemple" in html and "dpd@exemple.cat" in html
    assert "https://www.aepd.es" in html and ("6.1" in html or "6(1)" in html)
    assert "<script>" not in html and " on" + "click=" not in html
    assert 'href="?idioma=ca"' in html  # the language links of every citizen page


def _token_baja(contacto="612 345 678"):
    return services.emitir_token_baja(contacto=contacto)


def test_abrir_el_enlace_de_baja_pregunta_y_no_da_de_baja(client):
    token = _token_baja()
    for metodo in (client.get, client.head):
        r = metodo(f"/e/b/{token}/?idioma=ca")
        assert r.status_code == 200
    assert (
        "Confirma la baixa" in client.get(f"/e/b/{token}/?idioma=ca").content.decode()
    )
    assert not ContactoHash.objects.filter(baja=True).exists()


def test_confirmar_la_baja_llega_a_la_baja_existente_y_repetirla_no_cambia_nada(
    client, oficina, settings, tmp_path
):
    settings.ENCUESTAS_SMS_DIR = str(tmp_path)
    token = _token_baja()
    r = client.post(f"/e/b/{token}/", {"idioma": "es"})
    assert r.status_code == 200 and "Baja confirmada" in r.content.decode()
    assert client.post(f"/e/b/{token}/").status_code == 200
    assert "Baja confirmada" in client.get(f"/e/b/{token}/").content.decode()
    assert ContactoHash.objects.filter(baja=True).count() == 1
    registro = services.registrar_atencion(
        oficina=oficina,
        canal=Canal.objects.get(codigo="telefonico"),
        contacto="+34612345678",
        referencia_externa="tras-la-baja",
    )
    assert registro.invitacion is None and registro.motivo == "baja"


@pytest.mark.parametrize("token", ["abcdefghjkmnp", "x", "A" * 40])
def test_enlace_de_baja_desconocido_404_sin_dar_de_baja(client, token):
    _token_baja()
    for metodo in (client.get, client.post):
        r = metodo(f"/e/b/{token}/")
        assert r.status_code == 404
        assert "Enlace de baja no válido" in r.content.decode()
    assert not ContactoHash.objects.filter(baja=True).exists()


def test_con_la_cache_caida_el_ciudadano_responde(client, oficina):
    from tests.encuestas.test_seguridad import CACHE_CAIDA

    _, token = invitar(oficina)
    with override_settings(CACHES=CACHE_CAIDA):
        assert client.get(f"/e/{token}/").status_code == 200
        r = client.post(f"/e/{token}/?idioma=gl", {"paso": "1", "SAT": "5"})
    assert r.status_code == 200 and "Grazas pola súa valoración" in r.content.decode()
    assert Respuesta.objects.count() == 1
