import pytest
from django.test import Client
from django.urls import reverse

from evaluacion import services
from evaluacion.models import Evaluacion
from tests.evaluacion.conftest import _estado, enviada

pytestmark = pytest.mark.django_db


E = Evaluacion.Estado


@pytest.mark.parametrize(
    "actor,esperado",
    [
        ("coordinador", 200),
        ("jefa", 403),
        ("ana", 403),
        ("direccion", 403),
        ("otra_supervisora", 403),
    ],
)
def test_solo_el_revisor_asignado_revisa(actores, evaluacion_de_ana, actor, esperado):
    ev = enviada(evaluacion_de_ana)
    services.alegar_evaluacion(
        evaluacion=ev, version=ev.version, texto="No estoy de acuerdo", por=None
    )
    assert (
        _estado(actores[actor], "get", reverse("evaluacion:revisar", args=[ev.pk]))
        == esperado
    )


def test_puntuar_y_enviar_desde_el_formulario(actores, evaluacion_de_ana):
    ev = evaluacion_de_ana
    cliente = Client()
    cliente.force_login(actores["jefa"])
    url = reverse("evaluacion:puntuar", args=[ev.pk])
    datos = {"version": ev.version, "comentario": "Buen año", "enviar": "1"}
    for p in ev.puntuaciones.all():
        datos[f"nivel_{p.competencia_id}"] = 4
    respuesta = cliente.post(url, datos)
    assert respuesta.status_code == 302
    ev.refresh_from_db()
    assert (
        ev.estado == E.ENVIADA
        and ev.indice == 4
        and ev.comentario_evaluador == "Buen año"
    )


def test_enviar_sin_evidencia_en_extremo_muestra_el_error_y_guarda_el_borrador(
    actores, evaluacion_de_ana
):
    ev = evaluacion_de_ana
    cliente = Client()
    cliente.force_login(actores["jefa"])
    datos = {"version": ev.version, "enviar": "1"}
    for p in ev.puntuaciones.all():
        datos[f"nivel_{p.competencia_id}"] = 1
    respuesta = cliente.post(reverse("evaluacion:puntuar", args=[ev.pk]), datos)
    assert respuesta.status_code == 400
    assert "anote la evidencia" in respuesta.content.decode()
    ev.refresh_from_db()
    assert ev.estado == E.EN_EVALUACION and ev.version == 2


def test_dos_navegadores_editan_la_misma_evaluacion_y_el_segundo_se_rechaza(
    actores, equipo, evaluacion_de_ana
):
    ev = evaluacion_de_ana
    url = reverse("evaluacion:puntuar", args=[ev.pk])
    primero, segundo = Client(), Client()
    primero.force_login(actores["jefa"])
    segundo.force_login(actores["jefa"])
    # Both load the form with version 1.
    for cliente in (primero, segundo):
        assert (
            f'name="version" value="{ev.version}"' in cliente.get(url).content.decode()
        )
    comp = ev.puntuaciones.first().competencia_id
    assert (
        primero.post(
            url, {"version": 1, f"nivel_{comp}": 4, "guardar": "1"}
        ).status_code
        == 302
    )
    respuesta = segundo.post(url, {"version": 1, f"nivel_{comp}": 2, "guardar": "1"})
    assert respuesta.status_code == 409
    assert "Otra persona ha modificado esta evaluación" in respuesta.content.decode()
    assert ev.puntuaciones.get(competencia_id=comp).nivel == 4


def test_autoevaluacion_desde_el_formulario_solo_para_la_persona(equipo):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import CampanaFactory

    c = CampanaFactory(
        oficinas=[equipo["oficina"]],
        con_autoevaluacion=True,
        autoevaluacion_hasta=timezone.localdate() + timedelta(days=5),
    )
    services.abrir_campana(campana=c)
    ev = Evaluacion.objects.get(campana=c, empleado=equipo["ana"])
    url = reverse("evaluacion:autoevaluar", args=[ev.pk])
    for otro in ("luis", "jefa"):
        assert _estado(equipo[otro].usuario, "get", url) == 403
    cliente = Client()
    cliente.force_login(equipo["ana"].usuario)
    assert cliente.get(url).status_code == 200
    datos = {"version": ev.version, "terminar": "1"}
    for p in ev.puntuaciones.all():
        datos[f"nivel_{p.competencia_id}"] = 4
    assert cliente.post(url, datos).status_code == 302
    ev.refresh_from_db()
    assert ev.estado == E.EN_EVALUACION
    assert set(ev.puntuaciones.values_list("autoevaluacion", flat=True)) == {4}
    # Once handed over it cannot be edited any more.
    assert cliente.get(url).status_code == 403


def test_con_autoevaluacion_en_plazo_la_supervisora_espera(equipo):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import CampanaFactory

    c = CampanaFactory(
        oficinas=[equipo["oficina"]],
        con_autoevaluacion=True,
        autoevaluacion_hasta=timezone.localdate() + timedelta(days=5),
    )
    services.abrir_campana(campana=c)
    ev = Evaluacion.objects.get(campana=c, empleado=equipo["ana"])
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    assert cliente.get(reverse("evaluacion:puntuar", args=[ev.pk])).status_code == 403
    html = cliente.get(reverse("evaluacion:evaluacion", args=[ev.pk])).content.decode()
    assert "Podrá puntuar cuando la persona termine su autoevaluación" in html
