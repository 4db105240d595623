"""The hours ledger: external training, and the training-record PDF."""

import hashlib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comun.latido import latiendo
from organizacion.models import Empleado

from .. import selectors
from ..models import Expediente, FormacionExterna


def registrar_formacion_externa(*, empleado, por, **datos):
    """A supervisor (or calidad) records external training with its evidence; it is
    recognised by whoever records it and counts in the hours ledger."""
    formacion = FormacionExterna(empleado=empleado, **datos)
    formacion.full_clean()
    with transaction.atomic():
        formacion.reconocida_por = por
        formacion.reconocida_en = timezone.now()
        formacion.save()
    return formacion


def reconocer_formacion_externa(*, formacion, por) -> None:
    """External training counts in the hours ledger once someone recognises it."""
    if not formacion.evidencia:
        raise ValidationError({"evidencia": _("Adjunta la evidencia de la formación.")})
    type(formacion).objects.filter(pk=formacion.pk, reconocida_en__isnull=True).update(
        reconocida_por=por, reconocida_en=timezone.now()
    )


# A request still pending after this long is assumed lost (worker restart):
# queue it again.
REENCOLAR_EXPEDIENTE_TRAS = timedelta(minutes=10)


def _encolar_expediente(expediente: Expediente) -> None:
    from ..tasks import generar_pdf_expediente

    pk = expediente.pk
    transaction.on_commit(lambda: generar_pdf_expediente.delay(pk))


def solicitar_expediente(*, empleado: Empleado, por=None) -> Expediente:
    """Ask for the person's training-record PDF. Idempotent: with no new training
    since the last request (same content fingerprint) the existing record, pending
    or ready, is returned and nothing is rendered again. Rendering happens in the
    `generar_pdf_expediente` task on the "pdf" queue, after commit."""
    filas, totales = selectors.expediente(empleado)
    huella = selectors.huella_expediente(empleado, filas, totales)
    ahora = timezone.now()
    with transaction.atomic():
        # Lock the person's row so two quick clicks create a single record.
        list(Empleado.objects.select_for_update().filter(pk=empleado.pk).only("pk"))
        existente = (
            Expediente.objects.filter(empleado=empleado, huella=huella)
            .exclude(estado=Expediente.Estado.ERROR)
            .first()
        )
        if existente is not None:
            # Queued long ago and never started, or started and its worker died
            # (the heartbeat stopped); one still rendering is never queued twice.
            if (
                existente.estado == Expediente.Estado.PENDIENTE
                and existente.solicitado_en < ahora - REENCOLAR_EXPEDIENTE_TRAS
            ) or selectors.expediente_interrumpido(existente):
                existente.solicitado_en = ahora
                existente.save(update_fields=["solicitado_en"])
                _encolar_expediente(existente)
            return existente
        expediente = Expediente(
            empleado=empleado, huella=huella, solicitado_en=ahora, solicitado_por=por
        )
        expediente.full_clean(exclude=["pdf", "sha256"])
        expediente.save()
        _encolar_expediente(expediente)
        return expediente


def generar_pdf_expediente(*, expediente: Expediente) -> Expediente:
    """Render and store the training-record PDF (Celery task body). Idempotent:
    a ready record is returned untouched. The stored fingerprint is the one of
    the data actually rendered."""
    from ..pdf import pdf_expediente

    with transaction.atomic():
        expediente = (
            Expediente.objects.select_for_update()
            .select_related("empleado__puesto")
            .get(pk=expediente.pk)
        )
        if expediente.estado == Expediente.Estado.LISTO and expediente.pdf:
            return expediente
        expediente.estado = Expediente.Estado.GENERANDO
        expediente.latido = timezone.now()
        expediente.save(update_fields=["estado", "latido"])
    empleado = expediente.empleado
    try:
        with latiendo(
            lambda: Expediente.objects.filter(pk=expediente.pk).update(
                latido=timezone.now()
            )
        ):
            filas, totales = selectors.expediente(empleado)
            contenido = pdf_expediente(empleado=empleado, filas=filas, totales=totales)
    except Exception as exc:
        Expediente.objects.filter(pk=expediente.pk).update(
            estado=Expediente.Estado.ERROR, error=str(exc)[:2000]
        )
        raise
    with transaction.atomic():
        expediente.huella = selectors.huella_expediente(empleado, filas, totales)
        expediente.pdf.save(
            f"expediente-{empleado.identificador}.pdf",
            ContentFile(contenido),
            save=False,
        )
        expediente.sha256 = hashlib.sha256(contenido).hexdigest()
        expediente.estado = Expediente.Estado.LISTO
        expediente.generado_en = timezone.now()
        expediente.error = ""
        expediente.save()
    return expediente
