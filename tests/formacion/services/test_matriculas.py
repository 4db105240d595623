from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from formacion import services
from formacion.models import Matricula, TipoCertificado
from tests.factories import EmpleadoFactory, curso_con_lecciones
from tests.formacion.conftest import _respuestas_correctas

pytestmark = pytest.mark.django_db


def test_matricular_es_idempotente_y_sube_a_obligatoria():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones()
    primera = services.matricular(
        empleado=empleado, curso=curso, origen=Matricula.Origen.PROPIA
    )
    plazo = timezone.localdate() + timedelta(days=10)
    segunda = services.matricular(
        empleado=empleado,
        curso=curso,
        origen=Matricula.Origen.ASIGNACION,
        plazo=plazo,
        obligatoria=True,
    )
    assert primera.pk == segunda.pk
    assert Matricula.objects.filter(empleado=empleado, curso=curso).count() == 1
    segunda.refresh_from_db()
    assert segunda.obligatoria and segunda.plazo == plazo


def test_curso_de_asistencia_se_completa_al_terminar_la_ultima_leccion(
    django_capture_on_commit_callbacks,
):
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=3, tipo_certificado=TipoCertificado.ASISTENCIA
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    assert (
        services.completar_leccion(matricula=matricula, leccion=lecciones[0]) is False
    )
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.EN_CURSO and matricula.iniciada_en
    assert (
        services.completar_leccion(matricula=matricula, leccion=lecciones[1]) is False
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.completar_leccion(matricula=matricula, leccion=lecciones[2])
            is True
        )
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.COMPLETADA
    assert matricula.completada_en is not None
    certificado = matricula.certificados.get()
    assert certificado.tipo == TipoCertificado.ASISTENCIA and certificado.nota is None
    assert certificado.fecha_fin == timezone.localdate(matricula.completada_en)
    assert certificado.pdf and len(certificado.sha256) == 64


def test_porcentaje_de_asistencia_configurable():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=4,
        tipo_certificado=TipoCertificado.ASISTENCIA,
        porcentaje_asistencia=75,
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    for leccion in lecciones[:2]:
        services.completar_leccion(matricula=matricula, leccion=leccion)
    assert services.completar_leccion(matricula=matricula, leccion=lecciones[2]) is True


def test_leccion_de_otro_curso_se_rechaza():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones()
    _otro, lecciones_otro, _q = curso_con_lecciones()
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    with pytest.raises(ValidationError):
        services.completar_leccion(matricula=matricula, leccion=lecciones_otro[0])


def test_aprovechamiento_necesita_lecciones_y_cuestionario_aprobado():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, n_preguntas=4, preguntas_por_intento=4
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    intento = services.iniciar_intento(matricula=matricula)
    assert intento.respuestas.count() == 4
    services.enviar_intento(intento=intento, respuestas=_respuestas_correctas(intento))
    intento.refresh_from_db()
    assert intento.aprobado and intento.nota == 100
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.EN_CURSO  # lessons still missing
    assert services.completar_leccion(matricula=matricula, leccion=lecciones[0]) is True
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.COMPLETADA and matricula.nota == 100
    assert matricula.certificados.get().nota == 100


def test_la_instantanea_no_cambia_si_cambia_el_curso():
    empleado = EmpleadoFactory(nombre="Ana", apellidos="Ruiz Gil")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    curso.title = "Otro título"
    curso.horas = 99
    curso.save()
    certificado = matricula.certificados.get()
    assert certificado.titulo_curso != "Otro título" and certificado.horas == 10
    assert certificado.nombre_persona == "Ana Ruiz Gil"


def test_registrar_completada_en_el_pasado_certifica_con_esas_fechas():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(n_lecciones=2, validez_meses=12)
    matricula = services.matricular(
        empleado=empleado, curso=curso, origen="recomendacion"
    )
    fin = timezone.now() - timedelta(days=400)
    services.registrar_completada(
        matricula=matricula,
        iniciada_en=fin - timedelta(days=7),
        completada_en=fin,
        nota=90,
    )
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.CADUCADA
    assert matricula.progresos.count() == 2
    certificado = matricula.certificados.get()
    assert certificado.fecha_fin == timezone.localdate(fin)
    assert certificado.fecha_inicio == timezone.localdate(fin - timedelta(days=7))
    assert certificado.situacion() == "caducado"
