import pytest
from django.test import Client
from django.urls import reverse

from evaluacion.models import RecomendacionCurso
from formacion.models import Matricula
from tests.factories import competencia, crear_curso

pytestmark = pytest.mark.django_db


def test_brecha_recomendacion_y_matricula_con_un_clic(con_brecha, equipo):
    ev = con_brecha
    c1 = competencia("C1")
    curso = crear_curso(title="Atención a personas vulnerables", competencias=[c1])
    crear_curso(title="Ofimática básica", competencias=[competencia("C7")])
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    url = reverse("evaluacion:plan", args=[ev.pk])
    html = cliente.get(url).content.decode()
    assert "Atención a personas vulnerables" in html and "Ofimática básica" not in html
    respuesta = cliente.post(url, {"competencia": c1.pk, "curso": curso.pk})
    assert respuesta.status_code == 302
    matricula = Matricula.objects.get(empleado=equipo["ana"], curso=curso)
    assert matricula.origen == Matricula.Origen.RECOMENDACION
    assert matricula.asignada_por == equipo["jefa"].usuario
    assert RecomendacionCurso.objects.get(evaluacion=ev).matricula == matricula
    # Twice: still one enrolment (formacion.matricular is idempotent).
    cliente.post(url, {"competencia": c1.pk, "curso": curso.pk})
    assert Matricula.objects.filter(empleado=equipo["ana"], curso=curso).count() == 1
    html = cliente.get(url).content.decode()
    assert "Pendiente" in html and "recomendado en esta evaluación" in html


def test_no_se_asigna_un_curso_que_no_desarrolla_la_brecha(con_brecha, equipo):
    otro = crear_curso(title="Ofimática", competencias=[competencia("C7")])
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    respuesta = cliente.post(
        reverse("evaluacion:plan", args=[con_brecha.pk]),
        {"competencia": competencia("C7").pk, "curso": otro.pk},
    )
    assert respuesta.status_code == 400
    assert not Matricula.objects.exists()


@pytest.mark.parametrize(
    "datos", [{}, {"competencia": "C1"}, {"competencia": "1", "curso": "x"}]
)
def test_asignar_sin_competencia_o_curso_validos_responde_400(
    con_brecha, equipo, datos
):
    cliente = Client()
    cliente.force_login(equipo["jefa"].usuario)
    respuesta = cliente.post(reverse("evaluacion:plan", args=[con_brecha.pk]), datos)
    assert respuesta.status_code == 400
    assert "Elija una competencia y un curso." in respuesta.content.decode()
    assert not Matricula.objects.exists()


def test_la_persona_evaluada_ve_su_plan_pero_no_asigna(con_brecha, equipo):
    curso = crear_curso(competencias=[competencia("C1")])
    cliente = Client()
    cliente.force_login(equipo["ana"].usuario)
    url = reverse("evaluacion:plan", args=[con_brecha.pk])
    assert cliente.get(url).status_code == 200
    assert (
        cliente.post(
            url, {"competencia": competencia("C1").pk, "curso": curso.pk}
        ).status_code
        == 403
    )
    cliente.force_login(equipo["luis"].usuario)
    assert cliente.get(url).status_code == 403
