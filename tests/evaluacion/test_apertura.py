from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from evaluacion import services, tasks
from evaluacion.models import Campana, Evaluacion, Puntuacion, RecordatorioEvaluador
from organizacion.models import MarcoCompetencial
from tests.factories import (
    CampanaFactory,
    EmpleadoFactory,
    OficinaFactory,
    PuestoFactory,
)

pytestmark = pytest.mark.django_db


def test_la_tarea_abre_las_campanas_vencidas_y_dos_veces_no_crea_nada_dos_veces(equipo):
    hoy = timezone.localdate()
    vencida = CampanaFactory(
        oficinas=[equipo["oficina"]], fecha_apertura=hoy - timedelta(days=1)
    )
    futura = CampanaFactory(
        oficinas=[equipo["oficina"]], fecha_apertura=hoy + timedelta(days=3)
    )
    resumen = tasks.abrir_campanas_vencidas.delay().get()
    vencida.refresh_from_db()
    futura.refresh_from_db()
    assert (
        vencida.estado == Campana.Estado.ABIERTA
        and futura.estado == Campana.Estado.BORRADOR
    )
    # Four people in the office; the coordinator has nobody above, so no evaluator.
    assert resumen["creadas"] == 3
    n_puntuaciones = Puntuacion.objects.count()
    assert n_puntuaciones == 21
    resumen = tasks.abrir_campanas_vencidas.delay().get()
    assert resumen["creadas"] == 0
    assert Evaluacion.objects.filter(campana=vencida).count() == 3
    assert Puntuacion.objects.count() == n_puntuaciones


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


def test_abrir_congela_el_marco_y_la_nueva_version_copia_todo(campana):
    marco = campana.marco
    marco.refresh_from_db()
    assert marco.congelado
    nuevo = services.nueva_version_marco(marco=marco)
    assert nuevo.version == marco.version + 1 and not nuevo.congelado and nuevo.vigente
    marco.refresh_from_db()
    assert not marco.vigente
    assert nuevo.niveles.count() == marco.niveles.count() == 5
    assert nuevo.competencias.count() == 7
    original = marco.competencias.get(competencia__codigo="C2")
    copia = nuevo.competencias.get(competencia__codigo="C2")
    assert list(copia.descriptores.values_list("nivel", "descriptor")) == list(
        original.descriptores.values_list("nivel", "descriptor")
    )
    assert MarcoCompetencial.objects.filter(nombre=marco.nombre).count() == 2


def test_recordatorios_uno_por_evaluador_y_dia(
    campana, equipo, django_capture_on_commit_callbacks
):
    Campana.objects.filter(pk=campana.pk).update(
        evaluacion_hasta=timezone.localdate() - timedelta(days=1)
    )
    mail.outbox.clear()
    # The head of office (2 people) and the coordinator (the head) are late.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.enviar_recordatorios() == 2
    assert services.enviar_recordatorios() == 0
    assert RecordatorioEvaluador.objects.get(evaluador=equipo["jefa"]).pendientes == 2
    assert len(mail.outbox) == 2
    correo = next(m for m in mail.outbox if m.to == [equipo["jefa"].usuario.email])
    assert "2 evaluaciones" in correo.body
    assert (
        services.enviar_recordatorios(hoy=timezone.localdate() + timedelta(days=1)) == 2
    )


def test_la_campana_vencida_pasa_a_cierre(campana):
    Campana.objects.filter(pk=campana.pk).update(
        evaluacion_hasta=timezone.localdate() - timedelta(days=1)
    )
    resumen = services.abrir_campanas_vencidas()
    campana.refresh_from_db()
    assert campana.estado == Campana.Estado.EN_CIERRE and resumen["en_cierre"] == [
        campana.pk
    ]
