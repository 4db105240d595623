from datetime import date

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from mejora.models import (
    CartaServicios,
    CartaServiciosPage,
    CartasIndexPage,
    Compromiso,
    ValorIndicador,
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


def test_pagina_publica_de_la_carta_marca_el_trimestre_en_curso(
    dos_oficinas, client, monkeypatch
):
    from wagtail.models import Site

    from mejora.models import CartaServiciosPage, CartasIndexPage

    carta = CartaServicios.objects.create(
        codigo="g", nombre="Carta", vigente_desde=date(2025, 1, 1)
    )
    Compromiso.objects.create(
        carta=carta, texto="Atender", indicador=dos_oficinas["indicador"], objetivo=60
    )
    ValorIndicador.objects.filter(
        periodo="2026-Q2", ambito_clave="organizacion"
    ).update(valor=10.0)
    raiz = Site.objects.get(is_default_site=True).root_page
    indice = raiz.add_child(instance=CartasIndexPage(title="Cartas", slug="cartas"))
    pagina = indice.add_child(
        instance=CartaServiciosPage(title="Carta", slug="carta", carta=carta)
    )
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 5, 15))
    html = client.get(pagina.url).content.decode()
    assert "en curso" in html
    assert "no cumplido" not in html
    assert "provisional" in html
