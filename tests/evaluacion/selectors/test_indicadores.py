from datetime import date, timedelta

import pytest
from django.utils import timezone

from evaluacion import selectors
from evaluacion.models import Evaluacion

pytestmark = pytest.mark.django_db


def test_indicadores_del_contrato(unidad):
    anio = timezone.localdate().year - 1
    periodo = {"desde": date(anio, 1, 1), "hasta": date(anio, 12, 31)}
    cobertura = selectors.indicador_cobertura_evaluacion(**periodo)
    total = Evaluacion.objects.filter(campana=unidad["campana"]).count()
    enviadas = Evaluacion.objects.filter(
        campana=unidad["campana"], enviada_en__isnull=False
    ).count()
    assert cobertura["n"] == total and cobertura["valor"] == pytest.approx(
        100 * enviadas / total, abs=0.01
    )
    assert cobertura["ic_inf"] < cobertura["valor"] < cobertura["ic_sup"]
    assert selectors.indicador_evaluaciones_en_plazo(**periodo)["valor"] == 100.0
    estandar = selectors.indicador_porcentaje_en_estandar(**periodo)
    assert estandar["n"] == enviadas
    assert estandar["valor"] == pytest.approx(100 * 14 / 21, abs=0.01)
    assert selectors.indicador_tasa_alegaciones(**periodo)["valor"] == 0.0
    brecha = selectors.indicador_nivel_vs_requerido(**periodo)
    assert brecha["n"] == 21 * 7
    assert brecha["valor"] == pytest.approx((33 + 11 + 21) / 21 - 3, abs=0.001)
    una = selectors.indicador_cobertura_evaluacion(
        **periodo, oficina_ids=[unidad["oficinas"][0].pk]
    )
    assert una["n"] == 9  # eight people and their head
    assert selectors.indicador_cobertura_evaluacion(
        desde=periodo["desde"] - timedelta(days=400),
        hasta=periodo["desde"] - timedelta(days=1),
    ) == {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
    assert (
        selectors.indicador_cobertura_evaluacion(**periodo, canal="telefonico")["n"]
        == 0
    )
    medias = selectors.nivel_medio_por_competencia(**periodo)
    assert [m["competencia_codigo"] for m in medias] == [
        "C1",
        "C2",
        "C3",
        "C4",
        "C5",
        "C6",
        "C7",
    ]
    assert medias[0]["n"] == 21 and medias[0]["requerido_medio"] == 3.0


def test_indicadores_con_consultas_constantes(unidad, django_assert_max_num_queries):
    anio = timezone.localdate().year - 1
    with django_assert_max_num_queries(1):
        selectors.indicador_nivel_vs_requerido(
            desde=date(anio, 1, 1), hasta=date(anio, 12, 31)
        )
