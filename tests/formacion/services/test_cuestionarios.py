from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from formacion import services
from formacion.models import Intento, Matricula, Opcion, TiempoExtra
from tests.factories import EmpleadoFactory, crear_pregunta, curso_con_lecciones
from tests.formacion.conftest import _respuestas_correctas

pytestmark = pytest.mark.django_db


def test_aprobar_el_cuestionario_completa_en_el_momento():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(n_lecciones=1, n_preguntas=3)
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    suspenso = services.iniciar_intento(matricula=matricula)
    services.enviar_intento(
        intento=suspenso, respuestas=_respuestas_correctas(suspenso, False)
    )
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.EN_CURSO and matricula.nota == 0
    aprobado = services.iniciar_intento(matricula=matricula)
    assert aprobado.numero == 2
    envio = timezone.now()
    services.enviar_intento(
        intento=aprobado, respuestas=_respuestas_correctas(aprobado), ahora=envio
    )
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.COMPLETADA
    assert matricula.completada_en == envio


def test_doble_envio_se_califica_una_sola_vez():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    primero = services.enviar_intento(
        intento=intento, respuestas=_respuestas_correctas(intento, False)
    )
    segundo = services.enviar_intento(
        intento=intento, respuestas=_respuestas_correctas(intento, True)
    )
    assert primero.nota == segundo.nota == 0
    intento.refresh_from_db()
    assert intento.nota == 0 and not intento.aprobado
    assert Intento.objects.filter(matricula=matricula).count() == 1


def test_opcion_ajena_a_la_pregunta_se_rechaza_con_mensaje_claro():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=2, preguntas_por_intento=2
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    r1, r2 = list(intento.respuestas.select_related("version"))
    opcion_de_r2 = r2.version.opciones.first().pk
    with pytest.raises(ValidationError, match="no pertenece a la pregunta"):
        services.enviar_intento(intento=intento, respuestas={r1.pk: [opcion_de_r2]})
    with pytest.raises(ValidationError, match="no están en este intento"):
        services.enviar_intento(intento=intento, respuestas={999999: [1]})
    varias = [o.pk for o in r1.version.opciones.all()][:2]
    with pytest.raises(ValidationError, match="una sola respuesta"):
        services.enviar_intento(intento=intento, respuestas={r1.pk: varias})
    intento.refresh_from_db()
    assert intento.estado == Intento.Estado.EN_CURSO and intento.nota is None


def test_respuesta_multiple_exige_todas_las_correctas():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=0, preguntas_por_intento=1
    )
    crear_pregunta(
        curso, "Elige dos", correcta=[0, 2], opciones=("A", "B", "C"), tipo="multiple"
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    r = intento.respuestas.get()
    a, _b, c = [o.pk for o in r.version.opciones.all()]
    services.enviar_intento(intento=intento, respuestas={r.pk: [a]})
    intento.refresh_from_db()
    assert intento.nota == 0
    intento2 = services.iniciar_intento(matricula=matricula)
    r2 = intento2.respuestas.get()
    services.enviar_intento(intento=intento2, respuestas={r2.pk: [a, c]})
    intento2.refresh_from_db()
    assert intento2.nota == 100


def test_editar_una_pregunta_no_cambia_un_intento_anterior():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=0, preguntas_por_intento=1
    )
    pregunta = crear_pregunta(
        curso, "¿Texto original?", correcta=0, opciones=("Buena", "Mala")
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    services.enviar_intento(intento=intento, respuestas=_respuestas_correctas(intento))
    # Quality staff rewrite the question and swap which option is right.
    pregunta.enunciado = "¿Texto corregido?"
    pregunta.save()
    Opcion.objects.filter(pregunta=pregunta, texto="Buena").update(
        correcta=False, texto="Ahora mala"
    )
    Opcion.objects.filter(pregunta=pregunta, texto="Mala").update(correcta=True)
    nueva = services.guardar_version_pregunta(pregunta=pregunta)
    assert nueva.numero == 2
    respuesta = intento.respuestas.select_related("version").get()
    assert respuesta.version.numero == 1
    assert respuesta.version.enunciado == "¿Texto original?"
    assert [o.texto for o in respuesta.opciones_elegidas.all()] == ["Buena"]
    assert respuesta.correcta is True
    intento.refresh_from_db()
    assert intento.nota == 100
    # Saving without changes does not create versions.
    assert services.guardar_version_pregunta(pregunta=pregunta).numero == 2


def test_intentos_agotados_y_limite_de_tiempo_con_tiempo_extra():
    empleado = EmpleadoFactory()
    TiempoExtra.objects.create(empleado=empleado, porcentaje=50)
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, intentos_permitidos=1, tiempo_limite_minutos=20
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    inicio = timezone.now()
    intento = services.iniciar_intento(matricula=matricula, ahora=inicio)
    assert intento.limite == inicio + timedelta(minutes=30)
    assert services.iniciar_intento(matricula=matricula).pk == intento.pk  # resumes
    tarde = intento.limite + timedelta(minutes=5)
    services.enviar_intento(
        intento=intento, respuestas=_respuestas_correctas(intento), ahora=tarde
    )
    intento.refresh_from_db()
    assert intento.fuera_de_plazo and intento.nota == 0
    with pytest.raises(ValidationError, match="agotado"):
        services.iniciar_intento(matricula=matricula)
