"""comun sits below every app: it imports Django, the standard library and
third-party packages, never an app of the project."""

import ast
from pathlib import Path

from django.conf import settings

APPS = {
    "config",
    "demo",
    "organizacion",
    "formacion",
    "evaluacion",
    "encuestas",
    "mejora",
}


def _importados(fichero: Path) -> set[str]:
    nombres = set()
    for nodo in ast.walk(ast.parse(fichero.read_text(), str(fichero))):
        if isinstance(nodo, ast.Import):
            nombres |= {a.name.split(".")[0] for a in nodo.names}
        elif isinstance(nodo, ast.ImportFrom) and nodo.module and not nodo.level:
            nombres.add(nodo.module.split(".")[0])
    return nombres


def test_comun_no_importa_ninguna_app():
    ficheros = sorted((Path(settings.BASE_DIR) / "comun").rglob("*.py"))
    assert len(ficheros) >= 6
    for fichero in ficheros:
        assert not _importados(fichero) & APPS, fichero.name


def test_el_detector_ve_importaciones_de_apps(tmp_path):
    malo = tmp_path / "malo.py"
    malo.write_text("import os\nfrom encuestas.models import Respuesta\n")
    assert _importados(malo) & APPS == {"encuestas"}
