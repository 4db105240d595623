"""Indicator values below an indicator's minimum n: no value, no interval, no
comparison (previous period, same period last year, target, trend signal), at the
source (ValorIndicador) and wherever the dashboard, the carta or the report read
it. Expected figures computed by hand."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from mejora import selectors, services
from mejora.models import (
    Ambito,
    CartaServicios,
    Compromiso,
    Indicador,
    ValorIndicador,
)
from mejora.periodos import Periodo
from tests.conftest import cliente_de
from tests.factories import EmpleadoFactory, OficinaFactory

pytestmark = pytest.mark.django_db

ALTA = date(2020, 1, 1)


@pytest.fixture
def plantilla():
    """Office A: 3 of 4 serve the counter → 75,0 % (Wilson 30,1–95,4), n = 4.
    Office B: 1 of 2 → 50,0 % (Wilson 9,5–90,5), n = 2 < 3.
    Organisation: 4 of 6 → 66,7 % (Wilson 30,0–90,3)."""
    a, b = OficinaFactory(nombre="Oficina A"), OficinaFactory(nombre="Oficina B")
    for canales in (["presencial"], ["presencial"], ["presencial"], ["telematico"]):
        EmpleadoFactory(oficina=a, canales=canales, fecha_alta=ALTA)
    for canales in (["presencial"], ["telefonico"]):
        EmpleadoFactory(oficina=b, canales=canales, fecha_alta=ALTA)
    return a, b


def test_recalculo_guarda_suprimida_la_celda_pequena_y_su_complemento(
    plantilla, indicador_pruebas
):
    a, b = plantilla
    services.recalcular_indicadores(
        periodos=["2026-Q2"], codigos=[indicador_pruebas.codigo]
    )
    v = {
        x.ambito_clave: x
        for x in ValorIndicador.objects.filter(
            indicador=indicador_pruebas, periodo="2026-Q2"
        )
    }
    pequena, complemento = v[f"oficina:{b.pk}"], v[f"oficina:{a.pk}"]
    assert pequena.n == 2 and pequena.valor is None
    assert pequena.ic_inf is None and pequena.ic_sup is None
    # 4 of 6 minus A's 3 of 4 would be B's 1 of 2: A is hidden as a complement
    assert complemento.n == 4 and complemento.valor is None
    assert complemento.ic_inf is None and complemento.ic_sup is None
    assert v["organizacion"].valor == pytest.approx(100 * 4 / 6)


def _valor(ind, periodo, valor, n, inf, sup, clave="organizacion", oficina=None):
    """A row as an earlier version stored it (before suppression at the source)."""
    p = Periodo.de(periodo)
    return ValorIndicador.objects.create(
        indicador=ind,
        periodo=periodo,
        desde=p.desde,
        hasta=p.hasta,
        ambito=Ambito.OFICINA if oficina else Ambito.ORGANIZACION,
        oficina=oficina,
        ambito_clave=clave,
        valor=valor,
        n=n,
        ic_inf=inf,
        ic_sup=sup,
        calculado_en=timezone.now(),
    )


def test_segmentacion_no_muestra_el_intervalo_de_una_celda_bajo_el_minimo(
    client, usuario_direccion
):
    """The issue's example: CSAT n = 25 (19 of 25 → 76,0 %, Wilson 56,6–88,5)
    under the minimum of 30, next to an office with 40 answers (30 of 40 → 75,0 %,
    Wilson 59,8–85,8) and the organisation (49 of 65 → 75,4 %)."""
    csat = Indicador.objects.get(codigo="csat")
    pequena, grande = OficinaFactory(nombre="Pequeña"), OficinaFactory(nombre="Grande")
    _valor(csat, "2026-Q2", 75.38, 65, 63.67, 84.24)
    _valor(csat, "2026-Q2", 76.0, 25, 56.57, 88.5, f"oficina:{pequena.pk}", pequena)
    _valor(csat, "2026-Q2", 75.0, 40, 59.81, 85.81, f"oficina:{grande.pk}", grande)
    c = cliente_de(client, usuario_direccion)
    html = c.get(reverse("mejora:indicador", args=["csat"]) + "?periodo=2026-Q2")
    html = html.content.decode()
    assert "75,4" in html  # organisation
    for cifra in ("56,6", "88,5", "76,0", "59,8", "85,8", "75,0"):
        assert cifra not in html, cifra
    html = c.get(
        reverse("mejora:indicador", args=["csat"])
        + f"?periodo=2026-Q2&ambito=oficina:{pequena.pk}"
    ).content.decode()
    for cifra in ("56,6", "88,5", "76,0"):
        assert cifra not in html, cifra
    assert "muestra insuficiente" in html


def test_anio_anterior_y_periodo_anterior_suprimidos_no_se_comparan(
    client, usuario_direccion
):
    """2026-Q2: 66 of 80 → 82,5 %. 2026-Q1 (n = 12) and 2025-Q2 (n = 20) are under
    the minimum of 30: neither is shown, and there is no change against them."""
    csat = Indicador.objects.get(codigo="csat")
    _valor(csat, "2026-Q2", 82.5, 80, 72.7, 89.3)
    _valor(csat, "2026-Q1", 41.67, 12, 19.3, 68.05)
    _valor(csat, "2025-Q2", 55.0, 20, 34.21, 74.18)
    t = selectors.analisis_indicadores(Periodo.de("2026-Q2"), "organizacion", [csat])[0]
    assert t["anio_anterior"]["valor"] is None and t["anio_anterior"]["n"] == 20
    assert t["previo"]["valor"] is None and t["previo"]["ic_inf"] is None
    assert t["cambio"] is None and t["cambio_significativo"] is False
    assert t["empeora"] is False
    html = (
        cliente_de(client, usuario_direccion)
        .get(reverse("mejora:indicador", args=["csat"]) + "?periodo=2026-Q2")
        .content.decode()
    )
    assert "82,5" in html
    assert "n = 12, no se publica" in html and "n = 20, no se publica" in html
    for cifra in ("41,7", "55,0", "19,3", "68,0", "34,2", "74,2"):
        assert cifra not in html, cifra


def test_valor_actual_suprimido_sin_semaforo_ni_senal(indicador_pruebas):
    _valor(indicador_pruebas, "2026-Q2", 50.0, 2, 9.45, 90.55)
    indicador_pruebas.metas.create(anio=2026, trimestre=0, objetivo=40)
    t = selectors.analisis_indicadores(
        Periodo.de("2026-Q2"), "organizacion", [indicador_pruebas]
    )[0]
    assert t["valor"] is None and t["ic_inf"] is None and t["ic_sup"] is None
    assert t["n"] == 2 and t["muestra"] == "insuficiente"
    assert t["semaforo"] == "neutro" and t["cumple_significativo"] is False
    assert t["senal"] is False


def test_carta_y_efecto_no_leen_valores_bajo_el_minimo(indicador_pruebas):
    _valor(indicador_pruebas, "2026-Q1", 50.0, 2, 9.45, 90.55)
    carta = CartaServicios.objects.create(
        codigo="c", nombre="Carta", vigente_desde=date(2026, 1, 1)
    )
    Compromiso.objects.create(
        carta=carta, texto="Atender", indicador=indicador_pruebas, objetivo=40
    )
    c = selectors.cumplimiento_carta(carta, anio=2026)
    celda = c["filas"][0]["celdas"][0]
    assert celda["estado"] == "sin_datos" and celda["valor"] is None
    assert celda["n"] == 2


def test_migracion_suprime_los_valores_ya_guardados(indicador_pruebas):
    """Rows stored before this change: B (1 of 2, n = 2 < 3) and, as its
    complement, A (3 of 4) lose value and interval; the organisation keeps its."""
    import importlib

    from django.apps import apps

    migracion = importlib.import_module("mejora.migrations.0003_supresion_valores")
    a, b = OficinaFactory(), OficinaFactory()
    _valor(indicador_pruebas, "2026-Q2", 66.67, 6, 30.0, 90.32)
    _valor(indicador_pruebas, "2026-Q2", 50.0, 2, 9.45, 90.55, f"oficina:{b.pk}", b)
    _valor(indicador_pruebas, "2026-Q2", 75.0, 4, 30.06, 95.44, f"oficina:{a.pk}", a)
    migracion.suprimir(apps, None)
    v = {x.ambito_clave: x for x in ValorIndicador.objects.all()}
    for clave in (f"oficina:{a.pk}", f"oficina:{b.pk}"):
        assert (v[clave].valor, v[clave].ic_inf, v[clave].ic_sup) == (None,) * 3
    assert v["organizacion"].valor == 66.67 and v["organizacion"].ic_inf == 30.0
    assert selectors.celdas_suprimidas("2026-Q2") == 2


def test_efecto_de_una_accion_no_se_calcula_con_un_valor_suprimido(indicador_pruebas):
    """Before (2026-Q1, ended before the start): 1 of 2 → 50,0 %, n = 2 < 3;
    after (2026-Q3, the first quarter after the end): 4 of 6 → 66,7 %. No
    difference (+16,7) against a suppressed 'before'."""
    from mejora.models import AccionMejora, PlanMejora

    _valor(indicador_pruebas, "2026-Q1", 50.0, 2, 9.45, 90.55)
    _valor(indicador_pruebas, "2026-Q3", 66.67, 6, 30.0, 90.32)
    accion = AccionMejora(
        plan=PlanMejora.objects.create(nombre="Plan 2026", anio=2026),
        titulo="Reforzar la atención presencial",
        indicador=indicador_pruebas,
        fecha_inicio=date(2026, 4, 10),
        fecha_fin=date(2026, 6, 30),
        impacto=4,
        viabilidad=3,
        periodo_antes="2026-Q1",
        periodo_despues="2026-Q3",
    )
    services.guardar_accion(accion=accion)
    efecto = selectors.efecto_accion(accion, hoy=date(2026, 11, 30))
    assert efecto["antes"] is None and efecto["despues"] == 66.67
    assert efecto["diferencia"] is None and efecto["mejora"] is None
    assert efecto["significativo"] is False
