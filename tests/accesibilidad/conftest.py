import json

import pytest
from django.core.cache import cache


def escribir_axe(ruta, paginas, generado="2026-11-30", axe="4.12.1"):
    ruta.write_text(
        json.dumps(
            {
                "generado": generado,
                "axe": axe,
                "comprobaciones": sum(p.get("comprobaciones", 1) for p in paginas),
                "paginas": paginas,
            }
        ),
        encoding="utf-8",
    )
    return ruta


def pagina_axe(pagina, infracciones=(), titulo="Título", fecha="2026-11-30"):
    return {
        "pagina": pagina,
        "titulo": titulo,
        "comprobaciones": 2,
        "superadas": 40,
        "fecha": fecha,
        "infracciones": list(infracciones),
    }


CONTRASTE = {
    "regla": "color-contrast",
    "impacto": "serious",
    "ayuda": "Elements must meet minimum color contrast ratio thresholds",
    "wcag": ["wcag143", "wcag2aa"],
    "nodos": 3,
}

PDF = """
revisada = 2026-12-01

[[excepcion]]
pagina = "PDF descargables"
criterio = "1.3.1"
categoria = "falta_de_conformidad"
correccion_prevista = 2027-06-30
descripcion = { es = "Los PDF no están etiquetados.", en = "PDFs are untagged." }
"""

MAPA = """
[[excepcion]]
pagina = "/contenidos/mapa/"
criterio = "1.1.1"
categoria = "fuera_de_ambito"
descripcion = "Un mapa de un tercero."
"""


@pytest.fixture
def ficheros(settings, tmp_path):
    """The statement read from files of the test's own (none by default)."""
    settings.ACCESIBILIDAD_FICHERO_AXE = tmp_path / "axe.json"
    settings.ACCESIBILIDAD_FICHERO_EXCEPCIONES = tmp_path / "excepciones.toml"
    return tmp_path


@pytest.fixture(autouse=True)
def _limites_vacios():
    cache.clear()
    yield
    cache.clear()
