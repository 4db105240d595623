"""Quality staff edit questions and courses in Wagtail's admin (/cms/)."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from formacion import services
from formacion.models import CursosIndexPage, PreguntaVersion
from tests.factories import EmpleadoFactory, crear_pregunta, curso_con_lecciones

pytestmark = pytest.mark.django_db


def test_editar_pregunta_en_el_cms_crea_version_y_no_toca_el_intento_anterior(
    client, usuario_calidad
):
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=0, preguntas_por_intento=1
    )
    pregunta = crear_pregunta(curso, "¿Enunciado original?", opciones=("Buena", "Mala"))
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    r = intento.respuestas.select_related("version").get()
    buena = r.version.opciones.get(texto="Buena").pk
    services.enviar_intento(intento=intento, respuestas={r.pk: [buena]})

    client.force_login(usuario_calidad)
    opciones = list(pregunta.opciones.order_by("sort_order"))
    datos = nested_form_data(
        {
            "curso": curso.pk,
            "enunciado": "¿Enunciado corregido?",
            "tipo": "unica",
            "etiqueta": "",
            "activa": "on",
            "opciones": inline_formset(
                [
                    {
                        "id": opciones[0].pk,
                        "texto": "Buena",
                        "correcta": "",
                        "retroalimentacion": "",
                        "ORDER": 0,
                    },
                    {
                        "id": opciones[1].pk,
                        "texto": "Mala",
                        "correcta": "on",
                        "retroalimentacion": "",
                        "ORDER": 1,
                    },
                ],
                initial=2,
                min=2,
            ),
        }
    )
    respuesta = client.post(
        f"/cms/snippets/formacion/pregunta/edit/{pregunta.pk}/", datos
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    versiones = PreguntaVersion.objects.filter(pregunta=pregunta).order_by("numero")
    assert [v.enunciado for v in versiones] == [
        "¿Enunciado original?",
        "¿Enunciado corregido?",
    ]
    r.refresh_from_db()
    intento.refresh_from_db()
    assert r.version.numero == 1 and r.correcta is True and intento.nota == 100


def test_calidad_puede_crear_cursos_en_el_arbol(client, usuario_calidad):
    client.force_login(usuario_calidad)
    indice = CursosIndexPage.objects.get()
    respuesta = client.get(f"/cms/pages/add/formacion/cursopage/{indice.pk}/")
    assert respuesta.status_code == 200
    assert client.get("/cms/snippets/formacion/pregunta/").status_code == 200
    assert client.get("/cms/snippets/formacion/reglaasignacion/").status_code == 200


def test_empleado_sin_rol_no_entra_al_cms(client):
    client.force_login(EmpleadoFactory().usuario)
    assert client.get("/cms/snippets/formacion/pregunta/").status_code in (302, 403)


def test_borrar_pregunta_conserva_el_intento_y_borrar_curso_con_matriculas_se_impide(
    client, usuario_calidad
):
    from formacion.models import CursoPage, Pregunta

    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=0, preguntas_por_intento=1
    )
    pregunta = crear_pregunta(curso, "¿Se borrará?")
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    client.force_login(usuario_calidad)
    respuesta = client.post(f"/cms/snippets/formacion/pregunta/delete/{pregunta.pk}/")
    assert respuesta.status_code == 302
    assert not Pregunta.objects.filter(pk=pregunta.pk).exists()
    assert intento.respuestas.get().version.enunciado == "¿Se borrará?"
    respuesta = client.post(f"/cms/pages/{curso.pk}/delete/")
    assert respuesta.status_code == 302
    assert CursoPage.objects.filter(pk=curso.pk).exists()


def test_la_formacion_externa_se_edita_en_el_cms_sin_enlace_publico_a_la_evidencia(
    client, usuario_calidad
):
    """The evidence is private: the admin form shows no /media/ address for it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    formacion = services.registrar_formacion_externa(
        empleado=EmpleadoFactory(),
        por=usuario_calidad,
        titulo="Primeros auxilios",
        entidad="Cruz Roja",
        horas=8,
        modalidad="presencial",
        fecha_inicio="2026-03-02",
        fecha_fin="2026-03-03",
        evidencia=SimpleUploadedFile("diploma.pdf", b"%PDF-1.4"),
    )
    client.force_login(usuario_calidad)
    respuesta = client.get(
        f"/cms/snippets/formacion/formacionexterna/edit/{formacion.pk}/"
    )
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert 'name="evidencia"' in html
    assert "/media/" not in html and formacion.evidencia.name not in html


def test_una_regla_de_un_curso_sin_publicar_se_guarda_sin_aplicar_y_lo_avisa(
    rf, usuario_calidad
):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from formacion.models import Matricula, ReglaAsignacion
    from formacion.wagtail_hooks import despues_de_crear
    from tests.factories import OficinaFactory, curso_con_lecciones

    oficina = OficinaFactory(canales=["presencial"])
    EmpleadoFactory(oficina=oficina, canales=["presencial"])
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    curso.unpublish()
    regla = ReglaAsignacion.objects.create(
        nombre="Acogida", curso=curso, oficina=oficina, activa=True
    )
    peticion = rf.post("/cms/snippets/formacion/reglaasignacion/add/")
    peticion.user, peticion.session = usuario_calidad, SessionStore()
    peticion._messages = FallbackStorage(peticion)
    despues_de_crear(peticion, regla)
    avisos = [str(m) for m in get_messages(peticion)]
    assert any("no está publicado" in a for a in avisos), avisos
    assert not Matricula.objects.exists()
