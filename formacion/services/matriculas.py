"""Enrolment, lesson progress and completion.

Completion is computed here, when the event happens (a lesson done, an attempt
passed); the daily jobs only handle date rules (overdue, expiry, renewal)."""

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Empleado

from ..models import (
    CursoPage,
    Intento,
    LeccionPage,
    Matricula,
    MetodoCalificacion,
    ProgresoLeccion,
    ReglaAsignacion,
)
from .certificados import emitir_certificado


def matricular(
    *,
    empleado: Empleado,
    curso: CursoPage,
    origen: str,
    por=None,
    plazo: date | None = None,
    obligatoria: bool = False,
    regla: ReglaAsignacion | None = None,
    renovacion_de: Matricula | None = None,
) -> Matricula:
    """Enrol an employee; idempotent: returns the open enrolment if there is one
    (raising it to mandatory / an earlier due date when the new one asks for it)."""
    if origen not in Matricula.Origen.values:
        raise ValidationError(
            _("Origen de matrícula desconocido: %(o)s") % {"o": origen}
        )
    with transaction.atomic():
        existente = (
            Matricula.objects.select_for_update()
            .filter(empleado=empleado, curso=curso, estado__in=Matricula.ABIERTAS)
            .first()
        )
        if existente is not None:
            cambios = []
            if obligatoria and not existente.obligatoria:
                existente.obligatoria = True
                cambios.append("obligatoria")
            if plazo and (existente.plazo is None or plazo < existente.plazo):
                existente.plazo = plazo
                cambios.append("plazo")
            if cambios:
                existente.save(update_fields=cambios)
            return existente
        matricula = Matricula(
            empleado=empleado,
            curso=curso,
            origen=origen,
            obligatoria=obligatoria,
            plazo=plazo,
            asignada_por=por if getattr(por, "is_authenticated", False) else None,
            regla=regla,
            renovacion_de=renovacion_de,
        )
        matricula.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                matricula.save()
        except IntegrityError:
            # A concurrent request created it first: return that one.
            return Matricula.objects.get(
                empleado=empleado, curso=curso, estado__in=Matricula.ABIERTAS
            )
        return matricula


def _lecciones_del_curso(curso: CursoPage):
    return LeccionPage.objects.live().child_of(curso)


def registrar_visita(*, matricula: Matricula, leccion: LeccionPage) -> None:
    """Remember where the employee is (to resume) and mark the course started."""
    ahora = timezone.now()
    cambios = {"ultima_leccion": leccion}
    if matricula.iniciada_en is None:
        cambios["iniciada_en"] = ahora
    if matricula.estado == Matricula.Estado.PENDIENTE:
        cambios["estado"] = Matricula.Estado.EN_CURSO
    Matricula.objects.filter(pk=matricula.pk).update(**cambios)
    for campo, valor in cambios.items():
        setattr(matricula, campo, valor)


def completar_leccion(*, matricula: Matricula, leccion: LeccionPage) -> bool:
    """Mark a lesson done and evaluate completion now. Returns True if the
    course became completed by this event."""
    if (
        not leccion.path.startswith(matricula.curso.path)
        or leccion.depth != matricula.curso.depth + 1
    ):
        raise ValidationError(_("Esta lección no pertenece al curso de la matrícula."))
    if not matricula.abierta:
        raise ValidationError(
            _("La matrícula no está abierta: el curso ya está completado.")
        )
    with transaction.atomic():
        registrar_visita(matricula=matricula, leccion=leccion)
        ProgresoLeccion.objects.get_or_create(matricula=matricula, leccion=leccion)
        return evaluar_finalizacion(matricula=matricula)


def _calificacion(matricula: Matricula) -> Intento | None:
    enviados = matricula.intentos.filter(estado=Intento.Estado.ENVIADO, archivado=False)
    if matricula.curso.metodo_calificacion == MetodoCalificacion.ULTIMA:
        return enviados.order_by("-numero").first()
    return enviados.order_by("-nota", "numero").first()


def criterios_cumplidos(matricula: Matricula) -> dict:
    curso = matricula.curso
    total = _lecciones_del_curso(curso).count()
    hechas = matricula.progresos.filter(leccion__live=True).count()
    necesarias = -(-total * curso.porcentaje_asistencia // 100) if total else 0
    intento = _calificacion(matricula) if curso.con_cuestionario else None
    return {
        "lecciones": hechas >= necesarias,
        "cuestionario": (not curso.con_cuestionario)
        or bool(intento and intento.aprobado),
        "intento": intento,
    }


def _completar(
    *, matricula: Matricula, iniciada_en: datetime, completada_en: datetime, nota
) -> None:
    """The completion rule, written once: state, dates and grade; the expiry from
    the course's validity counted from the completion date; the certificate with
    those dates."""
    validez = matricula.curso.validez_meses
    matricula.estado = Matricula.Estado.COMPLETADA
    matricula.iniciada_en = iniciada_en
    matricula.completada_en = completada_en
    matricula.nota = nota
    matricula.caduca_en = (
        timezone.localdate(completada_en) + relativedelta(months=validez)
        if validez
        else None
    )
    matricula.save(
        update_fields=["estado", "iniciada_en", "completada_en", "nota", "caduca_en"]
    )
    emitir_certificado(matricula=matricula)


def evaluar_finalizacion(*, matricula: Matricula, en: datetime | None = None) -> bool:
    """Complete the enrolment if the course's criteria are met; issue the certificate"""
    if not matricula.abierta:
        return False
    criterios = criterios_cumplidos(matricula)
    if not (criterios["lecciones"] and criterios["cuestionario"]):
        return False
    ahora = en or timezone.now()
    _completar(
        matricula=matricula,
        iniciada_en=matricula.iniciada_en or ahora,
        completada_en=ahora,
        nota=criterios["intento"].nota if criterios["intento"] else None,
    )
    return True


def registrar_completada(
    *, matricula: Matricula, iniciada_en: datetime, completada_en: datetime, nota=None
) -> Matricula:
    """Record a completion that happened earlier (imports, demo data): marks every
    lesson done, sets the expiry from the course's validity and issues the
    certificate with those dates. Other apps should use this instead of updating
    Matricula rows directly."""
    if not matricula.abierta:
        raise ValidationError(_("La matrícula no está abierta."))
    if completada_en < iniciada_en:
        raise ValidationError(_("La finalización no puede ser anterior al inicio."))
    with transaction.atomic():
        ProgresoLeccion.objects.bulk_create(
            [
                ProgresoLeccion(
                    matricula=matricula, leccion_id=pk, completada_en=completada_en
                )
                for pk in _lecciones_del_curso(matricula.curso).values_list(
                    "pk", flat=True
                )
            ],
            ignore_conflicts=True,
        )
        _completar(
            matricula=matricula,
            iniciada_en=iniciada_en,
            completada_en=completada_en,
            nota=nota,
        )
        if matricula.caduca_en and matricula.caduca_en < timezone.localdate():
            Matricula.objects.filter(pk=matricula.pk).update(
                estado=Matricula.Estado.CADUCADA
            )
            matricula.estado = Matricula.Estado.CADUCADA
    return matricula
