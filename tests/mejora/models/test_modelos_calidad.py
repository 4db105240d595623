import pytest
from django.db.models import Sum

from mejora.models import Criterio, ModeloCalidad, PanelPuntuacion, Subcriterio

pytestmark = pytest.mark.django_db


def _modelo(codigo):
    return ModeloCalidad.objects.get(codigo=codigo, version="2020")


def test_efqm_2020_tiene_7_criterios_y_1000_puntos_repartidos_en_sus_partes():
    efqm = _modelo("EFQM")
    criterios = Criterio.objects.filter(modelo=efqm)
    assert criterios.count() == 7
    assert criterios.aggregate(s=Sum("puntos"))["s"] == 1000
    for c in criterios:
        assert c.subcriterios.aggregate(s=Sum("puntos"))["s"] == c.puntos
    assert PanelPuntuacion.objects.filter(modelo=efqm, atributo="Enfoque").count() == 5


def test_caf_2020_tiene_9_criterios_28_subcriterios_y_paneles_pdca():
    caf = _modelo("CAF")
    assert Criterio.objects.filter(modelo=caf).count() == 9
    assert Subcriterio.objects.filter(criterio__modelo=caf).count() == 28
    por_criterio = [
        c.subcriterios.count()
        for c in Criterio.objects.filter(modelo=caf).order_by("orden")
    ]
    assert por_criterio == [4, 4, 3, 6, 3, 2, 2, 2, 2]
    paneles = PanelPuntuacion.objects.filter(modelo=caf, tipo="agente").order_by(
        "desde"
    )
    assert [(p.desde, p.hasta) for p in paneles] == [
        (0, 10),
        (11, 30),
        (31, 50),
        (51, 70),
        (71, 90),
        (91, 100),
    ]
