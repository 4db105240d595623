"""Demo training data: six front-office courses with lessons, cases and question
banks; enrolments in every status; issued, expired, revoked and reissued
certificates. Deterministic and idempotent. Only a few PDFs are rendered here;
the rest are queued for the worker (and rendered on first download otherwise)."""

import random
from datetime import timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from formacion import services
from formacion.datos_iniciales import cargar
from formacion.models import (
    Certificado,
    CursoPage,
    CursosIndexPage,
    Intento,
    LeccionPage,
    Matricula,
    Opcion,
    Pregunta,
    ProgresoLeccion,
    ReglaAsignacion,
    TiempoExtra,
)
from organizacion.models import Canal, Competencia, Empleado

from .formacion_contenido import CURSOS


def _escribir(stdout, texto):
    if stdout is not None:
        stdout.write(texto)


def _curso(indice, datos, canales, competencias) -> CursoPage:
    curso = CursoPage.objects.filter(slug=datos["slug"]).first()
    if curso is None:
        campos = {
            k: v
            for k, v in datos.items()
            if k not in ("lecciones", "preguntas", "canales", "competencias")
        }
        campos["horas"] = Decimal(campos["horas"])
        curso = indice.add_child(instance=CursoPage(**campos, preguntas_por_intento=8))
        curso.canales.set([canales[c] for c in datos["canales"]])
        curso.competencias.set([competencias[c] for c in datos["competencias"]])
        curso.save_revision().publish()
        for titulo, minutos, cuerpo in datos["lecciones"]:
            leccion = curso.add_child(
                instance=LeccionPage(
                    title=titulo,
                    slug=slugify(titulo),
                    minutos_estimados=minutos,
                    cuerpo=cuerpo,
                )
            )
            leccion.save_revision().publish()
        curso.refresh_from_db()
    if not Pregunta.objects.filter(curso=curso).exists():
        for enunciado, tipo, opciones in datos["preguntas"]:
            pregunta = Pregunta.objects.create(
                curso=curso, enunciado=enunciado, tipo=tipo
            )
            Opcion.objects.bulk_create(
                Opcion(
                    pregunta=pregunta,
                    texto=t,
                    correcta=c,
                    retroalimentacion=f,
                    sort_order=i,
                )
                for i, (t, c, f) in enumerate(opciones)
            )
            services.guardar_version_pregunta(pregunta=pregunta)
    return curso


def _completada(
    empleado,
    curso,
    *,
    hace_dias: int,
    nota=None,
    duracion_dias=5,
    generar=False,
    suspensos: int = 0,
) -> Matricula:
    """A completion in the past, with its certificate (dates from the completion)."""
    fin = timezone.now() - timedelta(days=hace_dias)
    caduca = (
        timezone.localdate(fin) + timedelta(days=round(curso.validez_meses * 30.44))
        if curso.validez_meses
        else None
    )
    matricula = Matricula.objects.create(
        empleado=empleado,
        curso=curso,
        origen=Matricula.Origen.ASIGNACION
        if curso.obligatorio
        else Matricula.Origen.PROPIA,
        obligatoria=curso.obligatorio,
        estado=Matricula.Estado.COMPLETADA,
        creada_en=fin - timedelta(days=duracion_dias + 3),
        iniciada_en=fin - timedelta(days=duracion_dias),
        completada_en=fin,
        caduca_en=caduca,
        nota=nota if curso.con_cuestionario else None,
    )
    lecciones = list(LeccionPage.objects.child_of(curso).values_list("pk", flat=True))
    ProgresoLeccion.objects.bulk_create(
        ProgresoLeccion(matricula=matricula, leccion_id=pk, completada_en=fin)
        for pk in lecciones
    )
    if curso.con_cuestionario:
        for n in range(1, suspensos + 1):
            Intento.objects.create(
                matricula=matricula,
                numero=n,
                estado=Intento.Estado.ENVIADO,
                iniciado_en=fin - timedelta(days=1, minutes=15),
                enviado_en=fin - timedelta(days=1),
                nota=Decimal(50),
                aprobado=False,
            )
        Intento.objects.create(
            matricula=matricula,
            numero=suspensos + 1,
            estado=Intento.Estado.ENVIADO,
            iniciado_en=fin - timedelta(minutes=15),
            enviado_en=fin,
            nota=nota,
            aprobado=True,
        )
    certificado = services.emitir_certificado(matricula=matricula)
    if generar:
        transaction.on_commit(lambda: services.generar_pdf(certificado=certificado))
    if caduca and caduca < timezone.localdate():
        Matricula.objects.filter(pk=matricula.pk).update(
            estado=Matricula.Estado.CADUCADA
        )
    return matricula


