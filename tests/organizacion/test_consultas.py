"""Bounded queries per page: the cost of a page must not grow with the data."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from organizacion.models import Empleado
from tests.factories import EmpleadoFactory, OficinaFactory, PuestoFactory

pytestmark = pytest.mark.django_db

# Home pages gather one panel per app: each app's panels must stay within this.
MAXIMO_INICIO = 30
MAXIMO_EQUIPO = 12
MAXIMO_OFICINAS = 15


def plantilla(supervisor, *, mandos: int, por_mando: int):
    """A team under `supervisor`: `mandos` direct reports with `por_mando` people each,
    created in bulk (hundreds of people without hundreds of factory calls)."""
    User = get_user_model()
    oficinas = [OficinaFactory() for _ in range(4)]
    puesto = PuestoFactory()
    total = mandos * (1 + por_mando)
    usuarios = User.objects.bulk_create(
        User(
            username=f"volumen{i}",
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
    persona = EmpleadoFactory(usuario__roles=roles)
    plantilla(persona, mandos=5, por_mando=9)
    client.force_login(persona.usuario)
    with django_assert_max_num_queries(MAXIMO_INICIO):
        respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 200


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
