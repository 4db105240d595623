"""Demo data: two closed campaigns and one open, with believable scores.

Deterministic (random.Random with a fixed seed) and idempotent: a campaign that
already has evaluations is left as it is. Everything goes through the services,
so the audit trail, deadlines and results are the real ones; only the sending
dates of past campaigns are moved back to when they would have happened.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from evaluacion import services
from evaluacion.models import Campana, Evaluacion
from formacion import selectors as formacion_selectors
from formacion import services as formacion_services
from formacion.models import Certificado
from organizacion.models import Empleado, MarcoCompetencial

SEMILLA = 2026
E = Evaluacion.Estado

# Evaluator styles: lenient heads add, the severe one subtracts (for calibration).
ESTILO = {
    "jefe.o00009021": 1.1,  # València-Ciutat Vella: lenient
    "jefe.o00009031": 0.9,  # Zaragoza-Delicias: lenient
    "jefe.o00009012": -1.0,  # Dos Hermanas: severe
}
EVIDENCIAS = [
    "Observación directa en mostrador durante dos mañanas.",
    "Escucha de cinco llamadas grabadas con consentimiento.",
    "Revisión de diez expedientes del trimestre.",
    "Resultado del cliente misterioso de marzo.",
    "Quejas y agradecimientos recibidos en el periodo.",
    "Comentarios de compañeros en la reunión de equipo.",
]
ALEGACIONES = [
    "No se ha tenido en cuenta que cubrí el 012 durante la baja de un compañero.",
    "La observación se hizo en un día de incidencia informática; "
    "pido que se valore el resto del periodo.",
    "Considero que mi nivel en comunicación escrita es superior: "
    "adjunto respuestas enviadas.",
]


def _campanas(hoy: date, marco) -> list[tuple[Campana, bool]]:
    anio = hoy.year
    definiciones = [
        (
            f"Evaluación anual {anio - 2}",
            date(anio - 2, 1, 1),
            date(anio - 2, 12, 31),
            Campana.Periodicidad.ANUAL,
            date(anio - 1, 1, 15),
            date(anio - 1, 1, 31),
            date(anio - 1, 2, 28),
            True,
        ),
        (
            f"Evaluación anual {anio - 1}",
            date(anio - 1, 1, 1),
            date(anio - 1, 12, 31),
            Campana.Periodicidad.ANUAL,
            hoy - timedelta(days=300),
            hoy - timedelta(days=285),
            hoy - timedelta(days=250),
            True,
        ),
        (
            f"Evaluación semestral {hoy:%m/%Y}",
            hoy - timedelta(days=190),
            hoy - timedelta(days=12),
            Campana.Periodicidad.SEMESTRAL,
            hoy - timedelta(days=10),
            hoy - timedelta(days=3),
            hoy + timedelta(days=30),
            False,
        ),
    ]
    resultado = []
    for (
        nombre,
        ini,
        fin,
        periodicidad,
        apertura,
        auto_hasta,
        eval_hasta,
        cerrar,
    ) in definiciones:
        campana, _creada = Campana.objects.get_or_create(
            nombre=nombre,
            defaults={
                "marco": marco,
                "periodo_inicio": ini,
                "periodo_fin": fin,
                "periodicidad": periodicidad,
                "fecha_apertura": apertura,
                "autoevaluacion_hasta": auto_hasta,
                "evaluacion_hasta": eval_hasta,
                "entrevista_hasta": eval_hasta + timedelta(days=10),
                "con_autoevaluacion": True,
                "dias_alegaciones": 10,
            },
        )
        resultado.append((campana, cerrar))
    return resultado


def _nivel(rnd, base: float, sesgo: float) -> int:
    return max(1, min(5, round(base + sesgo + rnd.gauss(0, 0.45))))


def _puntuar(ev: Evaluacion, rnd, capacidad, sesgo, autoevaluar: bool) -> Evaluacion:
    puntuaciones = list(ev.puntuaciones.all())
    if autoevaluar:
        ev = services.guardar_autoevaluacion(
            evaluacion=ev,
            version=ev.version,
            por=ev.empleado.usuario,
            finalizar=True,
            niveles={
                p.competencia_id: _nivel(rnd, capacidad[p.competencia_id] + 0.4, 0)
                for p in puntuaciones
            },
        )
    datos = {}
    for p in puntuaciones:
        nivel = _nivel(rnd, capacidad[p.competencia_id], sesgo)
        evidencia = (
            rnd.choice(EVIDENCIAS) if nivel in (1, 5) or rnd.random() < 0.5 else ""
        )
        datos[p.competencia_id] = {"nivel": nivel, "evidencia": evidencia}
    return services.guardar_puntuaciones(
        evaluacion=ev,
        version=ev.version,
        datos=datos,
        por=ev.evaluador.usuario,
        comentario=rnd.choice(
            [
                "",
                "Buen periodo; seguir reforzando la comunicación escrita.",
                "Muy implicada en el equipo.",
                "Conviene repasar los procedimientos nuevos.",
            ]
        ),
        hoy=ev.campana.autoevaluacion_hasta + timedelta(days=1),
    )


def _asignar_cursos_de_brechas(ev: Evaluacion, rnd, completar: bool) -> int:
    """Gap → recommended course → enrolment, through the real services (when formacion
    has courses for that competency). Completed ones close the gap next campaign."""
    hoy = timezone.localdate()
    # Courses the person already holds a valid certificate for are not recommended
    # again, and two gaps developed by one course get one enrolment.
    vistos = {
        c.curso_id
        for c in Certificado.objects.filter(
            empleado_id=ev.empleado_id, estado=Certificado.Estado.EMITIDO
        )
        if c.situacion(hoy) == "valido"
    }
    asignados = 0
    for p in ev.puntuaciones.select_related("competencia"):
        if p.nivel is None or p.nivel_requerido is None or p.nivel >= p.nivel_requerido:
            continue
        curso = formacion_selectors.cursos_que_desarrollan([p.competencia]).first()
        if curso is None or curso.pk in vistos:
            continue
        vistos.add(curso.pk)
        matricula = services.asignar_curso_recomendado(
            evaluacion=ev,
            competencia_id=p.competencia_id,
            curso_id=curso.pk,
            por=ev.evaluador.usuario,
        )
        if completar and matricula.abierta:
            # The person did the course during the year: recorded through formacion's
            # service, so the completion has its lessons, expiry and certificate
            # (its PDF is queued after commit, not rendered while seeding).
            formacion_services.registrar_completada(
                matricula=matricula,
                iniciada_en=timezone.now() - timedelta(days=200),
                completada_en=timezone.now() - timedelta(days=150),
                # A passing mark derived from the id keeps the random sequence intact.
                nota=Decimal(min(100, curso.nota_aprobado + (matricula.pk * 7) % 20))
                if curso.con_cuestionario
                else None,
            )
        asignados += 1
    return asignados


@transaction.atomic
def sembrar(stdout=None) -> dict:
    rnd = random.Random(SEMILLA)
    hoy = timezone.localdate()
    marco = MarcoCompetencial.objects.filter(vigente=True).first()
    if marco is None or not Empleado.objects.exists():
        return {}
    # Each person's "true" level per competency, and how it moves between campaigns.
    capacidad: dict[int, dict[int, float]] = {}
    resumen = {"evaluaciones": 0, "alegaciones": 0, "cursos": 0}
    estilos = {
        e.pk: ESTILO.get(e.usuario.username, rnd.choice([0.0, 0.1, -0.1, 0.2]))
        for e in Empleado.objects.select_related("usuario")
    }
    for indice, (campana, cerrar) in enumerate(_campanas(hoy, marco)):
        if campana.evaluaciones.exists():
            continue
        services.abrir_campana(campana=campana, hoy=campana.fecha_apertura)
        evaluaciones = list(
            Evaluacion.objects.filter(campana=campana)
            .select_related(
                "empleado__usuario", "evaluador__usuario", "campana__marco", "oficina"
            )
            .order_by("empleado__identificador")
        )
        for ev in evaluaciones:
            propia = capacidad.setdefault(ev.empleado_id, {})
            for p in ev.puntuaciones.all():
                if p.competencia_id not in propia:
                    propia[p.competencia_id] = rnd.gauss(3.2, 0.55)
                else:
                    propia[p.competencia_id] += rnd.gauss(0.1, 0.15)
            usuario = ev.empleado.usuario.username
            evaluador = ev.evaluador.usuario.username
            if not cerrar:
                # Open campaign: the demo supervisor has her team to score;
                # Lucía's is sent.
                if evaluador == "supervisor" and usuario not in ("empleada", "e101"):
                    if rnd.random() < 0.5:
                        services.guardar_autoevaluacion(
                            evaluacion=ev,
                            version=ev.version,
                            por=ev.empleado.usuario,
                            finalizar=True,
                            niveles={
                                p.competencia_id: _nivel(
                                    rnd, propia[p.competencia_id] + 0.4, 0
                                )
                                for p in ev.puntuaciones.all()
                            },
                        )
                    continue
                # Not scored yet: progress shows something to do. Lucía's and e101's
                # always are (e101 appeals, for coord-madrid to review); the draw is
                # still taken for e101 so the rest of the demo stays the same.
                if usuario != "empleada" and rnd.random() < 0.35 and usuario != "e101":
                    continue
            ev = _puntuar(
                ev,
                rnd,
                propia,
                estilos.get(ev.evaluador_id, 0.0),
                autoevaluar=rnd.random() < 0.8,
            )
            envio = campana.evaluacion_hasta - timedelta(days=rnd.randint(-6, 25))
            ev = services.enviar_evaluacion(
                evaluacion=ev,
                version=ev.version,
                por=ev.evaluador.usuario,
                hoy=min(envio, hoy),
            )
            Evaluacion.objects.filter(pk=ev.pk).update(
                enviada_en=timezone.make_aware(
                    datetime.combine(min(envio, hoy), time(11, 30))
                )
            )
            resumen["evaluaciones"] += 1
            if indice == 0:
                resumen["cursos"] += _asignar_cursos_de_brechas(
                    ev, rnd, completar=rnd.random() < 0.7
                )
                for p in ev.puntuaciones.all():
                    # Training and a year of practice close most gaps.
                    if (
                        p.nivel is not None
                        and p.nivel_requerido
                        and p.nivel < p.nivel_requerido
                    ):
                        propia[p.competencia_id] += 0.8
            if usuario == "empleada" and not cerrar:
                continue  # for the demo: waiting for Lucía to acknowledge it
            azar = rnd.random()
            alegar = azar < 0.06 or (
                not cerrar and evaluador == "supervisor" and usuario == "e101"
            )
            if alegar and ev.revisor_id:
                ev = services.alegar_evaluacion(
                    evaluacion=ev,
                    version=ev.version,
                    texto=rnd.choice(ALEGACIONES),
                    por=ev.empleado.usuario,
                    hoy=envio + timedelta(days=2) if cerrar else hoy,
                )
                resumen["alegaciones"] += 1
                if cerrar:
                    decision = rnd.choice(
                        ["estimada", "parcial", "desestimada", "desestimada"]
                    )
                    niveles = None
                    if decision != "desestimada":
                        niveles = {
                            p.competencia_id: min(5, p.nivel + 1)
                            for p in ev.puntuaciones.all()
                            if p.nivel is not None and p.nivel <= 2
                        }
                    services.revisar_alegacion(
                        evaluacion=ev,
                        version=ev.version,
                        decision=decision,
                        niveles=niveles,
                        motivos="Revisadas las evidencias y escuchadas ambas partes.",
                        por=ev.revisor.usuario,
                    )
            elif cerrar or azar < 0.5:
                services.reconocer_evaluacion(
                    evaluacion=ev,
                    version=ev.version,
                    por=ev.empleado.usuario,
                    comentario=rnd.choice(
                        [
                            "",
                            "",
                            "De acuerdo en general.",
                            "Recibida; hablaremos de C3 en la entrevista.",
                        ]
                    ),
                )
        if cerrar:
            services.cerrar_campana(campana=campana, por=None, hoy=hoy)
    if stdout:
        stdout.write(
            f"Evaluación: {Campana.objects.count()} campañas, {resumen['evaluaciones']} evaluaciones enviadas, "
            f"{resumen['alegaciones']} alegaciones, {resumen['cursos']} cursos recomendados."
        )
    return resumen
