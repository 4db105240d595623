from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluacion import services
from evaluacion.models import AuditoriaEvaluacion, Evaluacion, Puntuacion
from tests.evaluacion.conftest import enviada, puntuar_todo
from tests.factories import CampanaFactory

pytestmark = pytest.mark.django_db
E = Evaluacion.Estado


def test_apertura_asigna_a_la_supervisora_y_el_revisor_es_su_superior(
    evaluacion_de_ana, equipo
):
    ev = evaluacion_de_ana
    assert ev.estado == E.PENDIENTE
    assert ev.evaluador == equipo["jefa"]
    assert ev.revisor == equipo["coordinador"]
    assert ev.puntuaciones.count() == 7
    assert set(ev.puntuaciones.values_list("nivel_requerido", flat=True)) == {3}
    assert ev.campana.marco.congelado


def test_flujo_completo_con_acuse(evaluacion_de_ana):
    ev = puntuar_todo(evaluacion_de_ana)
    assert ev.estado == E.EN_EVALUACION
    ev = services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
    )
    assert ev.estado == E.ENVIADA and ev.plazo_alegaciones > timezone.localdate()
    assert ev.indice == 3 and ev.supera_estandar is True
    ev = services.reconocer_evaluacion(
        evaluacion=ev,
        version=ev.version,
        comentario="Recibida, no comparto C3.",
        por=ev.empleado.usuario,
    )
    assert (
        ev.estado == E.RECONOCIDA
        and ev.comentario_empleado == "Recibida, no comparto C3."
    )
    # Receiving is not agreeing: it closes only once the appeal deadline is over.
    ev = services.cerrar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        por=ev.evaluador.usuario,
        hoy=ev.plazo_alegaciones + timedelta(days=1),
    )
    assert ev.estado == E.CERRADA
    acciones = list(
        AuditoriaEvaluacion.objects.filter(evaluacion=ev).values_list(
            "accion", flat=True
        )
    )
    assert acciones == ["puntuaciones guardadas", "enviada", "recibida", "cerrada"]
    registro = AuditoriaEvaluacion.objects.get(
        evaluacion=ev, accion="puntuaciones guardadas"
    )
    assert (
        registro.antes["estado"] == E.PENDIENTE
        and registro.despues["puntuaciones"]["C1"]["nivel"] == 3
    )
    assert registro.usuario == ev.evaluador.usuario


def test_flujo_con_alegacion_y_revision_que_cambia_niveles(evaluacion_de_ana, equipo):
    ev = enviada(evaluacion_de_ana, nivel=2)
    assert ev.supera_estandar is False
    ev = services.alegar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        texto="No se tuvo en cuenta mi trabajo en el 012.",
        por=ev.empleado.usuario,
    )
    assert ev.estado == E.ALEGADA
    c1 = ev.puntuaciones.get(competencia__codigo="C1")
    ev = services.revisar_alegacion(
        evaluacion=ev,
        version=ev.version,
        decision="estimada",
        motivos="Las escuchas lo avalan.",
        niveles={p.competencia_id: 3 for p in ev.puntuaciones.all()},
        por=equipo["coordinador"].usuario,
    )
    assert ev.estado == E.REVISADA and ev.supera_estandar is True
    c1.refresh_from_db()
    assert c1.nivel == 3
    ev = services.cerrar_evaluacion(
        evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
    )
    assert ev.estado == E.CERRADA


def test_con_autoevaluacion_el_flujo_pasa_por_ella(equipo):
    hoy = timezone.localdate()
    c = CampanaFactory(
        oficinas=[equipo["oficina"]],
        con_autoevaluacion=True,
        autoevaluacion_hasta=hoy + timedelta(days=5),
    )
    services.abrir_campana(campana=c)
    ev = Evaluacion.objects.get(campana=c, empleado=equipo["ana"])
    with pytest.raises(ValidationError, match="hasta que termine la autoevaluación"):
        puntuar_todo(ev)
    niveles = {p.competencia_id: 4 for p in ev.puntuaciones.all()}
    ev = services.guardar_autoevaluacion(
        evaluacion=ev, version=ev.version, niveles=niveles, por=ev.empleado.usuario
    )
    assert ev.estado == E.AUTOEVALUACION
    ev = services.guardar_autoevaluacion(
        evaluacion=ev,
        version=ev.version,
        niveles=niveles,
        por=ev.empleado.usuario,
        finalizar=True,
    )
    assert ev.estado == E.EN_EVALUACION
    ev = enviada(ev)
    assert set(ev.puntuaciones.values_list("autoevaluacion", flat=True)) == {4}


def test_el_peso_de_la_autoevaluacion_entra_en_el_indice(equipo):
    hoy = timezone.localdate()
    c = CampanaFactory(
        oficinas=[equipo["oficina"]],
        con_autoevaluacion=True,
        autoevaluacion_hasta=hoy,
        peso_autoevaluacion=25,
    )
    services.abrir_campana(campana=c)
    ev = Evaluacion.objects.get(campana=c, empleado=equipo["ana"])
    niveles = {p.competencia_id: 5 for p in ev.puntuaciones.all()}
    ev = services.guardar_autoevaluacion(
        evaluacion=ev,
        version=ev.version,
        niveles=niveles,
        por=ev.empleado.usuario,
        finalizar=True,
    )
    ev = enviada(ev, nivel=3)
    assert str(ev.indice) == "3.50"


