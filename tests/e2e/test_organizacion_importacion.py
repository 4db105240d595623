"""Browser journey: the quality officer imports a staff file from the admin,
sees every bad cell by line and column, fixes the file and imports it."""

import pytest
from playwright.sync_api import expect

from organizacion.models import Empleado
from tests.factories import EmpleadoFactory, PuestoFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CABECERA = "Identificador;Nombre;Apellidos;Correo electrónico;Oficina;Puesto;Supervisor"


def _csv(*filas: str) -> bytes:
    return "\r\n".join([CABECERA, *filas]).encode("utf-8-sig")


def test_calidad_importa_la_plantilla_desde_la_administracion(
    pagina, live_server, entrar_como, comprobar_accesibilidad
):
    calidad = EmpleadoFactory(
        usuario__roles=["empleado", "calidad"], usuario__is_staff=True
    )
    dir3 = calidad.oficina.codigo_dir3
    PuestoFactory(codigo="informador")
    entrar_como(pagina, calidad.usuario)

    pagina.goto(f"{live_server.url}/admin/organizacion/empleado/")
    pagina.get_by_role("link", name="Importar desde Excel").click()
    expect(pagina.get_by_role("heading", name="Importar plantilla")).to_be_visible()
    comprobar_accesibilidad(pagina, "#content-main")

    malo = _csv(
        f"E1;Ana;Gil;ana@x.example;{dir3};informador;",
        "E2;Luis;Sanz;luis@x.example;O99999999;informador;E1",
        f"E3;Eva;Ruiz;sin-arroba;{dir3};inexistente;E9",
    )
    pagina.locator("#id_fichero").set_input_files(
        {"name": "empleados.csv", "mimeType": "text/csv", "buffer": malo}
    )
    pagina.get_by_role("button", name="Importar").click()
    expect(
        pagina.get_by_role("heading", name="no se ha importado nada")
    ).to_be_visible()
    errores = pagina.locator("#errores-importacion tbody tr")
    expect(errores).to_have_count(4)
    expect(errores.nth(0)).to_contain_text("E (Oficina)")
    assert not Empleado.objects.filter(identificador__in=["E1", "E2", "E3"]).exists()
    comprobar_accesibilidad(pagina, "#content-main")

    bueno = _csv(
        f"E1;Ana;Gil;ana@x.example;{dir3};informador;",
        f"E2;Luis;Sanz;luis@x.example;{dir3};informador;E1",
    )
    pagina.locator("#id_fichero").set_input_files(
        {"name": "empleados.csv", "mimeType": "text/csv", "buffer": bueno}
    )
    pagina.get_by_role("button", name="Importar").click()
    expect(
        pagina.get_by_role("heading", name="Importación completada.")
    ).to_be_visible()
    assert Empleado.objects.get(identificador="E2").supervisor.identificador == "E1"
