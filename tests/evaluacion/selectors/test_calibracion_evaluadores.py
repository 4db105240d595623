import pytest

from evaluacion import selectors, services
from evaluacion.models import Evaluacion
from tests.factories import CampanaFactory, EmpleadoFactory, OficinaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unidad(usuario_direccion):
    """Three heads of office with eight people each: one lenient, one severe, one central."""
    direccion = usuario_direccion.empleado
    oficinas, jefes = [], []
    for _i in range(3):
        oficina = OficinaFactory()
        jefe = EmpleadoFactory(
            oficina=oficina,
            supervisor=direccion,
            usuario__roles=["empleado", "supervisor"],
        )
        for _j in range(8):
            EmpleadoFactory(oficina=oficina, supervisor=jefe)
        oficinas.append(oficina)
        jefes.append(jefe)
    campana = CampanaFactory(oficinas=oficinas)
    services.abrir_campana(campana=campana)
    pautas = {
        jefes[0].pk: [5, 5, 4, 5, 4, 5, 5],
        jefes[1].pk: [1, 2, 2, 1, 2, 2, 1],
        jefes[2].pk: [3] * 7,
    }
    # Seven of eight sent per head; the heads' own evaluations (by dirección) stay unsent.
    evaluaciones = [
        ev
        for jefe in jefes
        for ev in Evaluacion.objects.filter(campana=campana, evaluador=jefe).order_by(
            "pk"
        )[:7]
    ]
    for ev in evaluaciones:
        niveles = pautas[ev.evaluador_id]
        datos = {
            p.competencia_id: {"nivel": niveles[k], "evidencia": "Escucha de llamadas"}
            for k, p in enumerate(ev.puntuaciones.order_by("orden"))
        }
        ev = services.guardar_puntuaciones(
            evaluacion=ev, version=ev.version, datos=datos, por=None
        )
        services.enviar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    return {
        "campana": campana,
        "jefes": jefes,
        "oficinas": oficinas,
        "direccion": usuario_direccion,
    }


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
