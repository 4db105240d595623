import pytest

from evaluacion import selectors

pytestmark = pytest.mark.django_db


def test_calibracion_senala_indulgencia_severidad_y_tendencia_central(unidad):
    datos = selectors.calibracion(unidad["campana"], empleado_ids=None, oficina_id=None)
    senales = {
        f["evaluacion__evaluador_id"]: f["senales"] for f in datos["evaluadores"]
    }
    lenient, severo, central = unidad["jefes"]
    assert senales[lenient.pk] == ["indulgencia"]
    assert senales[severo.pk] == ["severidad"]
    assert senales[central.pk] == ["tendencia_central"]
    fila = next(
        f for f in datos["evaluadores"] if f["evaluacion__evaluador_id"] == central.pk
    )
    assert fila["desviacion"] == pytest.approx(0.0) and fila["media"] == pytest.approx(
        3.0
    )
    assert {d["nivel"]: d["n"] for d in fila["distribucion"]}[3] == fila["n"]


def test_el_supervisor_solo_ve_su_equipo_en_la_calibracion(unidad):
    jefe = unidad["jefes"][0]
    datos = selectors.calibracion(
        unidad["campana"],
        empleado_ids={e.pk for e in jefe.subordinados.all()},
        oficina_id=None,
    )
    assert [f["evaluacion__evaluador_id"] for f in datos["evaluadores"]] == [jefe.pk]
