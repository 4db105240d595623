from datetime import date

import pytest
from wagtail.models import Page, Site

from mejora.models import (
    AccionMejora,
    Autoevaluacion,
    CartaServicios,
    CartaServiciosPage,
    CartasIndexPage,
    Compromiso,
    Informe,
    ModeloCalidad,
    PlanMejora,
)

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
