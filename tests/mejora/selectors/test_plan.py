from datetime import date

import pytest
from django.utils import timezone

from mejora import informe as documento
from mejora import selectors, services
from mejora.models import (
    AccionMejora,
    Ambito,
    Informe,
    ModeloCalidad,
    PlanMejora,
    ValorIndicador,
)
from mejora.periodos import Periodo

pytestmark = pytest.mark.django_db


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


def test_efecto_de_una_accion_compara_antes_del_inicio_con_despues_del_fin(
    indicador_pruebas,
):
    p = Periodo.de("2026-Q1")
    for periodo, valor in (("2025-Q4", 50.0), ("2026-Q1", 90.0), ("2026-Q3", 52.0)):
        p = Periodo.de(periodo)
        ValorIndicador.objects.create(
            indicador=indicador_pruebas,
            periodo=periodo,
            desde=p.desde,
            hasta=p.hasta,
            ambito=Ambito.ORGANIZACION,
            ambito_clave="organizacion",
            valor=valor,
            n=400,
            calculado_en=timezone.now(),
        )
    plan = PlanMejora.objects.create(nombre="Plan", anio=2026)
    # The stored periods measure the change *before* the action started.
    accion = services.guardar_accion(
        accion=AccionMejora(
            plan=plan,
            titulo="Acción",
            indicador=indicador_pruebas,
            fecha_inicio=date(2026, 4, 1),
            fecha_fin=date(2026, 6, 30),
            impacto=3,
            viabilidad=3,
            estado=AccionMejora.Estado.CERRADA,
            periodo_antes="2025-Q4",
            periodo_despues="2026-Q1",
        )
    )
    e = selectors.efecto_accion(accion, hoy=date(2026, 10, 15))
    # The stored baseline ends before the start and is kept; the stored "after"
    # is replaced by the first quarter after the deadline.
    assert (e["periodo_antes"], e["periodo_despues"]) == ("2025-Q4", "2026-Q3")
    assert (e["antes"], e["despues"]) == (50.0, 52.0)
    assert e["significativo"] is False and e["medible"] is False


def test_accion_cancelada_no_cuenta_como_eficaz(indicador_pruebas):
    for periodo, valor in (("2025-Q4", 40.0), ("2026-Q3", 90.0)):
        p = Periodo.de(periodo)
        ValorIndicador.objects.create(
            indicador=indicador_pruebas,
            periodo=periodo,
            desde=p.desde,
            hasta=p.hasta,
            ambito=Ambito.ORGANIZACION,
            ambito_clave="organizacion",
            valor=valor,
            n=400,
            calculado_en=timezone.now(),
        )
    anterior = PlanMejora.objects.create(nombre="Plan 2025", anio=2025)
    PlanMejora.objects.create(nombre="Plan 2026", anio=2026, plan_anterior=anterior)
    accion = services.guardar_accion(
        accion=AccionMejora(
            plan=anterior,
            titulo="Cancelada",
            indicador=indicador_pruebas,
            fecha_inicio=date(2026, 1, 1),
            fecha_fin=date(2026, 6, 30),
            impacto=3,
            viabilidad=3,
            estado=AccionMejora.Estado.CANCELADA,
        )
    )
    assert selectors.efecto_accion(accion, hoy=date(2026, 10, 15)) is None
    inf = Informe.objects.create(
        tipo="trimestral",
        periodo="2026-Q3",
        modelo=ModeloCalidad.objects.get(codigo="EFQM"),
    )
    d = documento.reunir_datos(inf, hoy=date(2026, 10, 15))
    assert d["seguimiento"]["eficaces"] == 0
    assert d["seguimiento"]["acciones"][0]["efecto"] is None
