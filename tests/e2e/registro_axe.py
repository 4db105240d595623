"""The axe results of the e2e run, for the accessibility statement (RD 1112/2018).

With VENTANILLA_REGISTRO_AXE=<file>, every `comprobar_accesibilidad` appends one
JSON line per checked page: its address as a pattern (ids and tokens replaced, so
the statement never publishes a real one), title, violations of every impact,
passes, date and axe version. `manage.py consolidar_axe` turns the lines into
docs/accesibilidad/axe.json (`make accesibilidad`).
"""

import json
import os
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

VARIABLE = "VENTANILLA_REGISTRO_AXE"

_UUID = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I
)
_NUMERO = re.compile(r"^\d+$")
# A token: letters mixed with digits, or long with capitals (token_urlsafe). A
# page's slug (lowercase words and hyphens) stays: it names the page, not a person.
_TOKEN = re.compile(
    r"^(?=.*\d)(?=.*[A-Za-z])[0-9A-Za-z_-]{12,}$|^(?=.*[A-Z])[0-9A-Za-z_-]{24,}$"
)


def patron(url: str) -> str:
    """The address's path with ids, uuids and tokens replaced by placeholders;
    the query string dropped (it may carry a token)."""
    segmentos = []
    for segmento in urlsplit(url).path.split("/"):
        if _NUMERO.match(segmento):
            segmento = "<id>"
        elif _UUID.match(segmento):
            segmento = "<uuid>"
        elif _TOKEN.match(segmento):
            segmento = "<token>"
        segmentos.append(segmento)
    return "/".join(segmentos) or "/"


def _infracciones(resultados: dict) -> list[dict]:
    return [
        {
            "regla": v["id"],
            "impacto": v.get("impact"),
            "ayuda": v.get("help", ""),
            "wcag": sorted(t for t in v.get("tags", []) if t.startswith("wcag")),
            "nodos": len(v.get("nodes", [])),
        }
        for v in resultados.get("violations", [])
    ]


def registrar(page, resultados: dict) -> None:
    """Appends the page's axe results to the file named by VENTANILLA_REGISTRO_AXE."""
    destino = os.environ.get(VARIABLE)
    if not destino:
        return
    motor = resultados.get("testEngine") or {}
    linea = {
        "pagina": patron(page.url),
        "titulo": page.title(),
        "infracciones": _infracciones(resultados),
        "superadas": len(resultados.get("passes", [])),
        "fecha": datetime.now(UTC).date().isoformat(),
        "axe": motor.get("version", ""),
    }
    with open(destino, "a", encoding="utf-8") as fichero:
        fichero.write(json.dumps(linea, ensure_ascii=False) + "\n")
