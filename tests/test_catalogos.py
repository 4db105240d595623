"""The translation catalogues (locale/<idioma>/LC_MESSAGES/django.po): one per
language, none fuzzy, complete for its side (staff: es, ca, eu, gl; citizens: the
five), and in step with the code: a string marked for translation but missing from
a catalogue fails here, before a page shows it in Spanish under another
language's label. `make messages` regenerates them; docs/glosario.md keeps the
terms consistent."""

import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings

RAIZ = Path(settings.BASE_DIR)
CATALOGOS = RAIZ / "locale"
PERSONAL = ("ca", "eu", "gl")
# What makemessages does not read (the Makefile's CATALOGO).
FUERA = {
    ".git",
    ".venv",
    "tests",
    "bench",
    "staticfiles",
    "var",
    "node_modules",
    "docs",
    "locale",
    "media",
}
# The citizen side, where English is required too: the survey, the kiosk, the
# citizen error pages, the certificate check and the public pages.
CIUDADANIA = re.compile(
    r"^(templates/(encuestas/(publica|quiosco)|errores)/|templates/formacion/verificar"
    r"|templates/(400|403|404|500)\.html|encuestas/(textos|views_publicas|presentacion)\.py"
    r"|config/errores\.py|accesibilidad/textos\.py)"
)
MARCADORES = re.compile(r"%\([a-z_0-9]+\)[sdf]|%[sdf]|\{[a-z_0-9]*\}")


@cache
def catalogo(idioma: str) -> polib.POFile:
    return polib.pofile(str(CATALOGOS / idioma / "LC_MESSAGES" / "django.po"))


def _vivas(po):
    return [e for e in po if not e.obsolete]


@pytest.mark.parametrize("idioma", [c for c, _ in settings.LANGUAGES])
def test_cada_idioma_tiene_su_catalogo_sin_entradas_difusas(idioma):
    po = catalogo(idioma)
    assert po.metadata["Language"] == idioma
    assert po.metadata["Plural-Forms"].startswith("nplurals=")
    assert not po.metadata_is_fuzzy
    difusas = [e.msgid for e in _vivas(po) if "fuzzy" in e.flags]
    assert difusas == [], f"{idioma}: entradas difusas (fuzzy) sin revisar"


@pytest.mark.parametrize("idioma", PERSONAL)
def test_los_catalogos_del_personal_estan_completos(idioma):
    faltan = [e.msgid for e in _vivas(catalogo(idioma)) if not e.translated()]
    assert faltan == [], f"{idioma}: {len(faltan)} cadenas sin traducir"


def test_el_catalogo_ingles_esta_completo_para_la_ciudadania():
    faltan = [
        e.msgid
        for e in _vivas(catalogo("en"))
        if not e.translated() and any(CIUDADANIA.match(f) for f, _ in e.occurrences)
    ]
    assert faltan == [], f"en: {len(faltan)} cadenas de la ciudadanía sin traducir"


@pytest.mark.parametrize("idioma", PERSONAL + ("en",))
def test_cada_traduccion_conserva_sus_marcadores(idioma):
    """msgfmt -c checks the python-format ones in CI; this also covers
    {llaves} and the strings xgettext did not flag."""
    malas = []
    for e in _vivas(catalogo(idioma)):
        pares = (
            [
                (e.msgid, e.msgstr_plural.get(0, "")),
                (e.msgid_plural, e.msgstr_plural.get(1, "")),
            ]
            if e.msgid_plural
            else [(e.msgid, e.msgstr)]
        )
        for origen, traduccion in pares:
            if traduccion and sorted(MARCADORES.findall(origen)) != sorted(
                MARCADORES.findall(traduccion)
            ):
                malas.append((origen, traduccion))
    assert malas == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="falta gettext (xgettext)")
def test_los_catalogos_estan_al_dia_con_el_codigo(tmp_path):
    """Extract the strings as `make messages` does, into a temporary folder,
    and compare: every marked string is in every catalogue, and no catalogue
    keeps strings the code no longer has."""
    fuentes = tmp_path / "fuentes"
    fuentes.mkdir()
    for ruta in RAIZ.iterdir():
        if ruta.name not in FUERA and not ruta.name.startswith("."):
            (fuentes / ruta.name).symlink_to(ruta)
    destino = tmp_path / "locale"
    subprocess.run(
        [
            sys.executable,
            str(RAIZ / "manage.py"),
            "makemessages",
            "-l",
            "es",
            "--symlinks",
            "--no-obsolete",
            "-v0",
        ],
        cwd=fuentes,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.ajustes_catalogos",
            "PYTHONPATH": str(RAIZ),
            "CATALOGOS_DESTINO": str(destino),
        },
        check=True,
        timeout=300,
    )
    extraidas = {
        (e.msgctxt, e.msgid)
        for e in _vivas(polib.pofile(str(destino / "es" / "LC_MESSAGES" / "django.po")))
    }
    for idioma, _nombre in settings.LANGUAGES:
        tiene = {(e.msgctxt, e.msgid) for e in _vivas(catalogo(idioma))}
        assert sorted(extraidas - tiene, key=str) == [], (
            f"{idioma}: cadenas del código que faltan en el catálogo (make messages)"
        )
        assert sorted(tiene - extraidas, key=str) == [], (
            f"{idioma}: cadenas que el código ya no tiene (make messages)"
        )
