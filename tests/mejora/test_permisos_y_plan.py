from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, Site

from mejora import selectors, services
from mejora.models import (
    AccionMejora,
    Autoevaluacion,
    CartaServicios,
    CartaServiciosPage,
    CartasIndexPage,
    Compromiso,
    Hallazgo,
    Informe,
    ModeloCalidad,
    PlanMejora,
    ValorIndicador,
)
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory, UsuarioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objetos(usuario_direccion):
    efqm = ModeloCalidad.objects.get(codigo="EFQM")
    inf = Informe.objects.create(tipo="trimestral", periodo="2026-Q2", modelo=efqm)
    ae = Autoevaluacion.objects.create(modelo=efqm, titulo="AE", periodo="2026-Q2")
    plan = PlanMejora.objects.create(nombre="Plan", anio=2026)
    accion = AccionMejora.objects.create(
        plan=plan,
        titulo="A",
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2026, 3, 1),
        impacto=2,
        viabilidad=5,
    )
    carta = CartaServicios.objects.create(
        codigo="c", nombre="Carta", vigente_desde=date(2026, 1, 1)
    )
    return {"informe": inf, "ae": ae, "accion": accion, "carta": carta}


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


@pytest.mark.parametrize(
    "roles,esperado",
    [
        (["empleado", "calidad"], 403),
        (["empleado", "supervisor"], 403),
        (["empleado", "direccion"], 409),
    ],
)
def test_solo_direccion_aprueba_informes(client, objetos, roles, esperado):
    client.force_login(EmpleadoFactory(usuario__roles=roles).usuario)
    # The report is not generated yet: dirección gets a clear 409, others 403.
    assert (
        client.post(
            reverse("mejora:informe_aprobar", args=[objetos["informe"].pk])
        ).status_code
        == esperado
    )


def test_pdf_inexistente_da_409_con_mensaje(client, objetos, usuario_direccion):
    r = cliente_de(client, usuario_direccion).get(
        reverse("mejora:informe_pdf", args=[objetos["informe"].pk])
    )
    assert r.status_code == 409 and "aún no está generado" in r.content.decode()


def test_prioridad_es_impacto_por_viabilidad_y_cerrar_completa(objetos):
    a = objetos["accion"]
    assert a.prioridad == 10
    a.estado = AccionMejora.Estado.CERRADA
    services.guardar_accion(accion=a)
    assert a.progreso == 100


def test_recordatorios_de_acciones_vencidas_son_idempotentes(objetos):
    responsable = EmpleadoFactory()
    a = objetos["accion"]
    a.responsable = responsable
    a.save()
    AccionMejora.objects.create(
        plan=a.plan,
        titulo="Cerrada",
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2026, 2, 1),
        impacto=1,
        viabilidad=1,
        estado="cerrada",
        responsable=responsable,
    )
    assert services.enviar_recordatorios(hoy=date(2026, 4, 1)) == 1
    assert services.enviar_recordatorios(hoy=date(2026, 4, 1)) == 0
    assert len(mail.outbox) == 1 and responsable.usuario.email in mail.outbox[0].to
    assert services.enviar_recordatorios(hoy=date(2026, 4, 2)) == 1


def test_efecto_de_una_accion_antes_y_despues(indicador_pruebas, objetos):
    # The action runs 1 Jan – 1 Mar 2026: before = 2025-Q4, after = 2026-Q2.
    a = objetos["accion"]
    ahora = "2026-01-01T00:00:00Z"
    for periodo, valor, n in (("2025-Q4", 60.0, 1000), ("2026-Q2", 70.0, 1000)):
        ValorIndicador.objects.create(
            indicador=indicador_pruebas,
            periodo=periodo,
            desde=date(2026, 1, 1),
            hasta=date(2026, 3, 31),
            ambito="organizacion",
            ambito_clave="organizacion",
            valor=valor,
            n=n,
            calculado_en=ahora,
        )
    a.indicador, a.periodo_antes, a.periodo_despues = (
        indicador_pruebas,
        "2025-Q4",
        "2026-Q2",
    )
    a.save()
    efecto = selectors.efecto_accion(a, hoy=date(2026, 7, 15))
    assert (
        efecto["diferencia"] == pytest.approx(10)
        and efecto["significativo"]
        and efecto["mejora"]
    )


