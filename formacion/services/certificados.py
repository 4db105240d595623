"""Certificates: issued from a frozen snapshot, rendered by a task, revoked and
reissued (a reissue is a new code that points to the one it replaces)."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comun.cache import ERRORES_DE_CACHE
from comun.latido import latiendo, limite

from ..models import Certificado, Matricula, TipoCertificado, nuevo_codigo


def _instantanea(matricula: Matricula) -> dict:
    curso, empleado = matricula.curso, matricula.empleado
    completada = timezone.localdate(matricula.completada_en)
    inicio = (
        timezone.localdate(matricula.iniciada_en)
        if matricula.iniciada_en
        else completada
    )
    return {
        "empleado": empleado,
        "curso": curso,
        "nombre_persona": empleado.nombre_completo,
        "identificador_persona": empleado.identificador,
        "titulo_curso": curso.title,
        "horas": curso.horas,
        "modalidad": curso.modalidad,
        "tipo": curso.tipo_certificado,
        "nota": matricula.nota
        if curso.tipo_certificado == TipoCertificado.APROVECHAMIENTO
        else None,
        "fecha_inicio": min(inicio, completada),
        "fecha_fin": completada,
        "valido_hasta": matricula.caduca_en,
        "emisor": settings.FORMACION_EMISOR,
    }


def _codigo_libre() -> str:
    while True:
        codigo = nuevo_codigo()
        if not Certificado.objects.filter(codigo=codigo).exists():
            return codigo


def emitir_certificado(*, matricula: Matricula) -> Certificado:
    """Issue the certificate of a completed enrolment from a frozen snapshot;
    the PDF is rendered by a Celery task after commit. Idempotent."""
    if (
        matricula.estado != Matricula.Estado.COMPLETADA
        or matricula.completada_en is None
    ):
        raise ValidationError(_("Solo se certifica una matrícula completada."))
    with transaction.atomic():
        existente = matricula.certificados.filter(
            estado=Certificado.Estado.EMITIDO
        ).first()
        if existente is not None:
            return existente
        # A person holds one valid certificate per course: a new completion (renewal,
        # recommendation) supersedes the one still in force, so hours count once.
        vigentes = [
            c
            for c in Certificado.objects.select_for_update()
            .filter(
                empleado_id=matricula.empleado_id,
                curso_id=matricula.curso_id,
                estado=Certificado.Estado.EMITIDO,
            )
            .order_by("-emitido_en")
            if c.situacion() == "valido"
        ]
        certificado = Certificado(
            matricula=matricula,
            codigo=_codigo_libre(),
            emitido_en=timezone.now(),
            sustituye_a=next(
                (c for c in vigentes if not hasattr(c, "sustituido_por")), None
            ),
            **_instantanea(matricula),
        )
        certificado.full_clean(exclude=["pdf", "sha256"], validate_constraints=False)
        for anterior in vigentes:
            revocar_certificado(
                certificado=anterior,
                por=None,
                motivo=_(
                    "Sustituido por el certificado %(codigo)s de una nueva "
                    "finalización del curso."
                )
                % {"codigo": certificado.codigo},
            )
        certificado.save()
        _encolar_pdf(certificado)
        return certificado


def _encolar_pdf(certificado: Certificado) -> None:
    from ..tasks import generar_pdf_certificado

    pk = certificado.pk
    transaction.on_commit(lambda: generar_pdf_certificado.delay(pk))


def reanudar_pdf_certificado(*, certificado: Certificado) -> bool:
    """Queue again a PDF whose generation was interrupted: no file yet and a
    heartbeat older than the threshold (or none, issued before it). The
    conditional UPDATE renews the beat, so one request per threshold queues it,
    however many ask and on whichever node. Returns whether it was queued."""
    antes = limite()
    renovado = (
        Certificado.objects.filter(pk=certificado.pk, pdf="")
        .filter(Q(latido__lt=antes) | Q(latido__isnull=True, emitido_en__lt=antes))
        .update(latido=timezone.now())
    )
    if renovado:
        _encolar_pdf(certificado)
    return bool(renovado)


def encolar_pdf_certificado(*, certificado: Certificado) -> bool:
    """Queue the certificate PDF (after commit) unless it exists or was queued in
    the last minute: a "being generated" page that refreshes must not flood the
    queue. Returns whether a task was queued."""
    from django.core.cache import cache

    if certificado.pdf:
        return False
    # Keyed by the (random, unique) code, not the id: ids are reused after rollbacks.
    try:
        if not cache.add(f"formacion:pdf-certificado:{certificado.codigo}", 1, 60):
            return False
    except ERRORES_DE_CACHE:
        pass  # the cache is down: queue it (generar_pdf is idempotent)
    _encolar_pdf(certificado)
    return True


def generar_pdf(*, certificado: Certificado, forzar: bool = False) -> Certificado:
    """Render and store the certificate PDF with its SHA-256. Idempotent: the stored
    original is never replaced (that is what the verification page serves)."""
    from ..pdf import pdf_certificado

    if certificado.pdf and certificado.sha256 and not forzar:
        return certificado
    with latiendo(
        lambda: Certificado.objects.filter(pk=certificado.pk).update(
            latido=timezone.now()
        )
    ):
        contenido = pdf_certificado(certificado)
    with transaction.atomic():
        certificado = Certificado.objects.select_for_update().get(pk=certificado.pk)
        if certificado.pdf and certificado.sha256 and not forzar:
            return certificado
        certificado.sha256 = hashlib.sha256(contenido).hexdigest()
        certificado.pdf.save(
            f"{certificado.codigo}.pdf", ContentFile(contenido), save=False
        )
        certificado.save(update_fields=["pdf", "sha256"])
    return certificado


def revocar_certificado(*, certificado: Certificado, por, motivo: str) -> Certificado:
    motivo = (motivo or "").strip()
    if len(motivo) < 5:
        raise ValidationError({"motivo": _("Explica el motivo de la revocación.")})
    with transaction.atomic():
        certificado = Certificado.objects.select_for_update().get(pk=certificado.pk)
        if certificado.estado == Certificado.Estado.REVOCADO:
            raise ValidationError(_("Este certificado ya estaba revocado."))
        certificado.estado = Certificado.Estado.REVOCADO
        certificado.revocado_en = timezone.now()
        certificado.revocado_por = por
        certificado.motivo_revocacion = motivo
        certificado.save(
            update_fields=["estado", "revocado_en", "revocado_por", "motivo_revocacion"]
        )
    return certificado


def reemitir_certificado(*, certificado: Certificado, por, motivo: str) -> Certificado:
    """A reissue is a new certificate (new code) that points to the one it replaces,
    which is revoked; the completion dates stay those of the original completion."""
    with transaction.atomic():
        anterior = revocar_certificado(
            certificado=certificado,
            por=por,
            motivo=_("Reemitido: %(m)s") % {"m": motivo},
        )
        matricula = Matricula.objects.select_related("curso", "empleado").get(
            pk=anterior.matricula_id
        )
        datos = _instantanea(matricula)
        datos.update(fecha_inicio=anterior.fecha_inicio, fecha_fin=anterior.fecha_fin)
        nuevo = Certificado.objects.create(
            matricula=matricula,
            codigo=_codigo_libre(),
            emitido_en=timezone.now(),
            sustituye_a=anterior,
            **datos,
        )
        _encolar_pdf(nuevo)
        return nuevo
