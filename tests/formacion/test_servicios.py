from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from formacion import services
from formacion.models import (
    Certificado,
    Intento,
    Matricula,
    Opcion,
    TiempoExtra,
    TipoCertificado,
)
from tests.factories import EmpleadoFactory, crear_pregunta, curso_con_lecciones

pytestmark = pytest.mark.django_db


def _respuestas_correctas(intento, acertar=True):
    respuestas = {}
    for r in intento.respuestas.select_related("version").prefetch_related(
        "version__opciones"
    ):
        opciones = list(r.version.opciones.all())
        buenas = [o.pk for o in opciones if o.correcta]
        malas = [o.pk for o in opciones if not o.correcta][:1]
        respuestas[r.pk] = buenas if acertar else malas
    return respuestas


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


def test_la_base_de_datos_impide_dos_matriculas_abiertas():
    empleado = EmpleadoFactory()
    curso, _l, _p = curso_con_lecciones()
    Matricula.objects.create(empleado=empleado, curso=curso, origen="propia")
    with pytest.raises(IntegrityError), transaction.atomic():
        Matricula.objects.create(empleado=empleado, curso=curso, origen="asignacion")


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


def test_revocar_y_reemitir_certificado(usuario_calidad):
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    original = matricula.certificados.get()
    with pytest.raises(ValidationError):
        services.revocar_certificado(
            certificado=original, por=usuario_calidad, motivo=""
        )
    nuevo = services.reemitir_certificado(
        certificado=original, por=usuario_calidad, motivo="Corrección del nombre"
    )
    original.refresh_from_db()
    assert (
        original.estado == Certificado.Estado.REVOCADO
        and original.situacion() == "revocado"
    )
    assert nuevo.sustituye_a == original and nuevo.codigo != original.codigo
    assert nuevo.fecha_fin == original.fecha_fin
    assert len(nuevo.codigo.replace("-", "")) * 5 >= 80


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


def test_una_nueva_finalizacion_del_mismo_curso_sustituye_al_certificado_vigente():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", validez_meses=24
    )
    primera = services.matricular(empleado=empleado, curso=curso, origen="propia")
    services.completar_leccion(matricula=primera, leccion=lecciones[0])
    anterior = primera.certificados.get()
    # The platform lets the person enrol again (a recommendation, a renewal)…
    segunda = services.matricular(
        empleado=empleado, curso=curso, origen=Matricula.Origen.RECOMENDACION
    )
    assert segunda.pk != primera.pk
    services.completar_leccion(matricula=segunda, leccion=lecciones[0])
    nuevo = segunda.certificados.get()
    anterior.refresh_from_db()
    # … but only the newest certificate stays valid: hours are not counted twice.
    assert anterior.situacion() == "revocado" and nuevo.situacion() == "valido"
    assert nuevo.sustituye_a == anterior and nuevo.codigo in anterior.motivo_revocacion
    assert (
        Certificado.objects.filter(
            empleado=empleado, curso=curso, estado=Certificado.Estado.EMITIDO
        ).count()
        == 1
    )
    # Issuing again is still idempotent and supersedes nothing more.
    assert services.emitir_certificado(matricula=segunda).pk == nuevo.pk
