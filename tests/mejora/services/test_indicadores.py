import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mejora import selectors, services
from mejora.models import Indicador, MetaIndicador, ValorIndicador, ValorManual
from mejora.periodos import Periodo
from tests.conftest import cliente_de

pytestmark = pytest.mark.django_db


def test_recalculo_escribe_valores_iguales_a_los_calculados_a_mano(
    plantilla, indicador_pruebas
):
    a, b = plantilla
    # Office B has n = 2: with the fixture's minimum of 3 it would not be stored
    # (tests/mejora/test_supresion.py); here every cell is published.
    indicador_pruebas.n_minimo = 2
    indicador_pruebas.save()
    services.recalcular_indicadores(
        periodos=["2026-Q2"], codigos=[indicador_pruebas.codigo]
    )
    v = {
        x.ambito_clave: x
        for x in ValorIndicador.objects.filter(
            indicador=indicador_pruebas, periodo="2026-Q2"
        )
    }
    assert v["organizacion"].valor == pytest.approx(
        100 * 4 / 6
    )  # the leaver (baja 1 March) is out
    assert v["organizacion"].n == 6
    assert v[f"oficina:{a.pk}"].valor == pytest.approx(75.0)
    assert (
        v[f"oficina:{b.pk}"].valor == pytest.approx(50.0)
        and v[f"oficina:{b.pk}"].n == 2
    )
    # Wilson 95 % for 4/6, computed independently: 30.0 %–90.3 %.
    assert v["organizacion"].ic_inf == pytest.approx(30.0, abs=0.1)
    assert v["organizacion"].ic_sup == pytest.approx(90.3, abs=0.1)
    assert v["organizacion"].fuente_disponible is True


def test_recalculo_es_idempotente(plantilla, indicador_pruebas):
    services.recalcular_indicadores(periodos=["2026-Q1", "2026-Q2"])
    filas = sorted(
        ValorIndicador.objects.values_list(
            "indicador_id", "periodo", "ambito_clave", "valor", "n"
        )
    )
    services.recalcular_indicadores(periodos=["2026-Q1", "2026-Q2"])
    assert (
        sorted(
            ValorIndicador.objects.values_list(
                "indicador_id", "periodo", "ambito_clave", "valor", "n"
            )
        )
        == filas
    )


def test_fuente_no_disponible_queda_registrada_sin_cifra(
    plantilla, indicador_pruebas, client, usuario_direccion
):
    ind = Indicador.objects.create(
        codigo="inexistente",
        nombre="Indicador de una app ausente",
        fuente="encuestas",
        selector="encuestas.no_existe",
        clave=True,
    )
    services.recalcular_indicadores(periodos=["2026-Q2"], codigos=["inexistente"])
    v = ValorIndicador.objects.get(
        indicador=ind, periodo="2026-Q2", ambito_clave="organizacion"
    )
    assert v.valor is None and v.n == 0 and v.fuente_disponible is False
    r = cliente_de(client, usuario_direccion).get(
        reverse("mejora:tablero") + "?periodo=2026-Q2"
    )
    assert r.status_code == 200
    assert "sin datos — fuente no disponible" in r.content.decode()


def test_valores_manuales_a_mano_y_por_csv(plantilla, usuario_calidad):
    a, _b = plantilla
    clima = Indicador.objects.get(codigo="clima-laboral")
    services.registrar_valor_manual(
        indicador=clima, periodo="2026-Q2", valor=7.4, n=120, por=usuario_calidad
    )
    n = services.importar_valores_csv(
        contenido=f'indicador,periodo,valor,n,oficina\nclima-laboral,2026-Q1,6.9,110,\ntiempo-espera,2026-Q2,"12,5",300,{a.codigo_dir3}\n',
        por=usuario_calidad,
    )
    assert n == 2
    services.recalcular_indicadores(
        periodos=["2026-Q1", "2026-Q2"], codigos=["clima-laboral", "tiempo-espera"]
    )
    assert (
        ValorIndicador.objects.get(
            indicador=clima, periodo="2026-Q2", ambito_clave="organizacion"
        ).valor
        == 7.4
    )
    assert (
        ValorIndicador.objects.get(
            indicador__codigo="tiempo-espera",
            periodo="2026-Q2",
            ambito_clave=f"oficina:{a.pk}",
        ).valor
        == 12.5
    )
    with pytest.raises(ValidationError):
        services.importar_valores_csv(
            contenido="indicador,periodo,valor\ncsat,2026-Q2,80\n"
        )
    with pytest.raises(ValidationError):
        services.importar_valores_csv(
            contenido="indicador,periodo,valor\nclima-laboral,2026-13,8\n"
        )
    assert ValorManual.objects.count() == 3  # the bad files changed nothing


def test_meta_mas_especifica_gana_y_semaforo(plantilla, indicador_pruebas):
    a, _b = plantilla
    indicador_pruebas.n_minimo = 2  # office B (n = 2) published: A is no complement
    indicador_pruebas.save()
    services.fijar_meta(indicador=indicador_pruebas, anio=2026, objetivo=60, umbral=50)
    services.fijar_meta(
        indicador=indicador_pruebas,
        anio=2026,
        trimestre=2,
        objetivo=80,
        umbral=70,
        ambito="oficina",
        oficina=a,
    )
    services.recalcular_indicadores(
        periodos=["2026-Q2"], codigos=[indicador_pruebas.codigo]
    )
    org = selectors.analisis_indicadores(
        Periodo.de("2026-Q2"), "organizacion", [indicador_pruebas]
    )[0]
    ofi = selectors.analisis_indicadores(
        Periodo.de("2026-Q2"), f"oficina:{a.pk}", [indicador_pruebas]
    )[0]
    assert org["objetivo"] == 60 and org["semaforo"] == "ok"  # 66.7 ≥ 60
    assert (
        org["cumple_significativo"] is False
    )  # lower bound 30.0 < 60: not significant
    assert (
        ofi["objetivo"] == 80 and ofi["semaforo"] == "aviso"
    )  # office A: 70 ≤ 75 < 80
    assert MetaIndicador.objects.count() == 2
    with pytest.raises(ValidationError):
        services.fijar_meta(
            indicador=indicador_pruebas, anio=2026, objetivo=60, umbral=70
        )
