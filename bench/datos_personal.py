"""Training and evaluation volume on top of bench/datos.py's organisation:
mandatory courses with enrolments in every state (expired and external training
too), a closed campaign and an open one with evaluations in every state,
self-assessments and appeals. Used by bench/personal_paginas.py and, at test size,
by tests/factories/personal.py.

    from datos import crear_organizacion      # bench/ is on sys.path
    from datos_personal import crear_personal
    personal = crear_personal(crear_organizacion())
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from datos import Organizacion


@dataclass
class Personal:
    """Training and evaluation volume on top of an Organizacion."""

    cursos: list[int]  # mandatory courses first
    campana_cerrada: int
    campana_abierta: int
    matriculas: int = 0
    evaluaciones: int = 0


def crear_formacion(
    org: Organizacion, *, cursos: int = 8, externas_cada: int = 7
) -> tuple[list[int], int]:
    """Courses (mandatory ones, one tied to a channel, and voluntary ones) and
    enrolments in every state for everyone: completed and valid, about to
    expire, expired (caducada), pending with a deadline past and future, in
    progress, overdue (vencida); plus external training every `externas_cada`
    people. Returns (course ids, enrolments created)."""
    from datetime import timedelta
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from formacion.models import CursoPage, CursosIndexPage, FormacionExterna, Matricula

    ahora = timezone.now()
    hoy = timezone.localdate()
    indice = CursosIndexPage.objects.get()
    ids = []
    with transaction.atomic():
        for j in range(cursos):
            obligatorio = j < max(1, cursos * 5 // 8)
            curso = indice.add_child(
                instance=CursoPage(
                    title=f"Curso bench {j:02d}",
                    slug=f"curso-bench-{j:02d}",
                    resumen="Formación del banco de pruebas.",
                    horas=Decimal(4 + j),
                    obligatorio=obligatorio,
                    validez_meses=12 if obligatorio else 0,
                )
            )
            if j == 1:  # a mandatory course for one channel only (no aplica)
                curso.canales.set([next(iter(org.canales.values()))])
                curso.save()
            ids.append(curso.pk)
        filas = []
        for i, empleado in enumerate(org.empleados):
            for j, curso in enumerate(ids):
                caso = (i + 3 * j) % 9
                base = {"empleado_id": empleado, "curso_id": curso}
                if caso in (0, 1, 2):  # completed: valid, expiring soon, expired
                    caduca = hoy + timedelta(days=(200, 20, -30)[caso])
                    estado = "completada"
                    if caso == 2 and i % 2:
                        estado = "caducada"
                    filas.append(
                        Matricula(
                            **base,
                            origen="asignacion",
                            estado=estado,
                            obligatoria=True,
                            iniciada_en=ahora - timedelta(days=400),
                            completada_en=ahora - timedelta(days=330 + caso),
                            caduca_en=caduca,
                            nota=Decimal(80),
                        )
                    )
                elif caso in (3, 4, 5):  # open: due later, overdue, in progress
                    filas.append(
                        Matricula(
                            **base,
                            origen=("asignacion", "regla", "propia")[caso - 3],
                            estado=("pendiente", "vencida", "en_curso")[caso - 3],
                            obligatoria=caso != 5,
                            plazo=hoy + timedelta(days=(30, -10, 60)[caso - 3]),
                            iniciada_en=ahora if caso == 5 else None,
                        )
                    )
                # 6, 7, 8: no enrolment (sin formación / not assigned)
        Matricula.objects.bulk_create(filas, batch_size=5000)
        FormacionExterna.objects.bulk_create(
            (
                FormacionExterna(
                    empleado_id=empleado,
                    titulo=f"Jornada externa {i}",
                    entidad="INAP",
                    horas=Decimal(5),
                    modalidad=FormacionExterna._meta.get_field("modalidad").choices[0][
                        0
                    ],
                    fecha_inicio=hoy - timedelta(days=60 + i % 300),
                    fecha_fin=hoy - timedelta(days=59 + i % 300),
                    evidencia="formacion/externa/bench.pdf",
                    reconocida_en=ahora,
                )
                for i, empleado in enumerate(org.empleados)
                if i % externas_cada == 0
            ),
            batch_size=5000,
        )
    return ids, len(filas)


def _campana(nombre: str, inicio: date, **campos):
    from evaluacion.models import Campana
    from organizacion.models import MarcoCompetencial

    return Campana.objects.create(
        nombre=nombre,
        marco=MarcoCompetencial.objects.get(vigente=True),
        periodo_inicio=inicio,
        periodo_fin=date(inicio.year, 12, 31),
        fecha_apertura=date(inicio.year + 1, 1, 15),
        **campos,
    )


def _cada(qs, k: int, resto: int = 0):
    """Every k-th row of a queryset by id (deterministic, in the database)."""
    from django.db.models import F

    return qs.alias(_r=F("id") % k).filter(_r=resto)


def _puntuar(evaluaciones) -> None:
    """Supervisor levels on these evaluations: 2-4 for most evaluators, 4-5 for
    a lenient fifth and 1-2 for a severe fifth (calibration flags them)."""
    from django.db.models import F

    from evaluacion.models import Puntuacion

    puntuaciones = Puntuacion.objects.filter(evaluacion__in=evaluaciones)
    puntuaciones.update(nivel=F("id") % 3 + 2)
    for resto, nivel in ((0, F("id") % 2 + 4), (1, F("id") % 2 + 1)):
        puntuaciones.filter(
            evaluacion__in=evaluaciones.alias(_e=F("evaluador_id") % 5).filter(_e=resto)
        ).update(nivel=nivel)


def crear_campana_cerrada(org: Organizacion) -> int:
    """The campaign before last, opened through the service, then closed with
    every evaluation scored and some appeals decided."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from evaluacion import services
    from evaluacion.models import Campana, Evaluacion

    hoy = timezone.localdate()
    with transaction.atomic():
        campana = _campana(
            f"Evaluación bench {hoy.year - 2}",
            date(hoy.year - 2, 1, 1),
            evaluacion_hasta=date(hoy.year - 1, 3, 31),
            con_autoevaluacion=False,
        )
        services.abrir_campana(campana=campana)
        evaluaciones = Evaluacion.objects.filter(campana=campana)
        _puntuar(evaluaciones)
        cuando = timezone.now() - timedelta(days=300)
        evaluaciones.update(
            estado=Evaluacion.Estado.CERRADA,
            enviada_en=cuando,
            cerrada_en=cuando,
            indice=3,
            supera_estandar=True,
        )
        _cada(evaluaciones, 11).update(
            alegacion="No estoy de acuerdo con el nivel de trato.",
            alegada_en=cuando,
            revisada_en=cuando,
            decision=Evaluacion.Decision.DESESTIMADA,
            motivos_decision="Evidencias suficientes.",
        )
        Campana.objects.filter(pk=campana.pk).update(
            estado=Campana.Estado.CERRADA, cerrada_en=cuando
        )
    return campana.pk


