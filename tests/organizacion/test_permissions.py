"""Permission matrix: role × page → expected status, for every page of the platform."""

import pytest
from django.urls import reverse

from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


ROLES = {
    "anonimo": None,
    "empleado": ["empleado"],
    "supervisor": ["empleado", "supervisor"],
    "direccion": ["empleado", "direccion"],
    "calidad": ["empleado", "calidad"],
    "superusuario": [],
}


IMPORTAR = "/admin/organizacion/empleado/importar/"


PAGINAS = [
    "/inicio/",
    "/organizacion/oficinas/",
    "/organizacion/equipo/",
    "empleado:propio",
    "empleado:equipo",
    "empleado:otro",
    "/admin/",
    "/cms/",
    IMPORTAR,
]


# 302 for the anonymous user is the way to the login page; the Django and Wagtail
# admins also send signed-in people without access back to their own login page.
ESPERADO = {
    #               inicio ofic. equipo propio miembro otro admin cms importar
    "anonimo": [302, 302, 302, 302, 302, 302, 302, 302, 302],
    "empleado": [200, 403, 403, 200, 403, 403, 302, 302, 302],
    "supervisor": [200, 403, 200, 200, 200, 403, 302, 302, 302],
    "direccion": [200, 200, 403, 200, 200, 200, 302, 302, 302],
    "calidad": [200, 200, 403, 200, 403, 403, 200, 200, 200],
    "superusuario": [200, 200, 200, 200, 200, 200, 200, 200, 200],
}


CASOS = [
    (rol, pagina, ESPERADO[rol][i]) for rol in ROLES for i, pagina in enumerate(PAGINAS)
]


@pytest.fixture
def escenario(db):
    """For each role, a person with a direct and an indirect report, plus a stranger."""

    def crear(rol):
        if ROLES[rol] is None:
            persona = EmpleadoFactory()
            usuario = None
        elif rol == "superusuario":
            persona = EmpleadoFactory(
                usuario__is_superuser=True, usuario__is_staff=True
            )
            usuario = persona.usuario
        else:
            persona = EmpleadoFactory(usuario__roles=ROLES[rol])
            usuario = persona.usuario
            if rol == "calidad":
                usuario.is_staff = True
                usuario.save(update_fields=["is_staff"])
        directo = EmpleadoFactory(supervisor=persona)
        indirecto = EmpleadoFactory(supervisor=directo)
        otro = EmpleadoFactory()
        return usuario, {"propio": persona, "equipo": indirecto, "otro": otro}

    return crear


def _url(pagina, personas):
    if pagina.startswith("empleado:"):
        return reverse(
            "organizacion:empleado", args=[personas[pagina.split(":")[1]].pk]
        )
    return pagina


@pytest.mark.parametrize(
    "rol,pagina,estado", CASOS, ids=[f"{r}-{p}" for r, p, _ in CASOS]
)
def test_matriz_de_permisos(client, escenario, rol, pagina, estado):
    usuario, personas = escenario(rol)
    if usuario is not None:
        client.force_login(usuario)
    respuesta = client.get(_url(pagina, personas))
    assert respuesta.status_code == estado
    if (
        estado == 302
        and usuario is None
        and not pagina.startswith(("/admin/", "/cms/"))
    ):
        assert respuesta["Location"].startswith(reverse("login"))


def test_empleado_inexistente_es_404(client, usuario_direccion):
    client.force_login(usuario_direccion)
    assert (
        client.get(reverse("organizacion:empleado", args=[999999])).status_code == 404
    )
