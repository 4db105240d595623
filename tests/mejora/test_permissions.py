import pytest
from django.urls import reverse

from tests.factories import EmpleadoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


URLS = [
    ("mejora:tablero", None),
    ("mejora:indicador", "csat"),
    ("mejora:valores", None),
    ("mejora:hallazgos", None),
    ("mejora:plan", None),
    ("mejora:accion_nueva", None),
    ("mejora:accion", "accion"),
    ("mejora:cartas", None),
    ("mejora:carta", "carta"),
    ("mejora:autoevaluaciones", None),
    ("mejora:autoevaluacion", "ae"),
    ("mejora:informes", None),
    ("mejora:informe", "informe"),
    ("mejora:informe_estado", "informe"),
]


def _url(nombre, arg, objetos):
    if arg is None:
        return reverse(nombre)
    if arg in objetos:
        return reverse(nombre, args=[objetos[arg].pk])
    return reverse(nombre, args=[arg])


@pytest.mark.parametrize(
    "roles,esperado",
    [
        (None, 302),
        ([], 403),
        (["empleado"], 403),
        (["empleado", "supervisor"], 403),
        (["empleado", "direccion"], 200),
        (["empleado", "calidad"], 200),
    ],
)
def test_matriz_de_permisos_solo_direccion_y_calidad(client, objetos, roles, esperado):
    if roles is not None:
        usuario = (
            EmpleadoFactory(usuario__roles=roles).usuario if roles else UsuarioFactory()
        )
        client.force_login(usuario)
    for nombre, arg in URLS:
        r = client.get(_url(nombre, arg, objetos))
        assert r.status_code == esperado, (nombre, r.status_code)
