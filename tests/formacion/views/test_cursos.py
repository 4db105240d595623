import pytest
from django.urls import reverse

from formacion import services
from formacion.models import Intento, Matricula
from tests.factories import EmpleadoFactory, curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_curso_y_leccion_exigen_sesion(client, escenario):
    respuesta = client.get(escenario["curso"].url)
    assert respuesta.status_code == 302 and "/cuenta/login/" in respuesta["Location"]
    respuesta = client.get(escenario["lecciones"][0].url)
    assert respuesta.status_code == 302


def test_pagina_de_curso_muestra_progreso_y_certificado(client, escenario):
    client.force_login(escenario["empleada"].usuario)
    respuesta = client.get(escenario["curso"].url)
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert "2 de 2 lecciones completadas" in texto
    assert "Descargar el certificado" in texto


def test_leccion_marca_completada_y_reanuda_donde_lo_dejo(client, escenario):
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=3, tipo_certificado="asistencia"
    )
    services.matricular(empleado=empleado, curso=curso, origen="propia")
    client.force_login(empleado.usuario)
    respuesta = client.get(lecciones[1].url)
    assert "Marcar como completada" in respuesta.content.decode()
    respuesta = client.get(curso.url)
    assert "Empezar el curso</a>" not in respuesta.content.decode()
    assert lecciones[1].title in respuesta.context["progreso"]["siguiente"].title
    respuesta = client.post(
        reverse("formacion:completar_leccion", args=[lecciones[0].pk])
    )
    assert respuesta.status_code == 302
    assert Matricula.objects.get(empleado=empleado).progresos.count() == 1


def test_cuestionario_sin_js_con_plazo_del_servidor(client):
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=2, preguntas_por_intento=2, tiempo_limite_minutos=15
    )
    services.matricular(empleado=empleado, curso=curso, origen="propia")
    client.force_login(empleado.usuario)
    respuesta = client.post(reverse("formacion:iniciar_cuestionario", args=[curso.pk]))
    intento = Intento.objects.get()
    assert respuesta["Location"] == reverse("formacion:intento", args=[intento.pk])
    pagina = client.get(respuesta["Location"]).content.decode()
    assert "Envía tus respuestas antes de las" in pagina
    assert 'aria-live="polite"' in pagina
    datos = {}
    for r in intento.respuestas.select_related("version"):
        datos[f"p{r.pk}"] = [o.pk for o in r.version.opciones.all() if o.correcta]
    respuesta = client.post(reverse("formacion:intento", args=[intento.pk]), datos)
    assert respuesta.status_code == 302
    intento.refresh_from_db()
    assert intento.aprobado
    # The same form posted again is not scored twice.
    client.post(reverse("formacion:intento", args=[intento.pk]), {})
    intento.refresh_from_db()
    assert intento.nota == 100


def test_opcion_manipulada_da_400_con_mensaje(client):
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=2, preguntas_por_intento=2
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    r1, r2 = intento.respuestas.select_related("version")
    client.force_login(empleado.usuario)
    url = reverse("formacion:intento", args=[intento.pk])
    ajena = r2.version.opciones.first().pk
    respuesta = client.post(url, {f"p{r1.pk}": ajena})
    assert respuesta.status_code == 400
    assert "no pertenece a la pregunta" in respuesta.content.decode()
    assert client.post(url, {f"p{r1.pk}": "abc"}).status_code == 400


def test_intento_ajeno_prohibido(client, escenario):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    matricula = services.matricular(
        empleado=escenario["empleada"], curso=curso, origen="propia"
    )
    intento = services.iniciar_intento(matricula=matricula)
    client.force_login(escenario["otro"].usuario)
    assert (
        client.get(reverse("formacion:intento", args=[intento.pk])).status_code == 403
    )
