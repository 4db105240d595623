"""The report's life cycle: request, generation (HTML and PDF from one snapshot),
notification, approval and the final, frozen PDF."""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comun.enlaces import enlace_absoluto
from comun.latido import latiendo
from organizacion.models import Oficina, Rol

from .. import informe as documento
from ..app_settings import ajustes
from ..models import Ambito, Informe, ModeloCalidad, clave_ambito
from ..periodos import Periodo, ultimo_mes_cerrado, ultimo_trimestre_cerrado
from .ambito import ambito_valido
from .recalculo import recalcular_indicadores


@transaction.atomic
def solicitar_informe(
    *,
    tipo: str,
    periodo: str,
    modelo: ModeloCalidad,
    por=None,
    ambito: str = Ambito.ORGANIZACION,
    oficina: Oficina | None = None,
    canal: str = "",
) -> Informe:
    """Create the report, or regenerate it if it is not approved yet (it replaces
    the previous file). Approved reports are frozen."""
    p = Periodo.de(periodo)
    if p.trimestral != (tipo == Informe.Tipo.TRIMESTRAL):
        raise ValidationError(_("El periodo no corresponde al tipo de informe."))
    ambito, oficina, canal = ambito_valido(ambito, oficina, canal)
    clave = clave_ambito(ambito, oficina.pk if oficina else None, canal)
    informe = (
        Informe.objects.select_for_update()
        .filter(periodo=periodo, ambito_clave=clave, modelo=modelo)
        .first()
    )
    if informe and (informe.aprobado or informe.aprobado_por_id):
        raise ValidationError(_("El informe está aprobado y ya no puede regenerarse."))
    informe = informe or Informe(
        periodo=periodo, modelo=modelo, ambito=ambito, oficina=oficina, canal=canal
    )
    informe.tipo = tipo
    informe.estado, informe.progreso, informe.etapa, informe.error = (
        Informe.Estado.PENDIENTE,
        0,
        _("En cola"),
        "",
    )
    informe.solicitado_por, informe.solicitado_en = por, timezone.now()
    informe.version = (informe.version or 0) + 1
    informe.full_clean()
    informe.save()
    version = informe.version
    _encolar_al_confirmar(informe.pk, version)
    return informe


def _encolar_informe(informe_id: int, version: int):
    from ..tasks import generar_pdf_informe

    generar_pdf_informe.delay(informe_id, version)


def _encolar_al_confirmar(informe_id: int, version: int) -> None:
    # Looked up on the package at commit time: the browser tests replace
    # mejora.services._encolar_informe to play the worker themselves.
    from mejora import services

    transaction.on_commit(lambda: services._encolar_informe(informe_id, version))


def _marcar_error(informe: Informe, version: int, exc: Exception) -> None:
    Informe.objects.filter(pk=informe.pk, version=version).update(
        estado=Informe.Estado.ERROR,
        etapa=_("Error"),
        error=f"{type(exc).__name__}: {exc}",
    )


def _guardar_version(
    informe: Informe, version: int, pdf: bytes, datos: dict, **campos
) -> tuple[Informe, bool]:
    """Store this version's PDF with `campos` (inside the caller's transaction),
    unless a newer version or an approval came first. Returns the row as it is
    now and whether it was stored."""
    actual = Informe.objects.select_for_update().get(pk=informe.pk)
    if actual.version != version or actual.aprobado:
        return actual, False
    _guardar_archivo(actual, pdf, datos)
    actual.progreso = 100
    for campo, valor in campos.items():
        setattr(actual, campo, valor)
    actual.save()
    return actual, True


def _guardar_archivo(informe: Informe, pdf: bytes, datos: dict) -> None:
    """Replace the report's file with this PDF, its SHA-256 and the data it shows
    (the caller saves, inside its transaction)."""
    if informe.archivo:
        informe.archivo.delete(save=False)
    ambito = informe.ambito_clave.replace(":", "-")
    nombre = f"informe-{informe.periodo}-{ambito}-{informe.modelo.codigo}.pdf"
    informe.archivo.save(nombre, ContentFile(pdf), save=False)
    informe.sha256 = hashlib.sha256(pdf).hexdigest()
    informe.datos = datos


def _avanzar(informe: Informe, progreso: int, etapa: str) -> None:
    # A plain UPDATE outside any transaction: the polling page sees it at once.
    Informe.objects.filter(pk=informe.pk, version=informe.version).update(
        progreso=progreso, etapa=etapa, latido=timezone.now()
    )


def _latir(informe_id: int, version: int):
    """The generation's heartbeat (comun.latido): a dead worker stops it."""
    return latiendo(
        lambda: Informe.objects.filter(pk=informe_id, version=version).update(
            latido=timezone.now()
        )
    )


