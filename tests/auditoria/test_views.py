"""The DPD's page: who may read it (role matrix), filters, keyset pages with a
bounded number of queries, bad input as 400, and the CSV export, itself logged."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from auditoria.models import AccesoDatos
from tests.factories import EmpleadoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db

REGISTRO = reverse("auditoria:registro")
EXPORTAR = reverse("auditoria:exportar_csv")
INICIO = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _filas(n, **campos):
    AccesoDatos.objects.bulk_create(
        AccesoDatos(
            fecha=INICIO + timedelta(minutes=i),
            usuario_nombre=campos.get("usuario_nombre", f"usuario{i % 3}"),
            roles="supervisor",
            accion=AccesoDatos.Accion.VER,
            categoria=campos.get("categoria", AccesoDatos.Categoria.EVALUACION),
            objeto_tipo="evaluacion.evaluacion",
            objeto_id=str(i),
            sujeto_identificador=campos.get("sujeto", f"E{i % 5:06d}"),
            ruta=f"/evaluacion/evaluaciones/{i}/",
            metodo="GET",
        )
        for i in range(n)
    )


@pytest.fixture
def dpd(db):
    return EmpleadoFactory(usuario__roles=["empleado", "dpd"]).usuario


@pytest.mark.parametrize(
    "roles, esperado",
    [
        (["empleado"], 403),
        (["empleado", "supervisor"], 403),
        (["empleado", "direccion"], 403),
        (["empleado", "calidad"], 403),
        (["empleado", "dpd"], 200),
        ("superusuario", 200),
        (None, 302),
    ],
)
@pytest.mark.parametrize("url", [REGISTRO, EXPORTAR])
def test_solo_dpd_y_superusuario(client, roles, esperado, url):
    if roles == "superusuario":
        client.force_login(UsuarioFactory(is_superuser=True))
    elif roles is not None:
        client.force_login(EmpleadoFactory(usuario__roles=roles).usuario)
    assert client.get(url).status_code == esperado


def test_la_dpd_ve_el_enlace_en_el_menu(client, dpd):
    client.force_login(dpd)
    assert f'href="{REGISTRO}"' in client.get(reverse("inicio")).content.decode()


def test_filtra_por_fechas_usuario_persona_y_categoria(client, dpd):
    _filas(30)
    _filas(1, categoria=AccesoDatos.Categoria.COMENTARIOS, sujeto="")
    client.force_login(dpd)

    def contar(**filtros):
        return len(client.get(REGISTRO, filtros).context["filas"])

    assert contar() == 31
    assert contar(usuario="usuario1") == 10
    assert contar(sujeto="E000002") == 6
    assert contar(categoria="comentarios") == 1
    assert contar(desde="2026-03-02", hasta="2026-03-02") == 31
    assert contar(desde="2026-03-03") == 0
    assert contar(usuario="usuario1", sujeto="E000001") == 2


def test_paginas_por_cursor_sin_repetir_ni_perder_filas(client, dpd):
    _filas(120)
    client.force_login(dpd)
    vistas, url, paginas = [], REGISTRO + "?usuario=usuario0", 0
    while url:
        r = client.get(url)
        vistas += [a.pk for a in r.context["filas"]]
        paginas += 1
        siguiente = r.context["siguiente"]
        url = REGISTRO + f"?usuario=usuario0&antes={siguiente}" if siguiente else ""
    esperadas = list(
        AccesoDatos.objects.filter(usuario_nombre="usuario0").values_list(
            "pk", flat=True
        )
    )
    assert vistas == esperadas
    assert paginas == 1
    vistas, url = [], REGISTRO
    while url:
        r = client.get(url)
        vistas += [a.pk for a in r.context["filas"]]
        url = (
            REGISTRO + f"?antes={r.context['siguiente']}"
            if r.context["siguiente"]
            else ""
        )
    assert vistas == list(AccesoDatos.objects.values_list("pk", flat=True))
    assert len(vistas) == 120


@pytest.mark.parametrize("n", [10, 600])
def test_consultas_acotadas_con_muchas_filas(
    client, dpd, n, django_assert_max_num_queries
):
    _filas(n)
    client.force_login(dpd)
    client.get(REGISTRO)  # session and user warm
    with django_assert_max_num_queries(6):
        r = client.get(REGISTRO + "?categoria=evaluacion")
    assert len(r.context["filas"]) == min(n, 50)


@pytest.mark.parametrize(
    "consulta",
    [
        {"desde": "2026-13-01"},
        {"desde": "2026-03-05", "hasta": "2026-03-01"},
        {"hasta": "9999-12-31"},
        {"categoria": "inventada"},
        {"antes": "no-es-un-cursor"},
        {"antes": "999999999999999999-1"},
        {"antes": "-5-1"},
        {"usuario": "a\x00b"},
        {"sujeto": "x" * 31},
    ],
)
@pytest.mark.parametrize("url", [REGISTRO, EXPORTAR])
def test_un_filtro_no_valido_es_400(client, dpd, consulta, url):
    client.force_login(dpd)
    r = client.get(url, consulta)
    assert r.status_code == 400
    assert not AccesoDatos.objects.exists()


def test_la_exportacion_lleva_los_filtros_y_queda_registrada(client, dpd):
    _filas(12)
    client.force_login(dpd)
    r = client.get(EXPORTAR, {"sujeto": "E000003"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    lineas = b"".join(r.streaming_content).decode("utf-8-sig").splitlines()
    assert lineas[0].startswith("fecha;usuario;roles;accion;categoria")
    assert len(lineas) == 1 + 2
    assert all("E000003" in linea for linea in lineas[1:])
    propia = AccesoDatos.objects.get(categoria=AccesoDatos.Categoria.REGISTRO)
    assert propia.accion == AccesoDatos.Accion.EXPORTAR
    assert propia.usuario == dpd
    assert propia.ruta == EXPORTAR + "?sujeto=E000003"
    assert propia.roles == "dpd,empleado"
