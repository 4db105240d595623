""".env.example documents every environment variable the code reads, and only
those: the names are taken from the source (AST), not from a list kept by hand.

Read means `env.<kind>("NAME", ...)` / `env("NAME")` (django-environ, as in
config/settings.py), `os.environ.get("NAME")`, `os.environ["NAME"]`,
`os.getenv("NAME")` and `"NAME" in os.environ`, in the code that runs the
application (config, comun, the apps, demo, manage.py; not tests, bench or
migrations). `os.environ.setdefault` writes, so it does not count. A variable is
documented when a line of .env.example assigns it, commented out or not
(`NAME=...` or `#NAME=...`).
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

RAIZ = Path(settings.BASE_DIR)
CARPETAS = [
    "config",
    "comun",
    "organizacion",
    "formacion",
    "evaluacion",
    "encuestas",
    "mejora",
    "demo",
]
# django-environ's readers, called on the `env` object.
LECTORES_ENV = {
    "str", "bool", "int", "float", "list", "tuple", "dict", "json", "url", "db",
    "db_url", "cache", "cache_url", "email", "email_url", "search_url", "path",
    "get_value", "parse_value", "bytes",
}  # fmt: skip
_ASIGNACION = re.compile(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=", re.M)


def _es_os_environ(nodo) -> bool:
    # os.environ, or `environ` imported from os
    return (
        isinstance(nodo, ast.Attribute)
        and nodo.attr == "environ"
        and isinstance(nodo.value, ast.Name)
        and nodo.value.id == "os"
    )


def _literal(nodo, donde: str) -> str:
    if isinstance(nodo, ast.Constant) and isinstance(nodo.value, str):
        return nodo.value
    raise AssertionError(
        f"{donde}: el nombre de la variable de entorno debe ser un literal, "
        "para que esta prueba (y quien lea el código) lo vea"
    )


def variables_leidas(codigo: str, fichero: str = "<código>") -> set[str]:
    """Names of the environment variables `codigo` reads."""
    nombres = set()
    for nodo in ast.walk(ast.parse(codigo, fichero)):
        donde = f"{fichero}:{getattr(nodo, 'lineno', '?')}"
        if isinstance(nodo, ast.Call):
            funcion = nodo.func
            if not nodo.args:
                continue
            es_env = (
                isinstance(funcion, ast.Name)
                and funcion.id == "env"
                or isinstance(funcion, ast.Attribute)
                and isinstance(funcion.value, ast.Name)
                and funcion.value.id == "env"
                and funcion.attr in LECTORES_ENV
            )
            es_os = (
                isinstance(funcion, ast.Attribute)
                and funcion.attr in ("get", "pop")
                and _es_os_environ(funcion.value)
            ) or (
                isinstance(funcion, ast.Attribute)
                and funcion.attr == "getenv"
                and isinstance(funcion.value, ast.Name)
                and funcion.value.id == "os"
            )
            if es_env or es_os:
                nombres.add(_literal(nodo.args[0], donde))
        elif isinstance(nodo, ast.Subscript) and _es_os_environ(nodo.value):
            if isinstance(nodo.ctx, ast.Load):
                nombres.add(_literal(nodo.slice, donde))
        elif isinstance(nodo, ast.Compare) and any(
            _es_os_environ(c) for c in nodo.comparators
        ):
            nombres.add(_literal(nodo.left, donde))
    return nombres


def _ficheros():
    for carpeta in CARPETAS:
        for fichero in sorted((RAIZ / carpeta).rglob("*.py")):
            if "migrations" not in fichero.parts:
                yield fichero
    yield RAIZ / "manage.py"


def variables_del_codigo() -> dict[str, str]:
    """{name: first file that reads it}."""
    leidas = {}
    for fichero in _ficheros():
        relativo = str(fichero.relative_to(RAIZ))
        for nombre in variables_leidas(fichero.read_text(), relativo):
            leidas.setdefault(nombre, relativo)
    return leidas


def variables_documentadas(texto: str) -> set[str]:
    return set(_ASIGNACION.findall(texto))


def test_env_example_documenta_cada_variable_que_lee_el_codigo():
    leidas = variables_del_codigo()
    documentadas = variables_documentadas((RAIZ / ".env.example").read_text())
    faltan = {n: f for n, f in leidas.items() if n not in documentadas}
    assert not faltan, (
        "Variables que el código lee y .env.example no documenta "
        f"(añádalas, con un comentario y su valor por defecto): {faltan}"
    )


def test_env_example_no_documenta_variables_que_nadie_lee():
    leidas = variables_del_codigo()
    documentadas = variables_documentadas((RAIZ / ".env.example").read_text())
    sobran = sorted(documentadas - set(leidas))
    assert not sobran, f".env.example documenta variables que ya nadie lee: {sobran}"


def test_el_recorrido_ve_las_lecturas_conocidas():
    leidas = variables_del_codigo()
    # One of each way the project reads today: env.str, env.db, env.bool, os.environ.get.
    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "DEBUG",
        "PORT",
        "ENCUESTAS_MIN_N_OFICINA",
    } <= set(leidas)


def test_el_extractor_reconoce_cada_forma_de_leer():
    codigo = """
import os
env = None
A = env.str("UNO", default="x")
B = env("DOS")
C = env.db("TRES")
D = os.environ.get("CUATRO", "")
E = os.environ["CINCO"]
F = os.getenv("SEIS")
G = "SIETE" in os.environ
os.environ.setdefault("NO_ES_LECTURA", "x")
os.environ["TAMPOCO"] = "1"
H = otra.str("NI_ESTA")
"""
    assert variables_leidas(codigo) == {
        "UNO", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE",
    }  # fmt: skip


def test_un_nombre_calculado_no_se_escapa():
    with pytest.raises(AssertionError, match="debe ser un literal"):
        variables_leidas('import os\nos.environ.get(f"X_{n}")')


def test_documentada_comentada_o_no():
    texto = "# Comentario con FOO=bar dentro no cuenta\nUNO=1\n#DOS=\n  # TRES=x\ncuatro=1\n"
    assert variables_documentadas(texto) == {"UNO", "DOS", "TRES"}
