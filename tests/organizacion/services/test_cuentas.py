"""The welcome e-mail (organizacion.services.cuentas): sent once, in the new
employee's language."""

import pytest
from django.core import mail

from organizacion.services import enviar_bienvenida
from tests.factories.organizacion import EmpleadoFactory

pytestmark = pytest.mark.django_db


def test_la_bienvenida_sale_en_el_idioma_del_perfil():
    empleado = EmpleadoFactory(idioma="eu", usuario__email="langilea@example.org")
    assert enviar_bienvenida(empleado=empleado) is True
    (correo,) = mail.outbox
    assert "Bienvenida" not in correo.subject and "Ventanilla" in correo.subject
    assert "Hola" not in correo.body and "Se ha creado" not in correo.body
    assert empleado.usuario.username in correo.body
    assert enviar_bienvenida(empleado=empleado) is False  # once


def test_sin_idioma_en_el_perfil_sale_en_castellano():
    empleado = EmpleadoFactory(idioma="", usuario__email="persona@example.org")
    enviar_bienvenida(empleado=empleado)
    assert mail.outbox[0].subject == "Bienvenida a Ventanilla"
    assert mail.outbox[0].body.startswith(f"Hola, {empleado.nombre}:")
