"""The pseudo-locale sweep: every page of the role × page matrix
(tests/comun/test_barrido.py's world and table) rendered in a test language whose
catalogue wraps each of our strings in ⟦…⟧. Whatever visible text is left outside
the brackets is either data (names, titles, codes from the database, numbers) or
a string nobody marked for translation, which a Basque or Galician user would see
in Spanish. The test fails on the latter, naming page and words."""

import re
from html.parser import HTMLParser

import polib
import pytest
from django.apps import apps
from django.conf import settings as ajustes
from django.db import models
from django.test import Client

from tests.comun.test_barrido import (
    EXCLUIDAS,
    ROLES,
    _acceso,
    _cuerpo,
    _direcciones,
    _mundo,
    _zona,
)

pytestmark = pytest.mark.django_db

PSEUDO = "qps"
ABRE, CIERRA = "⟦", "⟧"
VISIBLES = ("alt", "title", "aria-label", "placeholder")
OCULTOS = {"script", "style", "template", "svg", "code", "pre"}
PALABRA = re.compile(r"[A-Za-zÀ-ÿ·]{3,}")
# Codes (ACC-…, DIR3, SAT): capitals only, no language to translate into.
CODIGO = re.compile(r"[A-ZÀ-Þ]{2,5}")
# Not Spanish text: the product, standards and formats, named as they are in
# every language (docs/glosario.md, "Lo que no se traduce").
NOMBRES = {
    "Ventanilla",
    "EFQM",
    "CAF",
    "DIR3",
    "Wagtail",
    "SCORM",
    "CSV",
    "XLSX",
    "PDF",
    "SHA",
    "NPS",
    "CSAT",
    "CES",
    "API",
    "TOTP",
    "Castellano",
    "Català",
    "Euskara",
    "Galego",
    "English",
    "Pseudo",
}


# Words a page shows that are not ours to translate, and why.
AJENAS = {
    # The register lists every model field holding personal data, named as its
    # package names it; django-axes, Wagtail and django-otp ship these without a
    # Spanish (or Catalan, Basque, Galician) name.
    "organizacion/registro-de-tratamientos/": {
        "Access",
        "Address",
        "Agent",
        "Editing",
        "Form",
        "Page",
        "Resolved",
        "Static",
        "Uploaded",
        "User",
    },
}


