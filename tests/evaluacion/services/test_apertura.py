from datetime import date, timedelta

import pytest
from django.utils import timezone

from evaluacion import services
from evaluacion.models import Campana, Evaluacion
from tests.factories import (
    CampanaFactory,
    EmpleadoFactory,
    OficinaFactory,
    PuestoFactory,
)

pytestmark = pytest.mark.django_db


def test_la_reapertura_anade_solo_a_quien_entra_en_el_alcance(campana, equipo):
    assert Evaluacion.objects.filter(campana=campana).count() == 3
    EmpleadoFactory(oficina=equipo["oficina"], supervisor=equipo["jefa"])
    assert services.abrir_campana(campana=campana)["creadas"] == 1


def test_sin_supervisor_sube_por_la_jerarquia_y_el_responsable_de_oficina(equipo):
    sede = OficinaFactory()
    jefa_sede = EmpleadoFactory(oficina=sede, usuario__roles=["empleado", "supervisor"])
    sede.responsable = jefa_sede
    sede.save()
    oficina = OficinaFactory(unidad_superior=sede)
    de_baja = EmpleadoFactory(
        oficina=oficina,
        supervisor=equipo["coordinador"],
        fecha_baja=date(2020, 1, 1),
        fecha_alta=date(2010, 1, 1),
    )
    huerfana = EmpleadoFactory(oficina=oficina)  # no supervisor, office without head
    con_jefe_de_baja = EmpleadoFactory(oficina=oficina, supervisor=de_baja)
    c = CampanaFactory(oficinas=[oficina])
    services.abrir_campana(campana=c)
    evaluadores = dict(
        Evaluacion.objects.filter(campana=c).values_list("empleado_id", "evaluador_id")
    )
    assert evaluadores[huerfana.pk] == jefa_sede.pk
    assert evaluadores[con_jefe_de_baja.pk] == equipo["coordinador"].pk
    assert de_baja.pk not in evaluadores


def test_el_alcance_por_puesto_y_las_competencias_por_canal(equipo):
    puesto = PuestoFactory(
        niveles={"C1": 4, "C2": 3, "C3": 3, "C4": 3, "C5": 3, "C6": 3, "C7": 4}
    )
    digital = EmpleadoFactory(
        oficina=equipo["oficina"],
        supervisor=equipo["jefa"],
        puesto=puesto,
        canales=["telematico"],
    )
    c = CampanaFactory(puestos=[puesto])
    services.abrir_campana(campana=c)
    ev = Evaluacion.objects.get(campana=c)
    assert ev.empleado == digital
    codigos = dict(
        ev.puntuaciones.values_list("competencia__codigo", "nivel_requerido")
    )
    # C5 (conflict handling) applies to face-to-face and phone channels only.
    assert "C5" not in codigos and codigos["C1"] == 4 and len(codigos) == 6


def test_la_campana_vencida_pasa_a_cierre(campana):
    Campana.objects.filter(pk=campana.pk).update(
        evaluacion_hasta=timezone.localdate() - timedelta(days=1)
    )
    resumen = services.abrir_campanas_vencidas()
    campana.refresh_from_db()
    assert campana.estado == Campana.Estado.EN_CIERRE and resumen["en_cierre"] == [
        campana.pk
    ]
