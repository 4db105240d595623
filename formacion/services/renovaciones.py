"""Daily date rules: overdue enrolments, expired completions, renewal."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ..models import Intento, Matricula
from .matriculas import matricular


def actualizar_estados(*, hoy: date | None = None) -> dict:
    """Date rules only: overdue open enrolments, expired completions."""
    hoy = hoy or timezone.localdate()
    vencidas = Matricula.objects.filter(
        estado__in=[Matricula.Estado.PENDIENTE, Matricula.Estado.EN_CURSO],
        plazo__lt=hoy,
    ).update(estado=Matricula.Estado.VENCIDA)
    caducadas = Matricula.objects.filter(
        estado=Matricula.Estado.COMPLETADA, caduca_en__lt=hoy
    ).update(estado=Matricula.Estado.CADUCADA)
    return {"vencidas": vencidas, "caducadas": caducadas}


def abrir_renovaciones(*, hoy: date | None = None) -> int:
    """Open a renewal enrolment N days before a completion expires (N per course),
    archiving the earlier attempts. Idempotent: one renewal per completion."""
    hoy = hoy or timezone.localdate()
    candidatas = (
        Matricula.objects.filter(
            estado__in=[Matricula.Estado.COMPLETADA, Matricula.Estado.CADUCADA],
            caduca_en__isnull=False,
            renovaciones__isnull=True,
            curso__live=True,
        )
        .select_related("curso", "empleado")
        .order_by("pk")
    )
    abiertas = 0
    for anterior in candidatas:
        if (
            anterior.caduca_en
            - timedelta(days=anterior.curso.antelacion_renovacion_dias)
            > hoy
        ):
            continue
        if anterior.empleado.fecha_baja and anterior.empleado.fecha_baja < hoy:
            continue
        # A newer completion of the same course makes this one history.
        if Matricula.objects.filter(
            empleado_id=anterior.empleado_id,
            curso_id=anterior.curso_id,
            completada_en__gt=anterior.completada_en,
        ).exists():
            continue
        with transaction.atomic():
            nueva = matricular(
                empleado=anterior.empleado,
                curso=anterior.curso,
                origen=Matricula.Origen.RENOVACION,
                obligatoria=anterior.obligatoria or anterior.curso.obligatorio,
                plazo=max(anterior.caduca_en, hoy),
                renovacion_de=anterior,
            )
            if nueva.renovacion_de_id is None:
                Matricula.objects.filter(pk=nueva.pk).update(renovacion_de=anterior)
            Intento.objects.filter(matricula=anterior).update(archivado=True)
            abiertas += 1
    return abiertas
