"""Issue 15 in the browser: the citizen's two-layer privacy notice and opt-out
link (at 390 px, without JavaScript; axe in a page with it), an employee's own
data, and the data-protection officer's pages (search and export, register of
processing activities, access log), reached through the menu, with axe."""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from encuestas import services
from encuestas.models import ContactoHash
from organizacion import proteccion_datos
from tests.e2e.conftest import VENTANAS
from tests.factories import EmpleadoFactory, OficinaFactory, invitar

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _definiciones_frescas():
    # The flush between transactional tests recreates the default surveys with new ids.
    from django.core.cache import cache

    services._CACHE_LINEAS.clear()
    cache.clear()
    yield


class SMSCapturado:
    """An SMS gateway that keeps what it would deliver: the citizen's message."""

    enviados: list[tuple[str, str]] = []

    def enviar(self, telefono: str, texto: str) -> None:
        self.enviados.append((telefono, texto))


@pytest.fixture
def sms(settings):
    settings.ENCUESTAS_SMS_BACKEND = f"{__name__}.SMSCapturado"
    SMSCapturado.enviados = []
    return SMSCapturado.enviados


def _sin_javascript(navegador):
    contexto = navegador.new_context(
        locale="es-ES", java_script_enabled=False, **VENTANAS["movil"]
    )
    pagina = contexto.new_page()
    pagina.set_default_timeout(15_000)
    return contexto, pagina


def _ruta(enlace: str, patron: str) -> str:
    """The path of the link the message carries (its host is SITE_URL's)."""
    encontrado = re.search(rf"https?://\S+?({patron})", enlace)
    assert encontrado, enlace
    return encontrado.group(1)


def _sin_desbordar(pagina):
    anchura = pagina.evaluate("document.documentElement.scrollWidth")
    assert anchura <= 390, f"{pagina.url} desborda a {anchura} px"


def _leer_zip(descarga) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(Path(descarga.path()).read_bytes()))


def _leer_csv(datos: bytes) -> list[list[str]]:
    texto = datos.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(texto), delimiter=";"))


# --- the citizen ---------------------------------------------------------------------


def test_ciudadana_lee_el_aviso_en_dos_capas_y_se_da_de_baja_sin_javascript(
    navegador, pagina_movil, live_server, comprobar_accesibilidad, sms
):
    """An SMS invitation in Catalan: the survey's contact step shows the first
    layer, its link the full notice (then in English), and the opt-out link of
    the same SMS opts her out by its button, twice without harm."""
    oficina = OficinaFactory(canales=["presencial", "telefonico"])
    jefa = EmpleadoFactory(oficina=oficina)
    oficina.responsable = jefa
    oficina.save()
    invitar(oficina, "telefonico", contacto="612 345 678", idioma="ca")
    [(telefono, texto)] = sms
    assert telefono == "612 345 678"
    encuesta = _ruta(texto, r"/e/(?!b/)[0-9A-Za-z]+/")
    # In the message's language, whatever the phone's (here Spanish).
    baja = _ruta(texto, r"/e/b/[0-9A-Za-z]+/\?idioma=ca")

    contexto, p = _sin_javascript(navegador)
    p.goto(f"{live_server.url}{encuesta}")
    assert p.locator("html").get_attribute("lang") == "ca"
    p.locator("label.opcion", has=p.locator('input[name="SAT"][value="1"]')).click()
    p.locator("form button[type=submit]").first.click()
    aviso = p.locator("#contacto-privacidad")
    expect(aviso).to_contain_text("Informació bàsica sobre protecció de dades")
    expect(aviso).to_contain_text("Legitimació: el vostre consentiment")
    _sin_desbordar(p)
    p.get_by_role("link", name="Més informació sobre protecció de dades").click()
    expect(
        p.get_by_role("heading", name="Protecció de dades", exact=True)
    ).to_be_visible()
    assert p.url.endswith("/e/privacidad/?idioma=ca")
    assert p.locator("html").get_attribute("lang") == "ca"
    for apartado in ("Qui n'és responsable", "Legitimació", "Els vostres drets"):
        expect(p.get_by_role("heading", name=apartado)).to_be_visible()
    _sin_desbordar(p)
    p.get_by_role("link", name="English").click()
    expect(p.get_by_role("heading", name="Data protection", exact=True)).to_be_visible()
    assert p.locator("html").get_attribute("lang") == "en"
    expect(p.get_by_role("heading", name="Your rights")).to_be_visible()

    # The opt-out link: opening it only asks; two tabs both confirm (idempotent).
    p.goto(f"{live_server.url}{baja}")
    expect(p.get_by_role("heading", name="No rebre més invitacions")).to_be_visible()
    assert not ContactoHash.objects.get().baja
    otra = contexto.new_page()
    otra.goto(f"{live_server.url}{baja}")
    _sin_desbordar(p)
    with p.expect_navigation():
        p.get_by_role("button", name="Confirma la baixa").click()
    expect(p.get_by_role("heading", name="Baixa confirmada")).to_be_visible()
    assert ContactoHash.objects.get().baja
    with otra.expect_navigation():
        otra.get_by_role("button", name="Confirma la baixa").click()
    expect(otra.get_by_role("heading", name="Baixa confirmada")).to_be_visible()
    # Opening it again says it is done, with no button left.
    p.goto(f"{live_server.url}{baja}")
    expect(p.get_by_role("heading", name="Baixa confirmada")).to_be_visible()
    expect(p.get_by_role("button")).to_have_count(0)
    assert ContactoHash.objects.filter(baja=True).count() == 1
    contexto.close()

    # axe needs JavaScript: the same pages again, at the same width.
    q = pagina_movil
    _, token = invitar(oficina, idioma="ca")
    q.goto(f"{live_server.url}/e/{token}/")
    q.locator("label.opcion", has=q.locator('input[name="SAT"][value="1"]')).click()
    q.locator("form button[type=submit]").first.click()
    expect(q.locator("#contacto-privacidad")).to_be_visible()
    comprobar_accesibilidad(q)
    for idioma in ("ca", "en"):
        q.goto(f"{live_server.url}/e/privacidad/?idioma={idioma}")
        comprobar_accesibilidad(q)
    q.goto(f"{live_server.url}{baja}")
    expect(q.get_by_role("heading", name="Baixa confirmada")).to_be_visible()
    comprobar_accesibilidad(q)
    q.goto(f"{live_server.url}{baja.replace('=ca', '=en')}")
    comprobar_accesibilidad(q)


