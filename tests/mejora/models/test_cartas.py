import pytest
from wagtail.models import Page, Site

from mejora.models import (
    CartaServiciosPage,
    CartasIndexPage,
    Compromiso,
)

pytestmark = pytest.mark.django_db


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
