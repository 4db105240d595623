"""Every form of every public and staff page, fuzzed, as each role. The pages
are found from the URLconf (every address without parameters) and the links of
the pages it leads to; each form on them (POST and GET filters) is sent with
control characters, long texts, huge numbers, formulas and markup. Not one
answer may be a 5xx (an exception raised by a view counts as one). Fixed
values and a fixed order: the same requests on every run."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.test import Client

from organizacion.models import Oficina
from tests.comun.fuzz import envios_hostiles, leer_pagina, rutas_sin_parametros
from tests.factories import invitar
from tests.factories.personal import organizacion_con_personal

pytestmark = pytest.mark.django_db

# Third-party back offices (their own forms, already behind the edge's check),
# files, the API (test_fuzz_api), probes, and what would end the session.
EXCLUIR = (
    "/admin/",
    "/cms/",
    "/documentos/",
    "/api/",
    "/media/",
    "/static/",
    "/metrics",
    "/health/",
    "/cuenta/logout/",
    "/i18n/",
)
MAX_PAGINAS = 120
ENVIOS_POR_FORMULARIO = 4
ROLES = ("anonimo", "empleado", "supervisor", "direccion", "calidad")


@pytest.fixture
def sitio(settings):
    settings.ENCUESTAS_IP_LIMITE = (0, 60)
    _org, _datos, usuarios = organizacion_con_personal(oficinas=2, personas=8)
    _registro, token = invitar(Oficina.objects.order_by("pk").first())
    return {"usuarios": usuarios, "token": token}


def _forma(ruta: str) -> str:
    return re.sub(r"\d+", "#", urlsplit(ruta).path)


def _excluida(ruta: str) -> bool:
    return urlsplit(ruta).path.startswith(EXCLUIR)


class _Recorrido:
    def __init__(self, cliente: Client, usuario):
        self.cliente, self.usuario = cliente, usuario
        self.fallos: list[tuple] = []

    def pedir(self, metodo: str, ruta: str, datos=None):
        try:
            if metodo == "post":
                respuesta = self.cliente.post(ruta, datos or {})
            else:
                respuesta = self.cliente.get(ruta, datos or {})
        except Exception as exc:  # the view raised: what the server turns into a 500
            self.fallos.append((metodo, ruta, datos, repr(exc)[:300]))
            return None
        if respuesta.status_code >= 500:
            self.fallos.append((metodo, ruta, datos, respuesta.status_code))
        # A fuzzed form may end the session (a password change): sign in again.
        if self.usuario is not None and "_auth_user_id" not in self.cliente.session:
            self.cliente.force_login(self.usuario)
        return respuesta


@pytest.mark.parametrize("rol", ROLES)
def test_ningun_formulario_da_un_5xx(sitio, rol):
    cliente = Client()
    usuario = None
    if rol != "anonimo":
        from django.contrib.auth import get_user_model

        usuario = get_user_model().objects.get(username=sitio["usuarios"][rol])
        cliente.force_login(usuario)
    recorrido = _Recorrido(cliente, usuario)
    pendientes = deque(rutas_sin_parametros(EXCLUIR) + [f"/e/{sitio['token']}/"])
    vistas: set[str] = set()
    formularios: dict[tuple[str, str], object] = {}
    while pendientes and len(vistas) < MAX_PAGINAS:
        ruta = pendientes.popleft()
        # One page per kind of address (ids aside, query aside: the filters are
        # fuzzed as forms).
        clave = _forma(ruta)
        if clave in vistas or _excluida(ruta):
            continue
        vistas.add(clave)
        respuesta = recorrido.pedir("get", ruta)
        if respuesta is None or respuesta.status_code != 200:
            continue
        if "html" not in respuesta.get("Content-Type", ""):
            continue
        enlaces, encontrados = leer_pagina(ruta, respuesta.content.decode())
        pendientes.extend(e for e in enlaces if _forma(e) not in vistas)
        for f in encontrados:
            if not _excluida(f.accion):
                formularios.setdefault((f.metodo, _forma(f.accion)), f)
    assert vistas and formularios, "the walk found no page or no form"
    for formulario in formularios.values():
        for datos in envios_hostiles(formulario, ENVIOS_POR_FORMULARIO):
            recorrido.pedir(formulario.metodo, formulario.accion, datos)
    assert recorrido.fallos == []