def test_no_se_envia_sin_todos_los_niveles_ni_sin_evidencia_en_los_extremos(
    evaluacion_de_ana,
):
    ev = evaluacion_de_ana
    primera, *resto = list(ev.puntuaciones.all())
    ev = services.guardar_puntuaciones(
        evaluacion=ev,
        version=ev.version,
        datos={p.competencia_id: {"nivel": 3} for p in resto},
        por=ev.evaluador.usuario,
    )
    with pytest.raises(ValidationError, match="Falta el nivel"):
        services.enviar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    ev = services.guardar_puntuaciones(
        evaluacion=ev,
        version=ev.version,
        datos={primera.competencia_id: {"nivel": 5, "evidencia": " "}},
        por=ev.evaluador.usuario,
    )
    with pytest.raises(ValidationError, match="anote la evidencia"):
        services.enviar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    ev = services.guardar_puntuaciones(
        evaluacion=ev,
        version=ev.version,
        datos={
            primera.competencia_id: {
                "nivel": 5,
                "evidencia": "Forma a los nuevos en el 012",
            }
        },
        por=ev.evaluador.usuario,
    )
    ev = services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
    )
    assert ev.estado == E.ENVIADA


def test_un_nivel_fuera_de_la_escala_se_rechaza(evaluacion_de_ana):
    ev = evaluacion_de_ana
    p = ev.puntuaciones.first()
    with pytest.raises(ValidationError, match="entre 1 y 5"):
        services.guardar_puntuaciones(
            evaluacion=ev,
            version=ev.version,
            datos={p.competencia_id: {"nivel": 6}},
            por=None,
        )


# Every (action, state) pair that the machine refuses.
ACCIONES = {
    "puntuar": lambda ev: puntuar_todo(ev),
    "enviar": lambda ev: services.enviar_evaluacion(
        evaluacion=ev, version=ev.version, por=None
    ),
    "reconocer": lambda ev: services.reconocer_evaluacion(
        evaluacion=ev, version=ev.version, por=None
    ),
    "alegar": lambda ev: services.alegar_evaluacion(
        evaluacion=ev, version=ev.version, texto="x", por=None
    ),
    "revisar": lambda ev: services.revisar_alegacion(
        evaluacion=ev, version=ev.version, decision="desestimada", motivos="m", por=None
    ),
    "cerrar": lambda ev: services.cerrar_evaluacion(
        evaluacion=ev, version=ev.version, por=None
    ),
}
# While the appeal deadline is open (the matrix below runs on the day of sending).
LEGALES = {
    "puntuar": {E.PENDIENTE, E.AUTOEVALUACION, E.EN_EVALUACION},
    "enviar": {E.EN_EVALUACION},
    "reconocer": {E.ENVIADA},
    "alegar": {E.ENVIADA, E.RECONOCIDA},
    "revisar": {E.ALEGADA},
    "cerrar": {E.REVISADA},
}


ESTADO = "No se puede .* una evaluación en estado"
# A sent evaluation is not closed while the appeal window is open: the refusal
# says until when, not only the state.
RECHAZOS = {
    ("cerrar", E.ENVIADA): "puede presentar alegaciones hasta el",
    ("cerrar", E.RECONOCIDA): "puede presentar alegaciones hasta el",
}


def _llevar_a(ev, estado):
    camino = {
        E.PENDIENTE: [],
        E.EN_EVALUACION: ["puntuar"],
        E.ENVIADA: ["puntuar", "enviar"],
        E.RECONOCIDA: ["puntuar", "enviar", "reconocer"],
        E.ALEGADA: ["puntuar", "enviar", "alegar"],
        E.REVISADA: ["puntuar", "enviar", "alegar", "revisar"],
        E.CERRADA: ["puntuar", "enviar", "alegar", "revisar", "cerrar"],
    }[estado]
    for paso in camino:
        ev = ACCIONES[paso](ev)
    return ev


@pytest.mark.parametrize(
    "estado",
    [
        E.PENDIENTE,
        E.EN_EVALUACION,
        E.ENVIADA,
        E.RECONOCIDA,
        E.ALEGADA,
        E.REVISADA,
        E.CERRADA,
    ],
)
@pytest.mark.parametrize("accion", list(ACCIONES))
def test_matriz_de_transiciones(evaluacion_de_ana, estado, accion):
    ev = _llevar_a(evaluacion_de_ana, estado)
    assert ev.estado == estado
    if estado in LEGALES[accion]:
        ev = ACCIONES[accion](ev)
        assert ev.estado != estado or accion == "puntuar"
    else:
        with pytest.raises(
            ValidationError, match=RECHAZOS.get((accion, estado), ESTADO)
        ):
            ACCIONES[accion](ev)
        ev.refresh_from_db()
        assert ev.estado == estado


