"""Content-Security-Policy and Permissions-Policy on every response (issue 15,
item 4), the report endpoint, and templates the policy can serve unchanged."""

import json
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

from config.cabeceras import INFORMES_POR_MINUTO, hashes_de_estilo
from tests.factories import EmpleadoFactory, OficinaFactory, invitar

pytestmark = pytest.mark.django_db

RAIZ = Path(settings.BASE_DIR)


def _directivas(respuesta) -> dict[str, list[str]]:
    politica = respuesta["Content-Security-Policy"]
    return {
        partes[0]: partes[1:]
        for partes in (d.split() for d in politica.split(";") if d.strip())
    }


def _estricta(respuesta, *, estilos_en_linea: bool = False):
    d = _directivas(respuesta)
    assert d["default-src"] == ["'self'"]
    assert d["script-src"][0] == "'self'"
    assert all(f == "'self'" or f.startswith("'nonce-") for f in d["script-src"]), d[
        "script-src"
    ]
    assert d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'self'"]
    assert d["form-action"] == ["'self'"]
    assert d["frame-ancestors"] == ["'self'"]
    assert d["img-src"] == ["'self'", "data:"]
    assert d["report-uri"] == ["/csp/informe/"]
    if estilos_en_linea:
        assert d["style-src"] == ["'self'", "'unsafe-inline'"]
    else:
        assert "'unsafe-inline'" not in d["style-src"]
    permisos = respuesta["Permissions-Policy"]
    for funcion in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert funcion in permisos
    assert "usb=()" in permisos and "fullscreen=(self " in permisos


@pytest.fixture
def sin_depuracion(settings):
    settings.DEBUG = False
    return settings


def test_pagina_de_la_ciudadania_con_politica_estricta(client):
    _, token = invitar(OficinaFactory())
    respuesta = client.get(f"/e/{token}/")
    assert respuesta.status_code == 200
    _estricta(respuesta)
    assert _directivas(respuesta)["style-src"] == ["'self'"]


def test_pagina_del_personal_con_politica_estricta(client):
    client.force_login(EmpleadoFactory().usuario)
    respuesta = client.get("/inicio/")
    assert respuesta.status_code == 200
    _estricta(respuesta)


def test_pagina_de_error_con_politica_estricta(client, sin_depuracion):
    respuesta = client.get("/no-existe/")
    assert respuesta.status_code == 404
    _estricta(respuesta)


@override_settings(ROOT_URLCONF="tests.config.urls_prueba")
def test_las_500_permiten_solo_el_hash_de_su_propio_estilo(sin_depuracion):
    cliente = Client(raise_request_exception=False)
    for ruta, plantilla in (
        ("/e/prueba/falla/", "errores/500_ciudadania.html"),
        ("/organizacion/prueba/falla/", "500.html"),
    ):
        respuesta = cliente.get(ruta)
        assert respuesta.status_code == 500
        _estricta(respuesta)
        estilos = _directivas(respuesta)["style-src"]
        (hash_,) = hashes_de_estilo(plantilla)
        assert estilos == ["'self'", hash_]
        assert re.search(r"<style>", respuesta.content.decode())


def test_cms_y_admin_solo_relajan_los_estilos(client):
    usuario = EmpleadoFactory(usuario__roles=["calidad"]).usuario
    usuario.is_staff = True
    usuario.save(update_fields=["is_staff"])
    client.force_login(usuario)
    for ruta in ("/cms/", "/admin/", "/cms/login/", "/admin/login/"):
        respuesta = client.get(ruta)
        assert respuesta.status_code in (200, 302), ruta
        _estricta(respuesta, estilos_en_linea=True)


def test_ninguna_politica_permite_scripts_en_linea():
    for politica in (
        settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
        settings.CSP_POLITICA_ADMINISTRACION,
    ):
        assert "'unsafe-inline'" not in politica["script-src"]
        assert "'unsafe-eval'" not in politica["script-src"]


