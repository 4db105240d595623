"""Browser tests: Debian's Chromium driven by Playwright, checked with axe-core.

Fixtures for every app's journeys:
- `navegador`: a Chromium browser (session scope); tests skip with a reason without it.
- `pagina`: a fresh desktop-sized page; `pagina_movil`: a phone-sized one.
- `entrar_como(pagina, usuario)`: signs in through the real login form.
- `comprobar_accesibilidad(pagina)`: fails on any serious or critical axe violation.
- `sin_violaciones_de_csp` (automatic): fails a journey the browser reports a CSP violation in.
"""

import logging
import os
import shutil
from contextlib import contextmanager

import pytest

from tests.e2e.registro_axe import registrar as registrar_axe
from tests.factories.organizacion import CONTRASENA

CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in this thread; the Django ORM calls
# the tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def navegador():
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        pytest.skip(f"Chromium no está instalado en {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright para Python no está instalado")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@contextmanager
def abrir_pagina(navegador, locale: str = "es-ES", **opciones):
    """A fresh browser context and page (its own cookies), closed afterwards."""
    contexto = navegador.new_context(locale=locale, **opciones)
    page = contexto.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        contexto.close()


@pytest.fixture
def pagina(navegador):
    with abrir_pagina(navegador, viewport={"width": 1280, "height": 900}) as page:
        yield page


# The two sizes every role's journey is walked at (issue 11).
VENTANAS = {
    "escritorio": {"viewport": {"width": 1280, "height": 800}},
    "movil": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}


@pytest.fixture
def pagina_movil(navegador):
    with abrir_pagina(navegador, **VENTANAS["movil"]) as page:
        yield page


@pytest.fixture(params=list(VENTANAS))
def pagina_en_ventana(request, navegador):
    """A page at desktop and at phone size: a journey test runs once per size."""
    with abrir_pagina(navegador, **VENTANAS[request.param]) as page:
        yield page


@pytest.fixture
def entrar_como(live_server):
    def entrar(page, usuario, contrasena: str = CONTRASENA):
        page.goto(f"{live_server.url}/cuenta/login/")
        page.get_by_label("Usuario").fill(usuario.username)
        page.get_by_label("Contraseña").fill(contrasena)
        with page.expect_navigation():
            page.get_by_role("button", name="Entrar").click()
        return page

    return entrar


REGLAS_PROPIAS = {"landmark-unique"}


@pytest.fixture
def comprobar_accesibilidad():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def comprobar(page, contexto: str | None = None):
        # On a loaded machine a page may still be replacing the previous one.
        page.wait_for_load_state("load")
        resultados = axe.run(page, context=contexto)
        # With VENTANILLA_REGISTRO_AXE set, for the accessibility statement.
        registrar_axe(page, resultados.response)
        propias = "/cms/" not in page.url and "/admin/" not in page.url
        graves = [
            v
            for v in resultados.response["violations"]
            if v.get("impact") in ("serious", "critical")
            # Our own pages also keep landmarks distinguishable (a best practice
            # the accessibility statement lists); Wagtail's and Django's admins are upstream.
            or (propias and v["id"] in REGLAS_PROPIAS)
        ]
        detalle = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} → "
            + ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:5])
            for v in graves
        )
        assert not graves, f"axe-core encuentra fallos graves en {page.url}:\n{detalle}"
        return resultados

    return comprobar


@pytest.fixture
def por_el_menu():
    """Follows a link of the main menu as a person would: on a phone the menu is
    collapsed behind «Menú», so it opens it first."""

    def ir(page, nombre: str, exact: bool = False):
        plegable = page.locator("details.menu-plegable")
        if page.locator(".menu-plegable__boton").is_visible() and (
            plegable.get_attribute("open") is None
        ):
            page.locator(".menu-plegable__boton").click()
        menu = page.get_by_role("navigation", name="Principal")
        # Wait for the new page: axe or a locator must not read the old one.
        with page.expect_navigation():
            menu.get_by_role("link", name=nombre, exact=exact).click()

    return ir


class _InformesCSP(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.violaciones = []

    def emit(self, record):
        self.violaciones.append(
            {
                clave: getattr(record, clave, "")
                for clave in ("csp_directiva", "csp_bloqueado", "csp_documento")
            }
        )


@pytest.fixture(autouse=True)
def sin_violaciones_de_csp(request):
    """Every browser journey proves the Content-Security-Policy breaks nothing:
    the browser reports each violation to /csp/informe/ (with or without
    JavaScript, in any context), and a violation fails the test."""
    if "live_server" not in request.fixturenames:
        yield
        return
    from django.core.cache import cache

    from config.cabeceras import logger

    cache.delete("csp-informes:127.0.0.1")
    informes = _InformesCSP()
    logger.addHandler(informes)
    try:
        yield informes
    finally:
        logger.removeHandler(informes)
    assert not informes.violaciones, (
        "El navegador informa de violaciones de la política de contenidos (CSP):\n"
        + "\n".join(str(v) for v in informes.violaciones)
    )
