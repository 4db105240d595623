"""formacion/datos_personales.py: quiz attempts and answers, with the options
the person chose; nobody else's."""

import pytest

from formacion import datos_personales, services
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_intentos_y_respuestas_del_cuestionario_con_las_opciones_elegidas():
    ana, otro = EmpleadoFactory(), EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=1, preguntas_por_intento=1, title="Protocolo"
    )
    matricula = services.matricular(empleado=ana, curso=curso, origen="propia")
    services.matricular(empleado=otro, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    r = intento.respuestas.select_related("version").get()
    correctas = [o for o in r.version.opciones.all() if o.correcta]
    services.enviar_intento(
        intento=intento, respuestas={r.pk: [o.pk for o in correctas]}
    )

    intentos = list(datos_personales.intentos(ana))
    assert [(f[0], f[1], f[2], f[8]) for f in intentos] == [
        (intento.pk, "Protocolo", 1, True)
    ]
    assert list(datos_personales.respuestas_intentos(ana)) == [
        (
            intento.pk,
            r.orden,
            r.version.enunciado,
            " | ".join(o.texto for o in correctas),
            True,
        )
    ]
    assert list(datos_personales.intentos(otro)) == []
    assert matricula.pk not in [f[0] for f in datos_personales.matriculas(otro)]
