"""Test files mirror the modules they test: tests/<app>/<path>/test_<name>.py
tests <app>/<path>/<name>.py or the package <app>/<path>/<name>/. A file whose
module is renamed or removed fails here, so the map of the tests stays true."""

from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
APPS = (
    "accesibilidad",
    "auditoria",
    "comun",
    "config",
    "encuestas",
    "evaluacion",
    "formacion",
    "mejora",
    "organizacion",
)

# Cross-cutting tests: one property checked across several modules at once, so
# no single module names them. Keep this list short; the reason is the rule.
TRANSVERSALES = {
    "auditoria/test_vistas_registradas.py": "every view showing someone's "
    "personal data (evaluacion, formacion, encuestas) writes one access row",
    "comun/test_barrido.py": "every URL of the project (app, /admin/, /cms/, "
    "/media/) as every role against one table of access",
    "comun/test_barrido_idioma.py": "every page of the role × page matrix in a "
    "pseudo-locale: no visible string left unmarked for translation",
    "comun/test_dependencias.py": "comun imports no app: walks every module",
    "comun/test_ficheros_privados.py": "every FileField of every app, as every "
    "role, through its view and under /media/",
    "comun/test_fuzz_api.py": "every operation of the API's OpenAPI schema, "
    "fuzzed: no 5xx",
    "comun/test_fuzz_formularios.py": "every form of every public and staff page, "
    "fuzzed as each role: no 5xx",
    "comun/test_nombres_visibles.py": "every model and field of every app has a "
    "translatable name",
    "encuestas/test_anonimato.py": "no path from a response to a person, across "
    "models, services, tasks, checks and migrations",
    "encuestas/test_etiquetas.py": "every label is a word, on results, admin, "
    "Wagtail listings and /contenidos/",
    "encuestas/test_supresion.py": "small cells stay hidden in selectors, API, "
    "export, home panel and pages",
    "mejora/test_supresion.py": "small cells stay hidden in recalculation, "
    "selectors, charters and action effects",
    "mejora/test_tablas_desplazables.py": "every mejora table scrolls in a "
    "keyboard-reachable region, page by page",
    "organizacion/test_acceso.py": "login, error pages, language and /health/ "
    "(config/ and django.contrib.auth)",
    "organizacion/test_produccion.py": "production settings and the deploy "
    "checks (config/settings.py)",
}


def modulo_probado(prueba: Path, raiz: Path = RAIZ) -> Path:
    """tests/<app>/a/test_b.py -> <app>/a/b (without suffix)."""
    relativa = prueba.relative_to(raiz / "tests")
    return relativa.parent / relativa.stem.removeprefix("test_")


def existe(raiz: Path, modulo: Path) -> bool:
    return (raiz / modulo).with_suffix(".py").is_file() or (
        raiz / modulo / "__init__.py"
    ).is_file()


def sin_modulo(raiz: Path, excepciones=TRANSVERSALES) -> list[str]:
    """The test files under tests/<app>/ that name no module of the app."""
    huerfanas = []
    for app in APPS:
        for prueba in sorted((raiz / "tests" / app).rglob("test_*.py")):
            relativa = prueba.relative_to(raiz / "tests").as_posix()
            modulo = modulo_probado(prueba, raiz)
            if relativa not in excepciones and not existe(raiz, modulo):
                huerfanas.append(relativa)
    return huerfanas


def test_cada_fichero_de_prueba_nombra_el_modulo_que_prueba():
    assert sin_modulo(RAIZ) == []


def test_un_fichero_con_otro_nombre_se_detecta(tmp_path):
    (tmp_path / "mejora" / "services").mkdir(parents=True)
    (tmp_path / "mejora" / "services" / "__init__.py").touch()
    (tmp_path / "mejora" / "services" / "plan.py").touch()
    (tmp_path / "mejora" / "informe.py").touch()
    pruebas = tmp_path / "tests" / "mejora"
    (pruebas / "services").mkdir(parents=True)
    for nombre in (
        "services/test_plan.py",  # a module
        "test_services.py",  # a package
        "test_informe.py",
        "services/test_planes.py",  # a typo
        "test_vistas.py",  # a generic name
        "services/test_informe.py",  # the module is elsewhere
    ):
        (pruebas / nombre).touch()
    assert sin_modulo(tmp_path, excepciones={}) == [
        "mejora/services/test_informe.py",
        "mejora/services/test_planes.py",
        "mejora/test_vistas.py",
    ]


def test_las_excepciones_existen_y_no_tapan_un_modulo():
    for relativa in TRANSVERSALES:
        prueba = RAIZ / "tests" / relativa
        assert prueba.is_file(), f"{relativa} ya no existe: quítala de la lista"
        assert not existe(RAIZ, modulo_probado(prueba)), (
            f"{relativa} ya nombra un módulo: no necesita excepción"
        )


def test_cada_carpeta_de_pruebas_es_un_paquete():
    # Without __init__.py, two test_<name>.py in different folders collide.
    sueltas = [
        carpeta.relative_to(RAIZ).as_posix()
        for app in APPS
        for carpeta in [RAIZ / "tests" / app, *(RAIZ / "tests" / app).rglob("*")]
        if carpeta.is_dir()
        and carpeta.name != "__pycache__"
        and not (carpeta / "__init__.py").is_file()
    ]
    assert sueltas == []