@pytest.mark.parametrize("estado", [E.ENVIADA, E.RECONOCIDA])
def test_vencido_el_plazo_se_cierra_y_ya_no_se_alega(evaluacion_de_ana, estado):
    ev = _llevar_a(evaluacion_de_ana, estado)
    despues = ev.plazo_alegaciones + timedelta(days=1)
    with pytest.raises(ValidationError, match="plazo de alegaciones terminó"):
        services.alegar_evaluacion(
            evaluacion=ev, version=ev.version, texto="x", por=None, hoy=despues
        )
    ev = services.cerrar_evaluacion(
        evaluacion=ev, version=ev.version, por=None, hoy=despues
    )
    assert ev.estado == E.CERRADA


def test_dar_por_recibida_no_renuncia_a_alegar_mientras_siga_el_plazo(
    evaluacion_de_ana, equipo
):
    ev = enviada(evaluacion_de_ana, nivel=2)
    ev = services.reconocer_evaluacion(
        evaluacion=ev,
        version=ev.version,
        comentario="Recibida; no comparto C3.",
        por=ev.empleado.usuario,
    )
    assert ev.estado == E.RECONOCIDA
    with pytest.raises(ValidationError, match="puede presentar alegaciones hasta el"):
        services.cerrar_evaluacion(
            evaluacion=ev, version=ev.version, por=ev.evaluador.usuario
        )
    # The last day of the deadline still counts.
    ev = services.alegar_evaluacion(
        evaluacion=ev,
        version=ev.version,
        texto="Lo pensé mejor: C3 no refleja mi trabajo.",
        por=ev.empleado.usuario,
        hoy=ev.plazo_alegaciones,
    )
    assert ev.estado == E.ALEGADA
    assert ev.comentario_empleado == "Recibida; no comparto C3." and ev.reconocida_en
    ev = services.revisar_alegacion(
        evaluacion=ev,
        version=ev.version,
        decision="desestimada",
        motivos="Las evidencias lo sostienen.",
        por=equipo["coordinador"].usuario,
    )
    ev = services.cerrar_evaluacion(evaluacion=ev, version=ev.version, por=None)
    assert ev.estado == E.CERRADA


def test_cerrar_campana_espera_al_plazo_de_las_recibidas(campana, equipo):
    ana = enviada(Evaluacion.objects.get(campana=campana, empleado=equipo["ana"]))
    ana = services.reconocer_evaluacion(evaluacion=ana, version=ana.version, por=None)
    with pytest.raises(ValidationError, match="en plazo de alegar"):
        services.cerrar_campana(campana=campana, por=None)
    r = services.cerrar_campana(
        campana=campana, por=None, hoy=ana.plazo_alegaciones + timedelta(days=1)
    )
    assert r["cerradas"] == Evaluacion.objects.filter(campana=campana).count()


def test_cerrada_no_cambia_ni_por_save_ni_por_puntuaciones(evaluacion_de_ana):
    ev = _llevar_a(evaluacion_de_ana, E.CERRADA)
    ev = Evaluacion.objects.get(pk=ev.pk)
    ev.comentario_evaluador = "retoque"
    with pytest.raises(ValidationError, match="cerrada no se puede modificar"):
        ev.save()
    p = Puntuacion.objects.filter(evaluacion=ev).first()
    p.nivel = 1
    with pytest.raises(ValidationError, match="cerrada no se puede modificar"):
        p.save()
    assert Puntuacion.objects.get(pk=p.pk).nivel == 3


def test_sin_revisor_la_alegacion_se_rechaza_con_mensaje(evaluacion_de_ana):
    Evaluacion.objects.filter(pk=evaluacion_de_ana.pk).update(revisor=None)
    ev = enviada(Evaluacion.objects.get(pk=evaluacion_de_ana.pk))
    with pytest.raises(ValidationError, match="segunda persona"):
        services.alegar_evaluacion(
            evaluacion=ev, version=ev.version, texto="x", por=None
        )


def test_cerrar_campana_exige_alegaciones_resueltas(campana, equipo):
    ana = Evaluacion.objects.get(campana=campana, empleado=equipo["ana"])
    ana = enviada(ana)
    ana = services.alegar_evaluacion(
        evaluacion=ana, version=ana.version, texto="x", por=None
    )
    with pytest.raises(ValidationError, match="alegaciones pendientes"):
        services.cerrar_campana(campana=campana, por=None)
    services.revisar_alegacion(
        evaluacion=ana,
        version=ana.version,
        decision="desestimada",
        motivos="m",
        por=None,
    )
    r = services.cerrar_campana(campana=campana, por=None)
    assert r["cerradas"] == Evaluacion.objects.filter(campana=campana).count()
    assert (
        not Evaluacion.objects.filter(campana=campana)
        .exclude(estado=E.CERRADA)
        .exists()
    )
    with pytest.raises(ValidationError, match="ya está cerrada"):
        services.cerrar_campana(campana=campana, por=None)
