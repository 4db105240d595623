import pytest

from auditoria.models import AccesoDatos
from demo import auditoria
from tests.factories import EmpleadoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


def test_siembra_accesos_de_ejemplo_una_sola_vez():
    jefa = EmpleadoFactory(
        usuario=UsuarioFactory(username="supervisor", roles=["empleado", "supervisor"])
    )
    EmpleadoFactory(usuario=UsuarioFactory(username="empleada"), supervisor=jefa)
    EmpleadoFactory(
        usuario=UsuarioFactory(username="direccion", roles=["empleado", "direccion"])
    )
    assert auditoria.sembrar() == {"accesos": 4}
    assert auditoria.sembrar() == {"accesos": 0}
    assert AccesoDatos.objects.count() == 4
    assert set(AccesoDatos.objects.values_list("usuario_nombre", flat=True)) == {
        "supervisor",
        "direccion",
    }
    assert AccesoDatos.objects.get(ruta="/encuestas/comentarios/").roles == (
        "direccion,empleado"
    )
