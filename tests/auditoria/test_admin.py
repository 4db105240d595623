"""The access log in the Django admin: read-only; only the DPD and superusers see it."""

import pytest
from django.urls import reverse

from auditoria.models import AccesoDatos
from tests.factories import EmpleadoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

LISTA = reverse("admin:auditoria_accesodatos_changelist")


@pytest.fixture
def acceso(db):
    return AccesoDatos.objects.create(
        usuario_nombre="supervisora",
        accion="ver",
        categoria="evaluacion",
        ruta="/evaluacion/evaluaciones/1/",
        metodo="GET",
    )


def _personal(*roles):
    usuario = EmpleadoFactory(usuario__roles=["empleado", *roles]).usuario
    usuario.is_staff = True
    usuario.save(update_fields=["is_staff"])
    return usuario


@pytest.mark.parametrize(
    "usuario, esperado",
    [
        (lambda: UsuarioFactory(is_superuser=True, is_staff=True), 200),
        (lambda: _personal("dpd"), 200),
        (lambda: _personal("calidad"), 403),
        (lambda: _personal("direccion"), 403),
    ],
)
def test_quien_ve_la_lista(client, acceso, usuario, esperado):
    client.force_login(usuario())
    assert client.get(LISTA).status_code == esperado


def test_nadie_anade_cambia_ni_borra(client, acceso):
    client.force_login(UsuarioFactory(is_superuser=True, is_staff=True))
    ficha = reverse("admin:auditoria_accesodatos_change", args=[acceso.pk])
    r = client.get(ficha)
    assert r.status_code == 200
    assert b'name="_save"' not in r.content
    assert client.get(reverse("admin:auditoria_accesodatos_add")).status_code == 403
    borrar = reverse("admin:auditoria_accesodatos_delete", args=[acceso.pk])
    assert client.post(borrar, {"post": "yes"}).status_code == 403
    assert client.post(ficha, {"roles": "x"}).status_code == 403
    assert AccesoDatos.objects.filter(pk=acceso.pk, roles="").exists()