def generar_informe(
    *, informe_id: int, version: int, hoy: date | None = None
) -> Informe | None:
    """Gather the data, render HTML and PDF from one template, store the file with
    its SHA-256. Idempotent: a superseded version, an approved report or an
    already finished version is left as it is. A report whose approval is
    recorded but not yet stamped gets its final PDF instead (see aprobar_informe).
    """
    informe = (
        Informe.objects.select_related("modelo", "oficina", "aprobado_por")
        .filter(pk=informe_id)
        .first()
    )
    if informe is None or informe.version != version or informe.aprobado:
        return informe
    if informe.aprobado_por_id:
        return _sellar_aprobado(informe, version)
    if informe.estado == Informe.Estado.LISTO and informe.sha256:
        return informe
    Informe.objects.filter(pk=informe.pk, version=version).update(
        estado=Informe.Estado.GENERANDO,
        progreso=5,
        etapa=_("Reuniendo los datos"),
        latido=timezone.now(),
    )
    try:
        with translation.override(settings.LANGUAGE_CODE), _latir(informe.pk, version):
            datos = documento.reunir_datos(
                informe,
                hoy=hoy or timezone.localdate(),
                progreso=lambda pct, etapa: _avanzar(informe, pct, etapa),
            )
            _avanzar(informe, 70, _("Componiendo el PDF"))
            pdf = documento.pdf(datos)
    except Exception as exc:
        _marcar_error(informe, version, exc)
        raise
    _avanzar(informe, 95, _("Guardando el archivo"))
    emision = datos["portada"]["fecha_emision_iso"]
    with transaction.atomic():
        actual, guardado = _guardar_version(
            informe,
            version,
            pdf,
            datos,
            estado=Informe.Estado.LISTO,
            etapa=_("Listo"),
            generado_en=timezone.now(),
            fecha_emision=emision and date.fromisoformat(emision),
        )
        if guardado:
            transaction.on_commit(lambda: notificar_informe_listo(informe_id=actual.pk))
    return actual


def destinatarios_direccion() -> list[str]:
    User = get_user_model()
    return sorted(
        User.objects.filter(groups__name=Rol.DIRECCION, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def notificar_informe_listo(*, informe_id: int) -> None:
    informe = Informe.objects.select_related("solicitado_por").get(pk=informe_id)
    destinos = (
        {informe.solicitado_por.email}
        if informe.solicitado_por and informe.solicitado_por.email
        else set()
    )
    if informe.solicitado_por is None:  # scheduled: management gets it
        destinos.update(destinatarios_direccion())
    if not destinos:
        return
    enlace = enlace_absoluto(informe.get_absolute_url())
    send_mail(
        _("Informe de mejora continua listo: %(i)s") % {"i": informe},
        _(
            "El informe %(i)s está listo.\nConsúltelo y descárguelo en %(u)s\n"
            "SHA-256 del PDF: %(h)s"
        )
        % {"i": informe, "u": enlace, "h": informe.sha256},
        settings.DEFAULT_FROM_EMAIL,
        sorted(destinos),
    )


@transaction.atomic
def aprobar_informe(*, informe: Informe, por) -> Informe:
    """Record the approval and queue the final PDF: the "pdf" task renders the
    stored snapshot again with the approval (who, when), then freezes the report
    and stamps the SHA-256 of that file. Until then the report is not approved,
    so the page never says "approved" over a PDF that says "pending". A failed
    final rendering may be approved again (it retries with the same approval)."""
    informe = Informe.objects.select_for_update().get(pk=informe.pk)
    reintento = informe.estado == Informe.Estado.ERROR and informe.aprobado_por_id
    if not reintento and (
        informe.estado != Informe.Estado.LISTO or informe.aprobado_por_id
    ):
        raise ValidationError(_("Solo se aprueba un informe generado y no aprobado."))
    if not reintento:
        informe.aprobado_por, informe.aprobado_en = por, timezone.now()
    informe.estado, informe.progreso, informe.etapa, informe.error = (
        Informe.Estado.PENDIENTE,
        0,
        _("Aprobado: generando el PDF definitivo"),
        "",
    )
    informe.version += 1
    informe.save(
        update_fields=[
            "estado",
            "progreso",
            "etapa",
            "error",
            "aprobado_por",
            "aprobado_en",
            "version",
        ]
    )
    version = informe.version
    _encolar_al_confirmar(informe.pk, version)
    return informe


def _sellar_aprobado(informe: Informe, version: int) -> Informe:
    """The approved report's final PDF: the snapshot the management approved plus
    the approval, rendered once; then frozen with the SHA-256 of this file."""
    Informe.objects.filter(pk=informe.pk, version=version).update(
        estado=Informe.Estado.GENERANDO,
        progreso=50,
        etapa=_("Componiendo el PDF"),
        latido=timezone.now(),
    )
    usuario = informe.aprobado_por
    datos = {
        **informe.datos,
        "aprobacion": {
            "por": (usuario.get_full_name() or usuario.username) if usuario else "",
            "fecha": timezone.localtime(informe.aprobado_en).strftime("%d/%m/%Y"),
        },
    }
    try:
        with _latir(informe.pk, version):
            pdf = documento.pdf(datos)
    except Exception as exc:
        _marcar_error(informe, version, exc)
        raise
    with transaction.atomic():
        actual, _guardado = _guardar_version(
            informe,
            version,
            pdf,
            datos,
            estado=Informe.Estado.APROBADO,
            etapa=_("Aprobado y congelado"),
        )
    return actual


def programar_informes(*, hoy: date, tipo: str) -> Informe | None:
    """Beat: the organisation's report of the last closed month or quarter, with
    the newest model; e-mailed to management when ready."""
    periodo = (
        ultimo_trimestre_cerrado(hoy)
        if tipo == Informe.Tipo.TRIMESTRAL
        else ultimo_mes_cerrado(hoy)
    )
    modelo = (
        ModeloCalidad.objects.filter(activo=True, codigo=ajustes.MODELO_INFORME)
        .order_by("-version")
        .first()
    )
    if modelo is None:
        return None
    existente = Informe.objects.filter(
        periodo=periodo.clave, ambito_clave="organizacion", modelo=modelo
    ).first()
    if existente and existente.estado in (
        Informe.Estado.APROBADO,
        Informe.Estado.LISTO,
    ):
        return existente
    recalcular_indicadores(periodos=[periodo.clave])
    return solicitar_informe(tipo=tipo, periodo=periodo.clave, modelo=modelo, por=None)