def crear_campana_abierta() -> int:
    """This year's campaign, with self-assessment, still a draft: opening it is
    what `abrir_campana` benches measure; `repartir_estados` fills it after."""
    from datetime import timedelta

    from django.utils import timezone

    hoy = timezone.localdate()
    return _campana(
        f"Evaluación bench {hoy.year - 1}",
        date(hoy.year - 1, 1, 1),
        con_autoevaluacion=True,
        autoevaluacion_hasta=hoy + timedelta(days=10),
        evaluacion_hasta=hoy + timedelta(days=40),
    ).pk


# The open campaign's evaluations, one state each in turn (by id modulo).
ESTADOS_ABIERTA = (
    "pendiente",
    "autoevaluacion",
    "en_evaluacion",
    "enviada",
    "reconocida",
    "alegada",
    "revisada",
    "cerrada",
)


def repartir_estados(campana_id: int) -> int:
    """Put the open campaign's evaluations in every state, with
    self-assessments from the second state on, supervisor levels from the
    third, appeals on the alegada and revisada ones. Returns how many."""
    from datetime import timedelta

    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone

    from evaluacion.models import Evaluacion, Puntuacion

    ahora = timezone.now()
    hoy = timezone.localdate()
    evaluaciones = Evaluacion.objects.filter(campana_id=campana_id)
    k = len(ESTADOS_ABIERTA)
    with transaction.atomic():
        for resto, estado in enumerate(ESTADOS_ABIERTA):
            grupo = _cada(evaluaciones, k, resto)
            campos = {"estado": estado}
            if resto >= 3:  # sent
                campos.update(
                    enviada_en=ahora - timedelta(days=5),
                    plazo_alegaciones=hoy + timedelta(days=9),
                    indice=3,
                    supera_estandar=resto % 2 == 0,
                )
            if estado in ("alegada", "revisada"):
                campos.update(
                    alegacion="Pido que se revise la competencia de trato.",
                    alegada_en=ahora - timedelta(days=2),
                )
            if estado == "revisada":
                campos.update(decision=Evaluacion.Decision.PARCIAL, revisada_en=ahora)
            if estado == "cerrada":
                campos["cerrada_en"] = ahora
            grupo.update(**campos)
        sin_auto = _cada(evaluaciones, k, 0)
        Puntuacion.objects.filter(evaluacion__in=evaluaciones).exclude(
            evaluacion__in=sin_auto
        ).update(autoevaluacion=F("id") % 4 + 2)
        _puntuar(evaluaciones.alias(_r=F("id") % k).filter(_r__gte=2))
    return evaluaciones.count()


def crear_personal(org: Organizacion, *, cursos: int = 8) -> Personal:
    """Training and evaluation for everyone in `org`: the courses and
    enrolments, a closed campaign and an open one in every state."""
    from evaluacion import services
    from evaluacion.models import Campana

    ids, matriculas = crear_formacion(org, cursos=cursos)
    cerrada = crear_campana_cerrada(org)
    abierta = crear_campana_abierta()
    services.abrir_campana(campana=Campana.objects.get(pk=abierta))
    return Personal(
        cursos=ids,
        campana_cerrada=cerrada,
        campana_abierta=abierta,
        matriculas=matriculas,
        evaluaciones=repartir_estados(abierta),
    )
