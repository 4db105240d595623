"""The access log is append-only: the model, its queryset and the database refuse
to change or remove a row; deleting the people it names still works."""

import pytest
from django.db import DatabaseError, connection, transaction

from auditoria.models import AccesoDatos, RegistroInalterable
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db


def _acceso(**campos) -> AccesoDatos:
    datos = {
        "usuario_nombre": "supervisora",
        "roles": "supervisor",
        "accion": AccesoDatos.Accion.VER,
        "categoria": AccesoDatos.Categoria.EVALUACION,
        "ruta": "/evaluacion/evaluaciones/1/",
        "metodo": "GET",
    }
    return AccesoDatos.objects.create(**{**datos, **campos})


def test_guardar_de_nuevo_una_fila_se_rechaza():
    acceso = _acceso()
    acceso.roles = "direccion"
    with pytest.raises(RegistroInalterable):
        acceso.save()
    acceso.refresh_from_db()
    assert acceso.roles == "supervisor"


def test_borrar_una_fila_o_el_queryset_se_rechaza():
    acceso = _acceso()
    with pytest.raises(RegistroInalterable):
        acceso.delete()
    with pytest.raises(RegistroInalterable):
        AccesoDatos.objects.all().delete()
    with pytest.raises(RegistroInalterable):
        AccesoDatos.objects.update(roles="otro")
    assert AccesoDatos.objects.filter(pk=acceso.pk, roles="supervisor").exists()


@pytest.mark.parametrize(
    "sentencia",
    [
        "UPDATE auditoria_accesodatos SET roles = 'otro'",
        "DELETE FROM auditoria_accesodatos",
    ],
)
def test_la_base_de_datos_rechaza_update_y_delete(sentencia):
    acceso = _acceso()
    with pytest.raises(DatabaseError, match="solo añadir"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sentencia)
    acceso.refresh_from_db()
    assert acceso.roles == "supervisor"


def test_borrar_la_persona_y_el_usuario_no_toca_el_registro():
    persona = EmpleadoFactory(identificador="X000001")
    usuario = persona.usuario
    acceso = _acceso(usuario=usuario, sujeto=persona, sujeto_identificador="X000001")
    usuario.delete()  # cascades to the Empleado
    fila = AccesoDatos.objects.select_related("usuario", "sujeto").get(pk=acceso.pk)
    assert fila.sujeto_identificador == "X000001"
    assert fila.usuario_nombre == "supervisora"
    assert fila.sujeto is None
    assert fila.usuario is None


def test_los_roles_del_registro_se_leen_con_su_nombre_en_el_idioma_de_quien_lee():
    from django.utils import translation

    from auditoria.models import AccesoDatos

    acceso = AccesoDatos(roles="superusuario,calidad,dpd")
    assert acceso.roles_legibles == (
        "Superusuario/a, Calidad, Delegado/a de protección de datos"
    )
    with translation.override("ca"):
        assert acceso.roles_legibles.split(", ")[1] == "Qualitat"
    assert AccesoDatos(roles="").roles_legibles == ""