def test_un_enlace_de_baja_desconocido_lo_explica_sin_dar_de_baja(
    navegador, live_server
):
    contexto, p = _sin_javascript(navegador)
    respuesta = p.goto(f"{live_server.url}/e/b/abc123def456ghi789/?idioma=en")
    assert respuesta.status == 404
    expect(p.get_by_role("heading", name="Invalid opt-out link")).to_be_visible()
    _sin_desbordar(p)
    contexto.close()


# --- the employee and the data-protection officer ------------------------------------


@pytest.fixture
def ana():
    return EmpleadoFactory(
        identificador="A000123",
        usuario__first_name="Ana",
        usuario__last_name="Ruiz Sanz",
        nombre="Ana",
        apellidos="Ruiz Sanz",
    )


def test_empleada_descarga_sus_datos_desde_el_inicio(
    pagina, live_server, entrar_como, comprobar_accesibilidad, ana
):
    otra = EmpleadoFactory(oficina=ana.oficina, identificador="B000999")
    entrar_como(pagina, ana.usuario)
    with pagina.expect_navigation():
        pagina.get_by_role("link", name="Mis datos personales").click()
    expect(pagina.get_by_role("heading", name="Mis datos personales")).to_be_visible()
    comprobar_accesibilidad(pagina)
    with pagina.expect_download() as info:
        pagina.get_by_role("link", name="Descargar mis datos (ZIP)").click()
    descarga = info.value
    assert re.fullmatch(
        r"datos-personales-a000123-\d{4}-\d{2}-\d{2}\.zip", descarga.suggested_filename
    )
    with _leer_zip(descarga) as zf:
        nombres = zf.namelist()
        assert "LEEME.txt" in nombres and "organizacion/perfil.csv" in nombres
        hojas = [n for n in nombres if n.endswith(".csv")]
        assert set(nombres) - set(hojas) == {"LEEME.txt"}
        perfil = _leer_csv(zf.read("organizacion/perfil.csv"))
        assert any("A000123" in fila for fila in perfil[1:])
        todo = b"".join(zf.read(n) for n in nombres).decode("utf-8-sig")
    assert otra.identificador not in todo
    # Nobody else's ZIP: the same address for a colleague is refused.
    respuesta = pagina.goto(
        f"{live_server.url}/organizacion/empleados/{otra.pk}/datos-personales.zip"
    )
    assert respuesta.status == 403


