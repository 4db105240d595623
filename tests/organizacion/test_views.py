import pytest
from django.urls import reverse

from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def test_anonimo_va_al_login(client):
    respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 302
    assert reverse("login") in respuesta["Location"]


def test_empleado_ve_su_oficina_en_inicio(client):
    empleado = EmpleadoFactory(oficina__nombre="OAC Triana")
    client.force_login(empleado.usuario)
    respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 200
    assert "OAC Triana" in respuesta.content.decode()
    assert "La organización en cifras" not in respuesta.content.decode()


def test_supervisor_ve_su_equipo_indirecto(client):
    jefe = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    mando = EmpleadoFactory(supervisor=jefe, usuario__roles=["empleado", "supervisor"])
    EmpleadoFactory(supervisor=mando, apellidos="Indirecta")
    client.force_login(jefe.usuario)
    respuesta = client.get(reverse("organizacion:equipo"))
    assert respuesta.status_code == 200
    assert "Indirecta" in respuesta.content.decode()
