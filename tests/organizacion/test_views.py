import csv
import io
import zipfile
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


# --- RGPD: an employee's data export and the register of processing ----------


@pytest.fixture
def ana(db):
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    return EmpleadoFactory(
        supervisor=jefa, oficina=jefa.oficina, nombre="Ana", apellidos="Ruiz Sanz"
    )


def _codigo(client, usuario, url):
    if usuario is not None:
        client.force_login(usuario)
    return client.get(url).status_code


def test_cada_empleado_descarga_su_propio_zip(client, ana):
    client.force_login(ana.usuario)
    assert client.get(reverse("organizacion:mis_datos")).status_code == 200
    respuesta = client.get(reverse("organizacion:exportar_datos", args=[ana.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"] == "application/zip"
    assert (
        f"datos-personales-{ana.identificador.lower()}"
        in respuesta["Content-Disposition"]
    )
    contenido = io.BytesIO(b"".join(respuesta.streaming_content))
    assert "organizacion/perfil.csv" in zipfile.ZipFile(contenido).namelist()


def test_nadie_mas_que_la_persona_y_el_dpd_descarga_el_zip(
    client, ana, usuario_direccion, usuario_calidad
):
    url = reverse("organizacion:exportar_datos", args=[ana.pk])
    companera = EmpleadoFactory(oficina=ana.oficina)
    dpd = EmpleadoFactory(usuario__roles=["empleado", "dpd"]).usuario
    assert _codigo(client, ana.supervisor.usuario, url) == 403
    assert _codigo(client, companera.usuario, url) == 403
    assert _codigo(client, usuario_direccion, url) == 403
    assert _codigo(client, usuario_calidad, url) == 403
    assert _codigo(client, dpd, url) == 200
    client.logout()
    respuesta = client.get(url)
    assert respuesta.status_code == 302 and reverse("login") in respuesta["Location"]
    assert (
        _codigo(client, dpd, reverse("organizacion:exportar_datos", args=[999999]))
        == 404
    )


def test_la_ficha_propia_enlaza_la_descarga_y_la_del_equipo_no(client, ana):
    url = reverse("organizacion:exportar_datos", args=[ana.pk])
    client.force_login(ana.usuario)
    assert (
        url
        in client.get(reverse("organizacion:empleado", args=[ana.pk])).content.decode()
    )
    assert (
        reverse("organizacion:mis_datos")
        in client.get(reverse("inicio")).content.decode()
    )
    client.force_login(ana.supervisor.usuario)
    html = client.get(reverse("organizacion:empleado", args=[ana.pk])).content.decode()
    assert url not in html


def test_mis_datos_sin_ficha_de_empleado_es_403(client, usuario_sin_rol):
    client.force_login(usuario_sin_rol)
    assert client.get(reverse("organizacion:mis_datos")).status_code == 403


def test_el_dpd_busca_a_una_persona_y_ve_su_enlace(client, ana, usuario_direccion):
    dpd = EmpleadoFactory(usuario__roles=["empleado", "dpd"]).usuario
    url = reverse("organizacion:datos_personales")
    client.force_login(dpd)
    html = client.get(url, {"q": "ruiz ana"}).content.decode()
    assert "Ana Ruiz Sanz" in html
    assert reverse("organizacion:exportar_datos", args=[ana.pk]) in html
    assert client.get(url, {"q": "x" * 101}).status_code == 200
    # A control character stops at the edge (comun.entradas): a clear 400.
    assert client.get(url, {"q": "a\x00b"}).status_code == 400
    menu = client.get(reverse("inicio")).content.decode()
    assert url in menu and reverse("organizacion:registro_tratamientos") in menu
    assert _codigo(client, usuario_direccion, url) == 403
    assert _codigo(client, ana.usuario, url) == 403


def test_registro_de_tratamientos_para_dpd_direccion_y_superusuario(
    client, ana, usuario_direccion, usuario_calidad
):
    url = reverse("organizacion:registro_tratamientos")
    csv_url = reverse("organizacion:registro_tratamientos_csv")
    dpd = EmpleadoFactory(usuario__roles=["empleado", "dpd"]).usuario
    admin = get_user_model().objects.create_superuser("raiz", "r@x.example", "x")
    for usuario in (dpd, usuario_direccion, admin):
        assert _codigo(client, usuario, url) == 200
        assert _codigo(client, usuario, csv_url) == 200
    for usuario in (ana.usuario, ana.supervisor.usuario, usuario_calidad):
        assert _codigo(client, usuario, url) == 403
        assert _codigo(client, usuario, csv_url) == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_el_registro_lista_actividades_campos_y_anonimato(
    client, usuario_direccion, django_assert_max_num_queries
):
    client.force_login(usuario_direccion)
    with django_assert_max_num_queries(MAXIMO_REGISTRO):
        html = client.get(
            reverse("organizacion:registro_tratamientos")
        ).content.decode()
    assert "Evaluación del desempeño" in html
    assert "<code>evaluacion.Evaluacion.comentario_evaluador</code>" in html
    assert "comentario de la supervisión" in html.lower()
    assert "Las respuestas a las encuestas son anónimas" in html
    assert "No existe en los modelos" not in html
    respuesta = client.get(reverse("organizacion:registro_tratamientos_csv"))
    texto = b"".join(respuesta.streaming_content).decode("utf-8")
    filas = list(csv.reader(io.StringIO(texto.removeprefix("\ufeff")), delimiter=";"))
    assert filas[0][:2] == ["Código", "Actividad de tratamiento"]
    assert ["formacion", "Certificado", "formacion.Certificado.pdf"] in [
        [f[0], f[10].capitalize(), f[12]] for f in filas[1:]
    ]


# The register is built from declarations: only the session and the user.
MAXIMO_REGISTRO = 6


def test_el_inicio_de_un_dpd_sin_ficha_dice_su_perfil_y_enlaza_sus_paginas(client):
    from tests.factories import UsuarioFactory

    client.force_login(UsuarioFactory(roles=["dpd"]))
    html = client.get(reverse("inicio")).content.decode()
    assert "no tiene un perfil asignado" not in html
    assert "Perfil: Delegado/a de protección de datos" in html
    for nombre in (
        "organizacion:datos_personales",
        "organizacion:registro_tratamientos",
        "auditoria:registro",
    ):
        assert f'href="{reverse(nombre)}"' in html
    assert reverse("organizacion:mis_datos") not in html