def test_dpd_atiende_una_solicitud_y_lo_ve_en_el_registro_de_accesos(
    pagina, live_server, entrar_como, comprobar_accesibilidad, por_el_menu, ana
):
    from auditoria.models import AccesoDatos

    dpd = EmpleadoFactory(usuario__roles=["empleado", "dpd"], usuario__username="dpd")
    entrar_como(pagina, dpd.usuario)

    por_el_menu(pagina, "Datos personales")
    expect(
        pagina.get_by_role("heading", name="Datos personales del personal")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    pagina.get_by_label("Nombre, apellidos o identificador").fill("ruiz ana")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Buscar").click()
    expect(pagina.get_by_role("rowheader", name="Ana Ruiz Sanz")).to_be_visible()
    comprobar_accesibilidad(pagina)
    with pagina.expect_download() as info:
        pagina.get_by_role("link", name="Descargar ZIP de Ana Ruiz Sanz").click()
    with _leer_zip(info.value) as zf:
        perfil = _leer_csv(zf.read("organizacion/perfil.csv"))
    assert any("A000123" in fila for fila in perfil[1:])

    por_el_menu(pagina, "Registro de tratamientos")
    expect(
        pagina.get_by_role("heading", name="Registro de actividades de tratamiento")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    with pagina.expect_download() as info:
        pagina.get_by_role("link", name="Descargar el registro (CSV)").click()
    filas = _leer_csv(Path(info.value.path()).read_bytes())
    assert filas[0] == [str(c) for c in proteccion_datos.COLUMNAS_REGISTRO]
    assert len(filas) > 1

    por_el_menu(pagina, "Registro de accesos")
    expect(
        pagina.get_by_role("heading", name="Registro de accesos a datos personales")
    ).to_be_visible()
    comprobar_accesibilidad(pagina)
    # The ZIP just downloaded of someone else is an access to her data.
    tabla = pagina.get_by_role("table")
    expect(tabla.get_by_role("row").filter(has_text="A000123")).to_have_count(1)
    fila = tabla.get_by_role("row").filter(has_text="A000123")
    expect(fila).to_contain_text("dpd")
    expect(fila).to_contain_text("Exportar")

    pagina.get_by_label("Identificador de la persona").fill("A000123")
    pagina.get_by_label("Usuario").fill("dpd")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Filtrar").click()
    expect(tabla.get_by_role("row").filter(has_text="A000123")).to_have_count(1)
    comprobar_accesibilidad(pagina)
    with pagina.expect_download() as info:
        pagina.get_by_role("link", name="Exportar CSV (con estos filtros)").click()
    exportadas = _leer_csv(Path(info.value.path()).read_bytes())
    assert len(exportadas) == 2 and "A000123" in exportadas[1]
    # The export is itself logged, and the page shows it.
    assert AccesoDatos.objects.filter(
        categoria=AccesoDatos.Categoria.REGISTRO, usuario_nombre="dpd"
    ).exists()
    pagina.get_by_label("Identificador de la persona").fill("")
    pagina.get_by_label("Categoría").select_option("registro")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Filtrar").click()
    expect(
        tabla.get_by_role("row").filter(has_text="Registro de accesos")
    ).to_have_count(1)
    comprobar_accesibilidad(pagina)


# --- who reaches what from the menu ---------------------------------------------------

PAGINAS_DPD = ["Datos personales", "Registro de tratamientos", "Registro de accesos"]


@pytest.mark.parametrize(
    "roles,visibles",
    [
        (["empleado", "dpd"], PAGINAS_DPD),
        (["empleado", "direccion"], ["Registro de tratamientos"]),
        (["empleado", "calidad"], []),
        (["empleado", "supervisor"], []),
        (["empleado"], []),
    ],
)
def test_el_menu_lleva_a_cada_pagina_de_proteccion_de_datos_solo_a_quien_puede(
    pagina, live_server, entrar_como, roles, visibles
):
    empleado = EmpleadoFactory(usuario__roles=roles)
    entrar_como(pagina, empleado.usuario)
    menu = pagina.get_by_role("navigation", name="Principal")
    expect(menu).to_be_visible()
    for nombre in PAGINAS_DPD:
        expect(menu.get_by_role("link", name=nombre, exact=True)).to_have_count(
            1 if nombre in visibles else 0
        )
    # Everyone with a record reaches their own data from the home page.
    expect(pagina.get_by_role("link", name="Mis datos personales")).to_be_visible()
    direcciones = {
        "Datos personales": "/organizacion/datos-personales/",
        "Registro de tratamientos": "/organizacion/registro-de-tratamientos/",
        "Registro de accesos": "/auditoria/",
    }
    for nombre, ruta in direcciones.items():
        respuesta = pagina.goto(f"{live_server.url}{ruta}")
        assert respuesta.status == (200 if nombre in visibles else 403), ruta


def test_un_dpd_sin_ficha_de_empleado_tiene_su_inicio_y_su_menu(
    pagina, live_server, entrar_como, comprobar_accesibilidad, por_el_menu
):
    """An external data-protection officer: an account with the `dpd` role and
    no employee record. Their home page says what they do, not that they lack a
    profile, and leads to their pages."""
    from tests.factories import UsuarioFactory

    dpd = UsuarioFactory(roles=["dpd"])
    entrar_como(pagina, dpd)
    expect(pagina.get_by_text("no tiene un perfil asignado")).to_have_count(0)
    expect(
        pagina.get_by_text("Perfil: Delegado/a de protección de datos")
    ).to_be_visible()
    panel = pagina.get_by_role("region", name="Protección de datos")
    expect(panel).to_be_visible()
    expect(pagina.get_by_role("link", name="Mis datos personales")).to_have_count(0)
    comprobar_accesibilidad(pagina)
    for enlace, titulo in (
        ("Buscar a una persona y descargar sus datos", "Datos personales del personal"),
        (
            "Registro de actividades de tratamiento",
            "Registro de actividades de tratamiento",
        ),
        (
            "Registro de accesos a datos personales",
            "Registro de accesos a datos personales",
        ),
    ):
        with pagina.expect_navigation():
            panel.get_by_role("link", name=enlace).click()
        expect(pagina.get_by_role("heading", name=titulo, level=1)).to_be_visible()
        pagina.go_back()
    por_el_menu(pagina, "Registro de accesos")
    expect(
        pagina.get_by_role("heading", name="Registro de accesos a datos personales")
    ).to_be_visible()
