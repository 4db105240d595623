from datetime import date

import pytest
from django.utils import timezone

from evaluacion import selectors
from evaluacion.selectors import por_ambitos
from organizacion.models import Canal, Empleado
from tests.por_ambitos import comprobar_igual_que_por_ambito

pytestmark = pytest.mark.django_db

FUENTES = [
    "indicador_cobertura_evaluacion",
    "indicador_evaluaciones_en_plazo",
    "indicador_nivel_vs_requerido",
    "indicador_porcentaje_en_estandar",
    "indicador_tasa_alegaciones",
    "indicador_cambio_tras_formacion",
]


@pytest.fixture
def unidad_con_canales(unidad):
    """The three offices of `unidad`; some people also serve by phone."""
    telefonico = Canal.objects.get(codigo="telefonico")
    for persona in Empleado.objects.order_by("pk")[::3]:
        persona.canales.add(telefonico)
    return unidad


@pytest.mark.parametrize("nombre", FUENTES)
def test_agrupada_igual_que_por_ambito(unidad_con_canales, nombre):
    anio = timezone.localdate().year - 1
    con_datos = comprobar_igual_que_por_ambito(
        getattr(por_ambitos, nombre),
        getattr(selectors, nombre),
        desde=date(anio, 1, 1),
        hasta=date(anio, 12, 31),
        oficina_ids=[o.pk for o in unidad_con_canales["oficinas"][:2]],
        canales=["presencial", "telefonico", "web"],
    )
    # One campaign: no change between campaigns yet.
    assert con_datos >= (0 if nombre == "indicador_cambio_tras_formacion" else 4)


@pytest.mark.parametrize("nombre", FUENTES)
def test_tres_consultas_sea_cual_sea_el_numero_de_oficinas(
    unidad_con_canales, nombre, django_assert_num_queries
):
    anio = timezone.localdate().year - 1
    muchas = list(range(10_000, 10_300))
    with django_assert_num_queries(3):  # organisation, by office, by channel
        getattr(por_ambitos, nombre)(
            desde=date(anio, 1, 1),
            hasta=date(anio, 12, 31),
            oficina_ids=muchas,
            canales=["presencial"],
        )
