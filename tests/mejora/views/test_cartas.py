"""mejora/views/cartas.py: each input goes through a form, each write through a
service, and wrong input gets a clear 4xx."""

from datetime import date

import pytest
from django.urls import reverse

from mejora.models import (
    AccionMejora,
    CartaServicios,
    Compromiso,
    SeguimientoCompromiso,
)

pytestmark = pytest.mark.django_db


def _carta():
    return CartaServicios.objects.get(codigo="general")


def test_causa_de_un_compromiso_se_guarda_y_se_sustituye(c):
    carta = _carta()
    compromiso = carta.compromisos.get()
    accion = AccionMejora.objects.get()
    url = reverse("mejora:carta", args=[carta.pk])
    datos_post = {
        "compromiso": compromiso.pk,
        "periodo": "2026-Q2",
        "causa": "Falta de personal",
        "acciones": [accion.pk],
    }
    r = c.post(url, datos_post)
    assert r.status_code == 302 and r["Location"] == f"{url}?anio=2026"
    c.post(url, {**datos_post, "causa": "Bajas en verano", "acciones": []})
    s = SeguimientoCompromiso.objects.get()
    assert s.causa == "Bajas en verano" and not s.acciones.exists()


def test_causa_con_compromiso_ajeno_o_periodo_no_valido(c, indicador_pruebas):
    carta = _carta()
    otra = CartaServicios.objects.create(
        codigo="otra", nombre="Otra", vigente_desde=date(2025, 1, 1)
    )
    ajeno = Compromiso.objects.create(
        carta=otra, texto="Ajeno", indicador=indicador_pruebas, objetivo=1
    )
    url = reverse("mejora:carta", args=[carta.pk])
    assert (
        c.post(url, {"compromiso": ajeno.pk, "periodo": "2026-Q2"}).status_code == 404
    )
    compromiso = carta.compromisos.get()
    for periodo in ("2026-Q9", ""):
        r = c.post(url, {"compromiso": compromiso.pk, "periodo": periodo})
        assert r.status_code == 400 and "Periodo no válido" in r.content.decode()
    r = c.post(
        url, {"compromiso": compromiso.pk, "periodo": "2026-Q2", "acciones": [0]}
    )
    assert r.status_code == 400 and "Revise la causa" in r.content.decode()
    assert not SeguimientoCompromiso.objects.exists()
