"""Shared pieces of the fuzz tests (test_fuzz_api, test_fuzz_formularios): the
hostile values, a strategy per JSON schema, the site's pages and their forms.

Each request's verdict is only "not a 5xx": what a 4xx says is each view's own
test's business. An exception raised by a view counts as a 5xx."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import strategies as st

# Values that broke one edge or another of a web app: control characters (NUL
# is refused by PostgreSQL, a lone surrogate cannot be encoded), sizes past any
# column, integers past bigint, numbers that are not, formulas, markup, paths.
HOSTILES_CONTROL = ["\x00", "a\x00b", "\x1b[31m", "\x0b\x0c"]
HOSTILES_TEXTO = [
    "x" * 300,
    "x" * 10_000,
    "9" * 30,
    "-" + "9" * 30,
    "1e309",
    "NaN",
    "-1",
    "0",
    "",
    " ",
    '=HYPERLINK("http://x")',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "2026-02-30",
    "9999-12-31T23:59:59+14:00",
    "\u202eǝpɐʇ",
    "😀" * 50,
]
# Only through JSON: an HTTP form or address cannot carry a lone surrogate.
HOSTILES_JSON = (
    HOSTILES_CONTROL
    + HOSTILES_TEXTO
    + [
        "\ud800",
        2**63,
        -(2**63) - 1,
        10**40,
        1.5,
        -1,
        True,
        None,
        [],
        {},
        [None],
        {"x": "\x00"},
    ]
)


# --- JSON schema -> hypothesis strategy ---------------------------------------


def estrategia(esquema: dict, raiz: dict, profundidad: int = 0) -> st.SearchStrategy:
    """Values for `esquema` (OpenAPI 3.1 / JSON Schema, refs into `raiz`): mostly
    well-formed, each node sometimes replaced by a hostile value."""
    return st.one_of(
        _valida(esquema, raiz, profundidad), st.sampled_from(HOSTILES_JSON)
    )


def _resolver(esquema: dict, raiz: dict) -> dict:
    while "$ref" in esquema:
        nodo = raiz
        for parte in esquema["$ref"].lstrip("#/").split("/"):
            nodo = nodo[parte]
        esquema = nodo
    return esquema


def _valida(esquema: dict, raiz: dict, profundidad: int) -> st.SearchStrategy:
    esquema = _resolver(esquema, raiz)
    if "const" in esquema:
        return st.just(esquema["const"])
    if "enum" in esquema:
        return st.sampled_from(esquema["enum"])
    for clave in ("anyOf", "oneOf", "allOf"):
        if clave in esquema:
            return st.one_of([_valida(s, raiz, profundidad) for s in esquema[clave]])
    tipo = esquema.get("type")
    if tipo == "null":
        return st.none()
    if tipo == "boolean":
        return st.booleans()
    if tipo == "integer":
        return st.integers(
            min_value=esquema.get("minimum"), max_value=esquema.get("maximum")
        )
    if tipo == "number":
        return st.floats(allow_nan=False)
    if tipo == "string":
        formato = esquema.get("format")
        if formato == "date":
            return st.dates().map(str)
        if formato == "date-time":
            return st.datetimes(timezones=st.just(None)).map(
                lambda d: d.isoformat() + "+01:00"
            )
        return st.text(max_size=esquema.get("maxLength") or 40)
    if tipo == "array" or "items" in esquema:
        if profundidad > 3:
            return st.just([])
        return st.lists(
            estrategia(esquema.get("items", {}), raiz, profundidad + 1),
            min_size=min(esquema.get("minItems", 0), 3),
            max_size=3,
        )
    if tipo == "object" or "properties" in esquema:
        propiedades = esquema.get("properties", {})
        obligatorias = set(esquema.get("required", ()))
        return st.fixed_dictionaries(
            {
                k: estrategia(s, raiz, profundidad + 1)
                for k, s in propiedades.items()
                if k in obligatorias
            },
            optional={
                k: estrategia(s, raiz, profundidad + 1)
                for k, s in propiedades.items()
                if k not in obligatorias
            },
        )
    return st.sampled_from(HOSTILES_JSON)


def en_la_direccion(valor) -> str:
    """A value as it travels in a query string, lone surrogates included."""
    texto = valor if isinstance(valor, str) else json.dumps(valor)
    return quote(texto.encode("utf-8", "surrogatepass"), safe="")


# --- the site's pages and forms ---------------------------------------------


def rutas_sin_parametros(excluir: tuple[str, ...] = ()) -> list[str]:
    """Every address of the URLconf that takes no parameter, in order."""
    rutas: list[str] = []

    def recorrer(patrones, prefijo: str):
        for p in patrones:
            texto = str(p.pattern)
            if isinstance(p, URLResolver):
                if "<" in texto or "(?P" in texto:
                    continue
                recorrer(p.url_patterns, prefijo + texto.lstrip("^").rstrip("$"))
            elif isinstance(p, URLPattern):
                if "<" in texto or "(" in texto or "\\" in texto:
                    continue
                ruta = "/" + prefijo + texto.lstrip("^").rstrip("$")
                if not ruta.startswith(excluir) and ruta not in rutas:
                    rutas.append(ruta)

    recorrer(get_resolver().url_patterns, "")
    return rutas


@dataclass
class Formulario:
    accion: str
    metodo: str = "post"
    campos: dict[str, list[str]] = field(default_factory=dict)
    # names whose value comes from a fixed list (select, radio, checkbox)
    elegidos: set[str] = field(default_factory=set)


class _Lector(HTMLParser):
    def __init__(self, pagina: str):
        super().__init__(convert_charrefs=True)
        self.pagina = pagina
        self.enlaces: list[str] = []
        self.formularios: list[Formulario] = []
        self._form: Formulario | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.enlaces.append(urljoin(self.pagina, a["href"]))
        elif tag == "form":
            self._form = Formulario(
                urljoin(self.pagina, a.get("action") or ""),
                (a.get("method") or "get").lower(),
            )
            self.formularios.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            tipo = (a.get("type") or "text").lower()
            if tipo in ("submit", "button", "image", "reset", "file"):
                return
            nombre = a["name"]
            if tipo in ("radio", "checkbox"):
                self._form.elegidos.add(nombre)
            self._form.campos.setdefault(nombre, []).append(a.get("value") or "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form.elegidos.add(self._select)
            self._form.campos.setdefault(self._select, [])
        elif tag == "option" and self._select:
            self._form.campos[self._select].append(a.get("value") or "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form.campos.setdefault(self._textarea, [""])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def leer_pagina(url: str, html: str) -> tuple[list[str], list[Formulario]]:
    """The same-site links (path and query) and the forms of a page."""
    lector = _Lector(url)
    lector.feed(html)
    enlaces = []
    for enlace in lector.enlaces:
        partes = urlsplit(enlace)
        if partes.netloc not in ("", "testserver") or not partes.path.startswith("/"):
            continue
        enlaces.append(partes.path + (f"?{partes.query}" if partes.query else ""))
    formularios = [
        f for f in lector.formularios if urlsplit(f.accion).netloc in ("", "testserver")
    ]
    for f in formularios:
        partes = urlsplit(f.accion)
        f.accion = partes.path + (f"?{partes.query}" if partes.query else "")
    return enlaces, formularios


def envios_hostiles(formulario: Formulario, n: int) -> list[dict[str, list[str]]]:
    """`n` submits of `formulario`. The first puts control characters in every
    field (the edge answers 400); the others a hostile value in every field,
    shifted from field to field so each submit mixes them, except that half of
    the fields of a fixed list (select, radio, checkbox) keep an offered value,
    so the view gets past them to the rest."""
    nombres = [c for c in formulario.campos if c != "csrfmiddlewaretoken"]
    envios = [
        {
            c: [HOSTILES_CONTROL[i % len(HOSTILES_CONTROL)]]
            for i, c in enumerate(nombres)
        }
    ]
    for k in range(1, n):
        datos = {}
        for i, nombre in enumerate(nombres):
            ofrecidos = [v for v in formulario.campos[nombre] if v] or [""]
            if nombre in formulario.elegidos and (i + k) % 2 == 0:
                datos[nombre] = [ofrecidos[k % len(ofrecidos)]]
            else:
                datos[nombre] = [HOSTILES_TEXTO[(i + 5 * k) % len(HOSTILES_TEXTO)]]
        envios.append(datos)
    return envios