def sembrar(stdout=None) -> dict:
    rnd = random.Random(2026)
    indice = CursosIndexPage.objects.first()
    if indice is None:
        cargar(apps)
        indice = CursosIndexPage.objects.get()
    canales = {c.codigo: c for c in Canal.objects.all()}
    competencias = {c.codigo: c for c in Competencia.objects.all()}
    cursos = {d["slug"]: _curso(indice, d, canales, competencias) for d in CURSOS}
    _escribir(stdout, f"Formación: {len(cursos)} cursos.\n")

    empleada = Empleado.objects.filter(usuario__username="empleada").first()
    if empleada is None or Matricula.objects.filter(empleado=empleada).exists():
        return {"cursos": len(cursos)}

    calidad = get_user_model().objects.filter(username="calidad").first()
    supervisor = Empleado.objects.filter(usuario__username="supervisor").first()
    presencial = cursos["atencion-presencial-de-calidad"]
    datos = cursos["proteccion-de-datos-en-la-atencion"]
    vulnerables = cursos["personas-vulnerables-y-accesibilidad"]
    claro = cursos["lenguaje-claro"]
    electronicos = cursos["asistencia-medios-electronicos"]
    telefonica = cursos["atencion-telefonica"]
    hoy = timezone.localdate()

    with transaction.atomic():
        # Lucía (empleada): completed with a certificate, in progress, assigned,
        # overdue, expired.
        _completada(
            empleada, presencial, hace_dias=40, nota=Decimal("87.5"), generar=True
        )
        mia = services.matricular(
            empleado=empleada, curso=claro, origen=Matricula.Origen.PROPIA
        )
        primera = LeccionPage.objects.child_of(claro).order_by("path").first()
        services.completar_leccion(matricula=mia, leccion=primera)
        services.matricular(
            empleado=empleada,
            curso=datos,
            origen=Matricula.Origen.ASIGNACION,
            obligatoria=True,
            plazo=hoy + timedelta(days=21),
            por=calidad,
        )
        vieja = _completada(empleada, vulnerables, hace_dias=1130, nota=Decimal("80"))
        renovacion = services.matricular(
            empleado=empleada,
            curso=vulnerables,
            origen=Matricula.Origen.RENOVACION,
            obligatoria=True,
            plazo=hoy - timedelta(days=10),
            renovacion_de=vieja,
        )
        Matricula.objects.filter(pk=renovacion.pk).update(
            estado=Matricula.Estado.VENCIDA
        )
        Intento.objects.filter(matricula=vieja).update(archivado=True)
        TiempoExtra.objects.get_or_create(
            empleado=empleada,
            defaults={"porcentaje": 25, "motivo": "Adaptación de puesto (demo)"},
        )

        # A standing rule: everyone attending by phone takes the telephone course.
        if calidad is not None:
            services.crear_regla(
                por=calidad,
                curso=telefonica,
                nombre="Agentes telefónicos: atención telefónica",
                canal=canales["telefonico"],
                obligatoria=True,
                plazo_dias=45,
            )

        # The rest of the organisation: a mix of statuses for the mandatory courses.
        obligatorios = [presencial, datos, vulnerables]
        otros = list(
            Empleado.objects.activos()
            .exclude(pk=empleada.pk)
            .exclude(usuario__username__in=["admin"])
            .order_by("identificador")
        )
        revocables = []
        for persona in otros:
            for curso in obligatorios:
                tirada = rnd.random()
                if tirada < 0.45:
                    dias = rnd.choice([20, 90, 200, 330, 380, 700, 1000])
                    if curso.validez_meses and dias > curso.validez_meses * 30.44 + 200:
                        dias = rnd.randint(10, 300)
                    m = _completada(
                        persona,
                        curso,
                        hace_dias=dias,
                        nota=Decimal(rnd.choice([70, 75, 80, 87.5, 90, 100])),
                        suspensos=1 if rnd.random() < 0.3 else 0,
                    )
                    revocables.append(m)
                elif tirada < 0.70:
                    m = services.matricular(
                        empleado=persona,
                        curso=curso,
                        origen=Matricula.Origen.ASIGNACION,
                        obligatoria=True,
                        plazo=hoy + timedelta(days=rnd.randint(-25, 40)),
                        por=calidad,
                    )
                    if m.plazo and m.plazo < hoy:
                        Matricula.objects.filter(pk=m.pk).update(
                            estado=Matricula.Estado.VENCIDA
                        )
                    elif rnd.random() < 0.5:
                        services.registrar_visita(
                            matricula=m,
                            leccion=LeccionPage.objects.child_of(curso)
                            .order_by("path")
                            .first(),
                        )
            if rnd.random() < 0.2:
                _completada(
                    persona,
                    electronicos,
                    hace_dias=rnd.randint(15, 400),
                    nota=Decimal(90),
                )

        # Some certificates revoked, one reissued (new code pointing to the old one).
        if calidad is not None and revocables:
            elegidas = rnd.sample(revocables, min(3, len(revocables)))
            for m in elegidas[:2]:
                services.revocar_certificado(
                    certificado=m.certificados.get(),
                    por=calidad,
                    motivo="Emitido por error: no completó el cuestionario presencial.",
                )
            services.reemitir_certificado(
                certificado=elegidas[2].certificados.get(),
                por=calidad,
                motivo="Corrección de los apellidos.",
            )
        if supervisor is not None:
            _completada(supervisor, claro, hace_dias=100, generar=True)

    n_cert = Certificado.objects.count()
    _escribir(
        stdout,
        f"Formación: {Matricula.objects.count()} matrículas, {n_cert} certificados "
        f"({Certificado.objects.filter(estado='revocado').count()} revocados), "
        f"{ReglaAsignacion.objects.count()} reglas.\n",
    )
    return {"cursos": len(cursos), "certificados": n_cert}
