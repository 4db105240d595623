"""Assignment rules, renewal windows, daily reminders and indicators."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from formacion import selectors, services
from formacion.models import Intento, Matricula, RegistroAsignacion, ReglaAsignacion
from tests.factories import EmpleadoFactory, OficinaFactory, canal, curso_con_lecciones

pytestmark = pytest.mark.django_db


def _completar(empleado, curso, lecciones, cuando=None):
    matricula = services.matricular(empleado=empleado, curso=curso, origen="asignacion")
    for leccion in lecciones:
        services.completar_leccion(matricula=matricula, leccion=leccion)
    matricula.refresh_from_db()
    if cuando is not None:
        Matricula.objects.filter(pk=matricula.pk).update(
            completada_en=cuando,
            iniciada_en=cuando,
            caduca_en=(cuando + timedelta(days=365)).date(),
        )
        matricula.refresh_from_db()
    return matricula


# --- Assignment rules -----------------------------------------------------------------


def test_asignacion_por_canal_es_idempotente_y_auditada(usuario_calidad):
    oficina = OficinaFactory(canales=["presencial", "telefonico"])
    telefono = [
        EmpleadoFactory(oficina=oficina, canales=["telefonico"]) for _ in range(3)
    ]
    EmpleadoFactory(oficina=oficina, canales=["presencial"])
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    plazo = timezone.localdate() + timedelta(days=30)
    primero = services.asignar(
        curso=curso, por=usuario_calidad, canal=canal("telefonico"), plazo=plazo
    )
    segundo = services.asignar(
        curso=curso, por=usuario_calidad, canal=canal("telefonico"), plazo=plazo
    )
    assert (primero.nuevas, primero.ya_existentes) == (3, 0)
    assert (segundo.nuevas, segundo.ya_existentes) == (0, 3)
    assert Matricula.objects.filter(curso=curso).count() == 3
    assert set(Matricula.objects.values_list("empleado_id", flat=True)) == {
        e.pk for e in telefono
    }
    m = Matricula.objects.first()
    assert m.asignada_por == usuario_calidad and m.obligatoria and m.plazo == plazo
    assert RegistroAsignacion.objects.filter(por=usuario_calidad).count() == 2


def test_asignacion_limitada_al_equipo_del_supervisor():
    jefe = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    oficina = jefe.oficina
    mio = EmpleadoFactory(oficina=oficina, supervisor=jefe)
    indirecto = EmpleadoFactory(oficina=oficina, supervisor=mio)
    ajeno = EmpleadoFactory(oficina=oficina)
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    services.asignar(
        curso=curso,
        por=jefe.usuario,
        oficina=oficina,
        ambito_ids=selectors.equipo_ids_de(jefe.usuario),
    )
    asignados = set(Matricula.objects.values_list("empleado_id", flat=True))
    assert asignados == {mio.pk, indirecto.pk}
    assert ajeno.pk not in asignados


def test_asignacion_sin_criterio_o_con_plazo_pasado_se_rechaza(usuario_calidad):
    from django.core.exceptions import ValidationError

    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    with pytest.raises(ValidationError):
        services.asignar(curso=curso, por=usuario_calidad)
    with pytest.raises(ValidationError):
        services.asignar(
            curso=curso,
            por=usuario_calidad,
            canal=canal("presencial"),
            plazo=timezone.localdate() - timedelta(days=1),
        )


def test_regla_permanente_matricula_a_quien_se_incorpora(
    usuario_calidad, django_capture_on_commit_callbacks
):
    oficina = OficinaFactory()
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    EmpleadoFactory(oficina=oficina)
    regla = services.crear_regla(
        por=usuario_calidad,
        curso=curso,
        nombre="Acogida",
        oficina=oficina,
        plazo_dias=15,
    )
    assert Matricula.objects.filter(regla=regla).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        nueva = EmpleadoFactory(oficina=oficina)
    matricula = Matricula.objects.get(empleado=nueva)
    assert matricula.regla == regla and matricula.origen == Matricula.Origen.REGLA
    assert matricula.plazo == timezone.localdate() + timedelta(days=15)
    with django_capture_on_commit_callbacks(execute=True):
        EmpleadoFactory()  # another office: not matched
    assert Matricula.objects.filter(regla=regla).count() == 2


def test_regla_por_canal_se_aplica_cuando_se_guardan_los_canales(
    usuario_calidad, django_capture_on_commit_callbacks
):
    curso, _l, _p = curso_con_lecciones(n_lecciones=1)
    ReglaAsignacion.objects.create(
        nombre="Teléfono", curso=curso, canal=canal("telefonico"), plazo_dias=10
    )
    with django_capture_on_commit_callbacks(execute=True):
        agente = EmpleadoFactory(canales=["telefonico"])
        EmpleadoFactory(canales=["presencial"])
    assert list(Matricula.objects.values_list("empleado_id", flat=True)) == [agente.pk]


# --- Renewal --------------------------------------------------------------------------


def test_ventana_de_renovacion_y_caducidad():
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1,
        tipo_certificado="asistencia",
        validez_meses=12,
        antelacion_renovacion_dias=30,
        obligatorio=True,
    )
    hace = timezone.now() - timedelta(days=300)
    anterior = _completar(empleado, curso, lecciones, cuando=hace)
    Intento.objects.create(matricula=anterior, numero=1, estado="enviado", nota=80)
    caduca = anterior.caduca_en
    # 31 days before expiry: too early.
    assert services.abrir_renovaciones(hoy=caduca - timedelta(days=31)) == 0
    # 30 days before: the window opens, once.
    assert services.abrir_renovaciones(hoy=caduca - timedelta(days=30)) == 1
    assert services.abrir_renovaciones(hoy=caduca - timedelta(days=29)) == 0
    renovacion = Matricula.objects.get(renovacion_de=anterior)
    assert renovacion.origen == Matricula.Origen.RENOVACION
    assert renovacion.obligatoria and renovacion.plazo == caduca
    assert anterior.intentos.get().archivado  # archived, not deleted
    # After expiry the old completion becomes caducada, the renewal is overdue.
    estados = services.actualizar_estados(hoy=caduca + timedelta(days=1))
    assert estados == {"vencidas": 1, "caducadas": 1}
    anterior.refresh_from_db()
    renovacion.refresh_from_db()
    assert anterior.estado == Matricula.Estado.CADUCADA
    assert renovacion.estado == Matricula.Estado.VENCIDA


def test_buckets_de_estado():
    hoy = timezone.localdate()
    assert selectors.estado_formacion(None, False, hoy) == "sin_formacion"
    assert selectors.estado_formacion(None, True, hoy) == "al_dia"
    assert selectors.estado_formacion(hoy - timedelta(days=1), False, hoy) == "caducado"
    assert (
        selectors.estado_formacion(hoy + timedelta(days=30), False, hoy) == "caduca_30"
    )
    assert (
        selectors.estado_formacion(hoy + timedelta(days=31), False, hoy) == "caduca_60"
    )
    assert selectors.estado_formacion(hoy + timedelta(days=61), False, hoy) == "al_dia"


def test_formacion_del_equipo_ordena_vencidos_primero():
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    al_dia = EmpleadoFactory(supervisor=jefa, apellidos="Aaa")
    vencida = EmpleadoFactory(supervisor=jefa, apellidos="Zzz")
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia", obligatorio=True, validez_meses=24
    )
    _completar(al_dia, curso, lecciones)
    m = services.matricular(
        empleado=vencida,
        curso=curso,
        origen="asignacion",
        plazo=timezone.localdate() + timedelta(days=3),
    )
    Matricula.objects.filter(pk=m.pk).update(
        plazo=timezone.localdate() - timedelta(days=2)
    )
    datos = selectors.formacion_del_equipo(
        empleado_ids=selectors.equipo_ids_de(jefa.usuario)
    )
    assert [f["persona"] for f in datos["filas"]] == [vencida, al_dia]
    assert datos["filas"][0]["celdas"][0]["estado"] == "sin_formacion"
    assert datos["filas"][0]["celdas"][0]["vencida"]
    assert datos["filas"][1]["celdas"][0]["estado"] == "al_dia"
    assert datos["personas_al_dia"] == 1


# --- Reminders ------------------------------------------------------------------------


def test_recordatorios_un_resumen_al_dia_y_nada_dos_veces():
    jefa = EmpleadoFactory(usuario__roles=["empleado", "supervisor"])
    ana = EmpleadoFactory(supervisor=jefa)
    cursos = [curso_con_lecciones(n_lecciones=1)[0] for _ in range(3)]
    hoy = timezone.localdate()
    for i, curso in enumerate(cursos):
        m = services.matricular(
            empleado=ana,
            curso=curso,
            origen="asignacion",
            plazo=hoy + timedelta(days=3),
            obligatoria=True,
        )
        if i == 0:
            Matricula.objects.filter(pk=m.pk).update(
                plazo=hoy - timedelta(days=1), estado="vencida"
            )
    resultado = services.enviar_recordatorios(hoy=hoy)
    assert resultado == {"personal": 1, "equipo": 1}
    assert len(mail.outbox) == 2
    personal = next(m for m in mail.outbox if m.to == [ana.usuario.email])
    assert "Fuera de plazo" in personal.body and cursos[0].title in personal.body
    assert "Vencen pronto" in personal.body and cursos[2].title in personal.body
    equipo = next(m for m in mail.outbox if m.to == [jefa.usuario.email])
    assert ana.nombre in equipo.body
    # Running it again the same day sends nothing.
    assert services.enviar_recordatorios(hoy=hoy) == {"personal": 0, "equipo": 0}
    assert len(mail.outbox) == 2
    # The next day it is a new digest.
    assert services.enviar_recordatorios(hoy=hoy + timedelta(days=1))["personal"] == 1


def test_tarea_diaria_no_calcula_finalizaciones():
    from formacion.tasks import tareas_diarias_formacion

    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleado, curso=curso, origen="propia")
    resultado = tareas_diarias_formacion.delay().get()
    assert resultado == {"vencidas": 0, "caducadas": 0, "renovaciones": 0}
    matricula.refresh_from_db()
    assert matricula.estado == Matricula.Estado.PENDIENTE


# --- Indicators and contracts ---------------------------------------------------------


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


def test_formacion_externa_cuenta_horas_solo_reconocida(usuario_calidad):
    from datetime import date

    from django.core.files.base import ContentFile

    from formacion.models import FormacionExterna

    empleado = EmpleadoFactory()
    externa = FormacionExterna(
        empleado=empleado,
        titulo="Curso INAP de lenguaje claro",
        entidad="INAP",
        horas=15,
        modalidad="en_linea",
        fecha_inicio=date(timezone.localdate().year, 1, 10),
        fecha_fin=date(timezone.localdate().year, 1, 20),
    )
    externa.evidencia.save("diploma.pdf", ContentFile(b"%PDF-1.4 diploma"), save=True)
    assert selectors.horas_por_anio(empleado) == {}
    services.reconocer_formacion_externa(formacion=externa, por=usuario_calidad)
    assert selectors.horas_por_anio(empleado) == {timezone.localdate().year: 15}
    filas, totales = selectors.expediente(empleado)
    assert filas[0]["externa"] and totales["horas"] == 15