def test_hallazgos_propuestos_de_los_datos_y_editables(
    indicador_pruebas, client, usuario_direccion
):
    ahora = "2026-01-01T00:00:00Z"
    ValorIndicador.objects.create(
        indicador=indicador_pruebas,
        periodo="2026-Q2",
        desde=date(2026, 4, 1),
        hasta=date(2026, 6, 30),
        ambito="organizacion",
        ambito_clave="organizacion",
        valor=90.0,
        n=500,
        ic_inf=87.1,
        ic_sup=92.3,
        calculado_en=ahora,
    )
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=80)
    h = services.proponer_hallazgos(periodo="2026-Q2")
    assert [x.tipo for x in h] == [Hallazgo.Tipo.FORTALEZA]
    assert services.proponer_hallazgos(periodo="2026-Q2")[0].pk == h[0].pk  # idempotent
    c = cliente_de(client, usuario_direccion)
    r = c.post(
        reverse("mejora:hallazgos") + "?periodo=2026-Q2",
        {
            "hallazgo": h[0].pk,
            "texto": "Atención presencial sólida",
            "estado": "aceptado",
        },
    )
    assert r.status_code == 302
    h[0].refresh_from_db()
    assert (
        h[0].texto == "Atención presencial sólida"
        and h[0].editado_por == usuario_direccion
    )
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=95)
    areas = services.proponer_hallazgos(periodo="2026-Q2")
    assert [x.tipo for x in areas] == [Hallazgo.Tipo.AREA]


def test_cumplimiento_de_carta_por_trimestre(indicador_pruebas, objetos):
    carta = objetos["carta"]
    Compromiso.objects.create(
        carta=carta, texto="Presencial", indicador=indicador_pruebas, objetivo=70
    )
    ahora = "2026-01-01T00:00:00Z"
    for periodo, valor, n in (
        ("2026-Q1", 75.0, 50),
        ("2026-Q2", 65.0, 50),
        ("2026-Q3", 90.0, 1),
    ):
        ValorIndicador.objects.create(
            indicador=indicador_pruebas,
            periodo=periodo,
            desde=date(2026, 1, 1),
            hasta=date(2026, 3, 31),
            ambito="organizacion",
            ambito_clave="organizacion",
            valor=valor,
            n=n,
            calculado_en=ahora,
        )
    c = selectors.cumplimiento_carta(carta, 2026)
    assert [x["estado"] for x in c["filas"][0]["celdas"]] == [
        "cumplido",
        "no_cumplido",
        "sin_datos",
        "sin_datos",
    ]
    assert c["filas"][0]["anual"] == "no_cumplido"


def test_paginas_publicas_de_cartas_respetan_el_arbol_y_muestran_cumplimiento(
    client, objetos, indicador_pruebas
):
    raiz = Site.objects.get(is_default_site=True).root_page
    assert CartasIndexPage.can_create_at(raiz)
    assert not CartaServiciosPage.can_create_at(raiz)
    indice = raiz.add_child(
        instance=CartasIndexPage(title="Cartas de servicios", slug="cartas")
    )
    assert CartaServiciosPage.can_create_at(indice)
    assert not CartasIndexPage.can_create_at(indice)
    Compromiso.objects.create(
        carta=objetos["carta"],
        texto="Atención presencial garantizada",
        indicador=indicador_pruebas,
        objetivo=70,
    )
    pagina = indice.add_child(
        instance=CartaServiciosPage(
            title="Carta general", slug="general", carta=objetos["carta"]
        )
    )
    assert Page.objects.get(pk=pagina.pk).specific.carta == objetos["carta"]
    r = client.get(pagina.url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Atención presencial garantizada" in html and "sin datos" in html
