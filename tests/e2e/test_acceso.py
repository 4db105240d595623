import pytest
from playwright.sync_api import expect

from tests.factories import EmpleadoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "roles,texto",
    [
        (["empleado"], "Mi oficina"),
        (["empleado", "supervisor"], "Mi equipo"),
        (["empleado", "direccion"], "La organización en cifras"),
        (["empleado", "calidad"], "La organización en cifras"),
    ],
)
def test_cada_perfil_entra_y_ve_su_inicio_accesible(
    pagina, live_server, entrar_como, comprobar_accesibilidad, roles, texto
):
    empleado = EmpleadoFactory(usuario__roles=roles, oficina__nombre="OAC de Pruebas")
    pagina.goto(f"{live_server.url}/cuenta/login/")
    comprobar_accesibilidad(pagina)
    entrar_como(pagina, empleado.usuario)
    expect(pagina.get_by_role("heading", name=texto)).to_be_visible()
    assert "OAC de Pruebas" in pagina.content()
    comprobar_accesibilidad(pagina)