class _Texto(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.trozos: list[str] = []
        self._oculto = 0

    def handle_starttag(self, tag, attrs):
        if tag in OCULTOS:
            self._oculto += 1
        for nombre, valor in attrs:
            if nombre in VISIBLES and valor:
                self.trozos.append(valor)
            if tag == "input" and nombre == "value" and ("type", "submit") in attrs:
                self.trozos.append(valor or "")

    def handle_endtag(self, tag):
        if tag in OCULTOS and self._oculto:
            self._oculto -= 1

    def handle_data(self, data):
        if not self._oculto and data.strip():
            self.trozos.append(data)


def _sin_traducir(html: str, datos: set[str]) -> set[str]:
    lector = _Texto()
    lector.feed(html)
    # Addresses shown as links (the AEPD's) are not words of any language.
    texto = re.sub(r"(https?://|www\.)\S+", " ", "\n".join(lector.trozos))
    # What our catalogue rendered, brackets nested or not.
    anterior = None
    while anterior != texto:
        anterior, texto = (
            texto,
            re.sub(rf"{ABRE}[^{ABRE}{CIERRA}]*{CIERRA}", " ", texto),
        )
    return {
        p
        for p in PALABRA.findall(texto)
        if p not in datos and p not in NOMBRES and not CODIGO.fullmatch(p)
    }


def _palabras_de(valor, palabras: set[str]) -> None:
    if isinstance(valor, str):
        palabras.update(PALABRA.findall(valor))
    elif isinstance(valor, dict):
        for v in valor.values():
            _palabras_de(v, palabras)
    elif isinstance(valor, list | tuple | set):
        for v in valor:
            _palabras_de(v, palabras)
    elif hasattr(valor, "__dataclass_fields__"):
        for nombre in valor.__dataclass_fields__:
            _palabras_de(getattr(valor, nombre), palabras)


def _palabras_de_los_datos() -> set[str]:
    """Every word stored in a text column (names, titles, codes, descriptions)
    and in the accessibility statement's record (the titles of the pages its
    tools evaluated, as they were then)."""
    from accesibilidad.declaracion import declaracion

    palabras = set()
    _palabras_de(declaracion(), palabras)
    for modelo in apps.get_models():
        campos = [
            f.attname
            for f in modelo._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not campos:
            continue
        for fila in modelo._base_manager.values_list(*campos):
            for valor in fila:
                if valor:
                    palabras.update(PALABRA.findall(str(valor)))
    return palabras


def _catalogos_de_terceros():
    from pathlib import Path

    import django

    rutas = [Path(django.__file__).parent / "conf" / "locale"]
    rutas += [Path(c.path) / "locale" for c in apps.get_app_configs()]
    return [
        r / "es" / "LC_MESSAGES" / "django.mo"
        for r in rutas
        if (r / "es" / "LC_MESSAGES" / "django.mo").is_file()
        and not str(r).startswith(str(ajustes.BASE_DIR / "locale"))
    ]


# Where the citizen pages read their languages from: the test language joins them.
LISTAS_CIUDADANIA = (
    "encuestas.views_publicas",
    "encuestas.services.publica",
    "accesibilidad.views",
    "config.errores",
)


@pytest.fixture
def pseudo(settings, tmp_path, monkeypatch):
    """A catalogue that brackets each of our strings, active as language `qps`
    for staff and public pages."""
    po = polib.pofile(
        str(ajustes.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po")
    )
    # Django's and the installed apps' own strings (Wagtail, the admin, forms):
    # their catalogues carry ca, eu and gl, so here they count as translated.
    nuestras = {(e.msgctxt, e.msgid) for e in po}
    for ruta in _catalogos_de_terceros():
        for e in polib.mofile(str(ruta)):
            if e.msgid and (e.msgctxt, e.msgid) not in nuestras:
                nuestras.add((e.msgctxt, e.msgid))
                po.append(
                    polib.POEntry(
                        msgid=e.msgid, msgid_plural=e.msgid_plural, msgctxt=e.msgctxt
                    )
                )
    for e in po:
        if e.msgid_plural:
            e.msgstr_plural = {
                0: f"{ABRE}{e.msgid}{CIERRA}",
                1: f"{ABRE}{e.msgid_plural}{CIERRA}",
            }
        else:
            e.msgstr = f"{ABRE}{e.msgid}{CIERRA}"
        if "fuzzy" in e.flags:
            e.flags.remove("fuzzy")
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    destino = tmp_path / PSEUDO / "LC_MESSAGES"
    destino.mkdir(parents=True)
    po.save_as_mofile(str(destino / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path), *ajustes.LOCALE_PATHS]
    settings.LANGUAGES = [*ajustes.LANGUAGES, (PSEUDO, "Pseudo")]
    settings.IDIOMAS_PERSONAL = (*ajustes.IDIOMAS_PERSONAL, PSEUDO)
    from encuestas.textos import NOMBRES_IDIOMA

    monkeypatch.setitem(NOMBRES_IDIOMA, PSEUDO, "Pseudo")
    for modulo in LISTAS_CIUDADANIA:
        import importlib

        lista = importlib.import_module(modulo).IDIOMAS
        monkeypatch.setattr(f"{modulo}.IDIOMAS", (*lista, PSEUDO))
    return PSEUDO


def test_ninguna_pagina_muestra_texto_sin_marcar_para_traducir(
    pseudo, media_servido, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        m = _mundo(settings)
    settings.DEBUG = False
    datos = _palabras_de_los_datos()
    direcciones, _sin_valor = _direcciones(m)
    casos = []
    for ruta, nombre, url, vista in direcciones:
        if (
            ruta in EXCLUIDAS
            or _zona(ruta) != "app"
            or ruta.startswith(("api/", "media/"))
        ):
            continue
        acceso = _acceso(ruta, nombre, url, vista)
        if acceso is not None:
            casos.append((ruta, url, acceso))
    fallos: dict[str, set[str]] = {}
    paginas = 0
    for rol in ROLES:
        cliente = Client()
        cliente.cookies[settings.LANGUAGE_COOKIE_NAME] = pseudo
        usuario = m["usuarios"][rol]
        for ruta, url, acceso in casos:
            if rol not in acceso.admitidos:
                continue
            if usuario is not None and "_auth_user_id" not in cliente.session:
                cliente.force_login(usuario)
            respuesta = cliente.get(url)
            if respuesta.status_code != 200 or "text/html" not in respuesta.get(
                "Content-Type", ""
            ):
                continue
            paginas += 1
            sueltas = _sin_traducir(_cuerpo(respuesta).decode(), datos)
            sueltas -= AJENAS.get(ruta, set())
            if sueltas:
                fallos.setdefault(ruta, set()).update(sueltas)
    assert paginas > 50, "el barrido no llegó a las páginas"
    informe = "\n".join(
        f"{r}: {' '.join(sorted(p))}" for r, p in sorted(fallos.items())
    )
    assert fallos == {}, f"{len(fallos)} páginas con texto sin marcar:\n{informe}"
