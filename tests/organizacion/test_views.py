from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizacion.models import Empleado
from tests.factories import EmpleadoFactory, OficinaFactory, PuestoFactory

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


# Home pages gather one panel per app (organizacion alone needs under 20 queries).
MAXIMO_INICIO = 60


MAXIMO_EQUIPO = 12


MAXIMO_OFICINAS = 15


def plantilla(supervisor, *, mandos: int, por_mando: int, prefijo: str = "v"):
    """A team under `supervisor`: `mandos` direct reports with `por_mando` people each,
    created in bulk (hundreds of people without hundreds of factory calls)."""
    User = get_user_model()
    oficinas = [OficinaFactory() for _ in range(4)]
    puesto = PuestoFactory()
    total = mandos * (1 + por_mando)
    usuarios = User.objects.bulk_create(
        User(
            username=f"{prefijo}volumen{i}",
            password="!",
            first_name="Persona",
            last_name=f"Volumen {i:03d}",
        )
        for i in range(total)
    )
    grupo = Group.objects.get(name="empleado")
    grupo.user_set.add(*usuarios)
    it = iter(usuarios)

    def crear(jefe, n):
        return Empleado.objects.bulk_create(
            Empleado(
                usuario=next(it),
                identificador=f"V{jefe.pk}-{i}",
                nombre="Persona",
                apellidos=f"Volumen {jefe.pk}-{i}",
                oficina=oficinas[i % 4],
                puesto=puesto,
                supervisor=jefe,
                fecha_alta=date(2020, 1, 1),
            )
            for i in range(n)
        )

    for mando in crear(supervisor, mandos):
        crear(mando, por_mando)
    return total


def _consultas(client, usuario, url) -> int:
    client.force_login(usuario)
    with CaptureQueriesContext(connection) as consultas:
        assert client.get(url).status_code == 200
    return len(consultas)


@pytest.mark.parametrize(
    "roles",
    [
        ["empleado"],
        ["empleado", "supervisor"],
        ["empleado", "direccion"],
        ["empleado", "calidad"],
    ],
    ids=["empleado", "supervisor", "direccion", "calidad"],
)
def test_consultas_acotadas_en_inicio(client, django_assert_max_num_queries, roles):
    """Every app adds panels to the home page: the total stays under a ceiling and,
    above all, does not grow with the size of the team or the organisation."""
    pequena = EmpleadoFactory(usuario__roles=roles)
    plantilla(pequena, mandos=2, por_mando=2, prefijo="p")
    grande = EmpleadoFactory(usuario__roles=roles)
    plantilla(grande, mandos=6, por_mando=12, prefijo="g")
    _consultas(client, pequena.usuario, reverse("inicio"))  # warm per-process caches
    con_pocos = _consultas(client, pequena.usuario, reverse("inicio"))
    client.force_login(grande.usuario)
    with django_assert_max_num_queries(MAXIMO_INICIO):
        respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 200
    assert _consultas(client, grande.usuario, reverse("inicio")) == con_pocos


def test_consultas_acotadas_en_inicio_de_superusuario_sin_ficha(
    client, django_assert_max_num_queries
):
    admin = get_user_model().objects.create_superuser("raiz", "raiz@x.example", "x")
    client.force_login(admin)
    with django_assert_max_num_queries(MAXIMO_INICIO):
        assert client.get(reverse("inicio")).status_code == 200


def test_consultas_acotadas_en_el_equipo_con_200_personas(
    client, django_assert_max_num_queries
):
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    total = plantilla(jefa, mandos=10, por_mando=19)
    assert total == 200
    client.force_login(jefa.usuario)
    with django_assert_max_num_queries(MAXIMO_EQUIPO):
        respuesta = client.get(reverse("organizacion:equipo"))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert html.count("/organizacion/empleados/") >= 200


def test_consultas_acotadas_en_oficinas(
    client, django_assert_max_num_queries, usuario_direccion
):
    for _ in range(30):
        OficinaFactory()
    client.force_login(usuario_direccion)
    with django_assert_max_num_queries(MAXIMO_OFICINAS):
        assert client.get(reverse("organizacion:oficinas")).status_code == 200


@pytest.mark.parametrize(
    "rol,nombre",
    [
        ("direccion", "organizacion:oficinas"),
        ("calidad", "organizacion:oficinas"),
        ("supervisor", "organizacion:equipo"),
    ],
)
def test_paginas_de_plantilla_acotadas_a_n_y_3n(
    client, personal, django_assert_max_num_queries, rol, nombre
):
    """Issue 14: one ceiling at N and 3N people (the `personal` fixture)."""
    client.force_login(personal["usuarios"][rol])
    with django_assert_max_num_queries(max(MAXIMO_OFICINAS, MAXIMO_EQUIPO)):
        assert client.get(reverse(nombre)).status_code == 200