def test_el_informe_de_una_violacion_se_registra_sin_el_token(client, caplog):
    cache.clear()
    informe = {
        "csp-report": {
            "document-uri": "https://ventanilla.example/e/SECRETO123/?idioma=gl",
            "effective-directive": "style-src-attr",
            "blocked-uri": "inline",
            "line-number": 3,
        }
    }
    with caplog.at_level(logging.WARNING, logger="ventanilla.csp"):
        respuesta = client.post(
            "/csp/informe/",
            data=json.dumps(informe),
            content_type="application/csp-report",
        )
    assert respuesta.status_code == 204
    (registro,) = [r for r in caplog.records if r.name == "ventanilla.csp"]
    assert registro.csp_directiva == "style-src-attr"
    assert registro.csp_documento == "https://ventanilla.example/e/…"
    assert "SECRETO123" not in caplog.text


@pytest.mark.parametrize(
    "cuerpo",
    [b"", b"no es json", b"\xff\xfe", b"[1, 2, {}]", b'{"csp-report": 3}', b"null"],
)
def test_un_informe_roto_no_da_error(client, cuerpo):
    respuesta = client.post(
        "/csp/informe/", data=cuerpo, content_type="application/csp-report"
    )
    assert respuesta.status_code == 204


def test_el_informe_tiene_tamano_y_ritmo_limitados(client, caplog):
    cache.clear()
    grande = client.post(
        "/csp/informe/", data=b"x" * 20_000, content_type="application/csp-report"
    )
    assert grande.status_code == 413
    assert client.get("/csp/informe/").status_code == 405
    informe = json.dumps({"csp-report": {"effective-directive": "img-src"}})
    with caplog.at_level(logging.WARNING, logger="ventanilla.csp"):
        for _ in range(INFORMES_POR_MINUTO + 5):
            respuesta = client.post(
                "/csp/informe/", data=informe, content_type="application/csp-report"
            )
            assert respuesta.status_code == 204
    registrados = [r for r in caplog.records if r.name == "ventanilla.csp"]
    assert len(registrados) == INFORMES_POR_MINUTO


# Templates WeasyPrint turns into PDFs: never served as HTML, no CSP applies.
SOLO_PDF = {"evaluacion/pdf.html", "mejora/informe_pdf.html"}
# Served with the hash of their <style> (config.errores).
CON_HASH = {"500.html", "errores/500_ciudadania.html"}


def _plantillas():
    carpetas = [RAIZ / "templates"] + [
        p for p in RAIZ.glob("*/templates") if ".venv" not in p.parts
    ]
    for carpeta in carpetas:
        for fichero in carpeta.rglob("*.html"):
            texto = fichero.read_text(encoding="utf-8")
            texto = re.sub(r"\{#.*?#\}", "", texto, flags=re.S)
            texto = re.sub(
                r"\{% comment %\}.*?\{% endcomment %\}", "", texto, flags=re.S
            )
            yield str(fichero.relative_to(carpeta)), texto


def test_ninguna_plantilla_tiene_estilos_ni_scripts_en_linea():
    encontrados = []
    for nombre, texto in _plantillas():
        if nombre in SOLO_PDF:
            continue
        if re.search(r"\sstyle\s*=", texto, re.I):
            encontrados.append(f"{nombre}: atributo style=")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", texto, re.I):
            encontrados.append(f"{nombre}: manejador de evento en línea")
        if "javascript:" in texto.lower():
            encontrados.append(f"{nombre}: enlace javascript:")
        if nombre not in CON_HASH and re.search(r"<style", texto, re.I):
            encontrados.append(f"{nombre}: bloque <style>")
        for atributos in re.findall(r"<script([^>]*)>", texto, re.I):
            if not re.search(r"\ssrc=|application/(ld\+)?json|nonce=", atributos):
                encontrados.append(f"{nombre}: <script> en línea sin nonce")
    assert not encontrados, "\n".join(encontrados)


def test_con_la_cache_caida_el_informe_se_registra(client, caplog):
    from tests.encuestas.test_seguridad import CACHE_CAIDA

    informe = {"csp-report": {"effective-directive": "img-src", "blocked-uri": "x"}}
    with (
        override_settings(CACHES=CACHE_CAIDA),
        caplog.at_level(logging.WARNING, logger="ventanilla.csp"),
    ):
        respuesta = client.post(
            "/csp/informe/",
            data=json.dumps(informe),
            content_type="application/csp-report",
        )
    assert respuesta.status_code == 204
    assert [r for r in caplog.records if r.name == "ventanilla.csp"]
