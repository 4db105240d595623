import pytest
from django.test import RequestFactory

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso
from tests.factories import EmpleadoFactory

pytestmark = pytest.mark.django_db

C, A = AccesoDatos.Categoria, AccesoDatos.Accion


def _peticion(usuario, ruta="/evaluacion/evaluaciones/7/?x=1"):
    request = RequestFactory().get(ruta)
    request.user = usuario
    return request


def test_registra_quien_cuando_rol_que_y_de_quien():
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    persona = EmpleadoFactory(supervisor=jefa, identificador="E000042")
    acceso = registrar_acceso(
        _peticion(jefa.usuario),
        categoria=C.EXPEDIENTE,
        accion=A.DESCARGAR,
        objeto=persona,
        sujeto=persona,
    )
    fila = AccesoDatos.objects.get()
    assert fila == acceso
    assert fila.usuario == jefa.usuario
    assert fila.usuario_nombre == jefa.usuario.username
    assert fila.roles == "empleado,supervisor"
    assert (fila.categoria, fila.accion) == ("expediente", "descargar")
    assert (fila.objeto_tipo, fila.objeto_id) == (
        "organizacion.empleado",
        str(persona.pk),
    )
    assert (fila.sujeto, fila.sujeto_identificador) == (persona, "E000042")
    assert (fila.ruta, fila.metodo) == ("/evaluacion/evaluaciones/7/?x=1", "GET")
    assert fila.fecha is not None


def test_la_propia_persona_no_deja_rastro():
    persona = EmpleadoFactory()
    acceso = registrar_acceso(
        _peticion(persona.usuario), categoria=C.EVALUACION, accion=A.VER, sujeto=persona
    )
    assert acceso is None
    assert not AccesoDatos.objects.exists()


def test_superusuario_sin_ficha_y_sin_sujeto():
    from tests.factories import UsuarioFactory

    admin = UsuarioFactory(is_superuser=True)
    registrar_acceso(_peticion(admin), categoria=C.COMENTARIOS, accion=A.VER)
    fila = AccesoDatos.objects.get()
    assert fila.roles == "superusuario"
    assert fila.sujeto is None and fila.sujeto_identificador == ""
    assert fila.objeto_tipo == "" and fila.objeto_id == ""


def test_una_ruta_larga_se_recorta():
    persona = EmpleadoFactory()
    registrar_acceso(
        _peticion(persona.usuario, "/encuestas/comentarios/?q=" + "a" * 900),
        categoria=C.COMENTARIOS,
        accion=A.VER,
    )
    assert len(AccesoDatos.objects.get().ruta) == 500


def test_una_sola_consulta_si_los_roles_ya_se_leyeron(django_assert_num_queries):
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    persona = EmpleadoFactory(supervisor=jefa)
    request = _peticion(jefa.usuario)
    from organizacion.selectors import empleado_de, roles_de

    roles_de(request.user), empleado_de(request.user)
    with django_assert_num_queries(1):
        registrar_acceso(request, categoria=C.EVALUACION, accion=A.VER, sujeto=persona)
