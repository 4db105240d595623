from datetime import timedelta

import pytest
from django.utils import timezone

from formacion import selectors, services
from formacion.models import Matricula
from tests.factories import EmpleadoFactory, OficinaFactory, curso_con_lecciones
from tests.formacion.conftest import _completar

pytestmark = pytest.mark.django_db


def test_indicadores_y_cobertura():
    from tests.factories import competencia

    oficina = OficinaFactory()
    hoy = timezone.localdate()
    personas = [EmpleadoFactory(oficina=oficina) for _ in range(4)]
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1,
        tipo_certificado="asistencia",
        obligatorio=True,
        horas=8,
        competencias=[competencia("C1")],
    )
    for persona in personas[:3]:
        _completar(persona, curso, lecciones)
    ambito = {
        "desde": hoy - timedelta(days=30),
        "hasta": hoy,
        "oficina_ids": [oficina.pk],
    }
    al_dia = selectors.indicador_formacion_obligatoria_al_dia(**ambito)
    assert al_dia["n"] == 4 and al_dia["valor"] == 75
    assert al_dia["ic_inf"] < 75 < al_dia["ic_sup"]
    horas = selectors.indicador_horas_por_persona(**ambito)
    assert horas["n"] == 4 and horas["valor"] == pytest.approx(6.0)
    # Hours 8, 8, 8, 0: sample s.d. 4, normal margin 1.96 · 4 / √4.
    assert horas["ic_inf"] == pytest.approx(6 - 1.959964 * 2)
    assert horas["ic_sup"] == pytest.approx(6 + 1.959964 * 2)
    vacio = selectors.indicador_tasa_aprobado(**ambito)
    assert vacio == {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
    otro_canal = selectors.indicador_formacion_obligatoria_al_dia(
        **ambito, canal="telefonico"
    )
    assert otro_canal["n"] == 0 and otro_canal["valor"] is None
    cobertura = {
        f["competencia_codigo"]: f
        for f in selectors.cobertura_por_competencia(en=hoy, oficina_ids=[oficina.pk])
    }
    assert (
        cobertura["C1"]["con_curso_completado"] == 3
        and cobertura["C1"]["personas"] == 4
    )
    assert cobertura["C2"]["con_curso_completado"] == 0
    assert list(selectors.cursos_que_desarrollan([competencia("C1")])) == [curso]
    progreso = selectors.progreso_matriculas(personas[0], [curso])
    assert progreso[curso.pk].estado == Matricula.Estado.COMPLETADA
    assert selectors.progreso_matriculas(personas[3], [curso]) == {curso.pk: None}


def test_horas_por_persona_sin_limite_inferior_negativo():
    oficina = OficinaFactory()
    personas = [EmpleadoFactory(oficina=oficina) for _ in range(4)]
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", horas=8
    )
    _completar(personas[0], curso, lecciones)
    hoy = timezone.localdate()
    horas = selectors.indicador_horas_por_persona(
        desde=hoy, hasta=hoy, oficina_ids=[oficina.pk]
    )
    # Hours 8, 0, 0, 0: mean 2, s.d. 4, so 2 − 1.96 · 2 would be negative.
    assert horas["valor"] == pytest.approx(2.0) and horas["ic_inf"] == 0.0
    assert horas["ic_sup"] == pytest.approx(2 + 1.959964 * 2)


def test_indicador_tasa_aprobado():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=2, preguntas_por_intento=2
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    for acertar in (False, True):
        intento = services.iniciar_intento(matricula=matricula)
        respuestas = {
            r.pk: [o.pk for o in r.version.opciones.all() if o.correcta == acertar][:1]
            for r in intento.respuestas.select_related("version")
        }
        services.enviar_intento(intento=intento, respuestas=respuestas)
    hoy = timezone.localdate()
    tasa = selectors.indicador_tasa_aprobado(desde=hoy, hasta=hoy)
    assert tasa["n"] == 2 and tasa["valor"] == 50
