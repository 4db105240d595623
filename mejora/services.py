"""Every write of mejora: the rollup, targets, manual values, self-assessment
scores, findings, improvement actions and the report's life cycle."""

import csv
import hashlib
import io
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from organizacion.models import Canal, Oficina, Rol

from . import analisis, fuentes, selectors
from .models import (
    AccionMejora,
    Ambito,
    Autoevaluacion,
    Hallazgo,
    Indicador,
    Informe,
    MetaIndicador,
    ModeloCalidad,
    PuntuacionFinal,
    PuntuacionIndividual,
    Subcriterio,
    ValorIndicador,
    ValorManual,
    clave_ambito,
)
from .periodos import Periodo

# --- Rollup ---------------------------------------------------------------


def periodos_por_defecto(hoy: date, completo: bool = False) -> list[str]:
    """Nightly: the current and previous quarter and month. Complete: 8 quarters
    and 13 months (enough for trends and the same period last year)."""
    trimestre, mes = Periodo.trimestre_de(hoy), Periodo.mes_de(hoy)
    if completo:
        return [p.clave for p in trimestre.serie(9)] + [p.clave for p in mes.serie(13)]
    return [trimestre.anterior.clave, trimestre.clave, mes.anterior.clave, mes.clave]


def _manuales(indicadores, periodos) -> dict:
    return {
        (v.indicador_id, v.periodo, v.ambito_clave): v
        for v in ValorManual.objects.filter(
            indicador__in=indicadores, periodo__in=periodos
        )
    }


def recalcular_indicadores(
    *, periodos: list[str], codigos: list[str] | None = None
) -> int:
    """Recompute ValorIndicador for these periods: organisation, every active
    office and (for indicators segmented by channel) every channel. Upserts, so
    running it twice gives the same rows. Returns the number of rows written."""
    periodos_obj = [Periodo.de(p) for p in periodos]
    indicadores = list(selectors.indicadores_activos())
    if codigos:
        indicadores = [i for i in indicadores if i.codigo in codigos]
    oficinas = list(
        Oficina.objects.filter(activa=True).order_by("pk").values_list("pk", flat=True)
    )
    canales = list(Canal.objects.order_by("orden").values_list("codigo", flat=True))
    manuales = _manuales(indicadores, periodos)
    ahora = timezone.now()
    escritas = 0
    for ind in indicadores:
        ambitos = [(Ambito.ORGANIZACION, None, "")]
        ambitos += [(Ambito.OFICINA, o, "") for o in oficinas]
        if ind.por_canal:
            ambitos += [(Ambito.CANAL, None, c) for c in canales]
        filas = []
        for p in periodos_obj:
            for ambito, oficina_id, canal in ambitos:
                clave = clave_ambito(ambito, oficina_id, canal)
                if ind.selector == fuentes.MANUAL:
                    m = manuales.get((ind.pk, p.clave, clave))
                    r = (
                        {"valor": m.valor, "n": m.n, "ic_inf": None, "ic_sup": None}
                        if m
                        else {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
                    )
                else:
                    r = fuentes.calcular(
                        ind.selector,
                        desde=p.desde,
                        hasta=p.hasta,
                        oficina_ids=[oficina_id] if oficina_id else None,
                        canal=canal or None,
                        parametros=ind.parametros,
                    )
                disponible = r is not None
                r = r or {"valor": None, "n": 0, "ic_inf": None, "ic_sup": None}
                filas.append(
                    ValorIndicador(
                        indicador=ind,
                        periodo=p.clave,
                        desde=p.desde,
                        hasta=p.hasta,
                        ambito=ambito,
                        oficina_id=oficina_id,
                        canal=canal,
                        ambito_clave=clave,
                        valor=r["valor"],
                        n=r["n"],
                        ic_inf=r["ic_inf"],
                        ic_sup=r["ic_sup"],
                        fuente_disponible=disponible,
                        calculado_en=ahora,
                    )
                )
        selectors.suprimir_valores(ind, filas)
        with transaction.atomic():
            ValorIndicador.objects.bulk_create(
                filas,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["indicador", "periodo", "ambito_clave"],
                update_fields=[
                    "desde",
                    "hasta",
                    "ambito",
                    "oficina",
                    "canal",
                    "valor",
                    "n",
                    "ic_inf",
                    "ic_sup",
                    "fuente_disponible",
                    "calculado_en",
                ],
            )
        escritas += len(filas)
    return escritas


# --- Targets and manual values ------------------------------------------------


def _ambito(
    ambito: str, oficina: Oficina | None, canal: str
) -> tuple[str, Oficina | None, str]:
    if ambito == Ambito.OFICINA and oficina is None:
        raise ValidationError(_("Indique la oficina."))
    if ambito == Ambito.CANAL and not Canal.objects.filter(codigo=canal).exists():
        raise ValidationError(_("Canal desconocido: %(c)s") % {"c": canal})
    return (
        ambito,
        oficina if ambito == Ambito.OFICINA else None,
        canal if ambito == Ambito.CANAL else "",
    )


@transaction.atomic
def fijar_meta(
    *,
    indicador: Indicador,
    anio: int,
    objetivo: float,
    umbral: float | None = None,
    trimestre: int = 0,
    ambito: str = Ambito.ORGANIZACION,
    oficina: Oficina | None = None,
    canal: str = "",
) -> MetaIndicador:
    ambito, oficina, canal = _ambito(ambito, oficina, canal)
    if umbral is not None and not analisis.mejor(objetivo, umbral, indicador.direccion):
        raise ValidationError(_("El umbral debe ser menos exigente que el objetivo."))
    meta = MetaIndicador.objects.filter(
        indicador=indicador,
        anio=anio,
        trimestre=trimestre,
        ambito_clave=clave_ambito(ambito, oficina.pk if oficina else None, canal),
    ).first() or MetaIndicador(indicador=indicador, anio=anio, trimestre=trimestre)
    meta.ambito, meta.oficina, meta.canal = ambito, oficina, canal
    meta.objetivo, meta.umbral = objetivo, umbral
    meta.ambito_clave = clave_ambito(ambito, oficina.pk if oficina else None, canal)
    meta.full_clean()
    meta.save()
    return meta


@transaction.atomic
def registrar_valor_manual(
    *,
    indicador: Indicador,
    periodo: str,
    valor: float,
    n: int = 1,
    ambito: str = Ambito.ORGANIZACION,
    oficina: Oficina | None = None,
    canal: str = "",
    nota: str = "",
    por=None,
) -> ValorManual:
    if indicador.fuente != Indicador.Fuente.MANUAL:
        raise ValidationError(
            _("Este indicador se calcula automáticamente; no admite valores manuales.")
        )
    Periodo.de(periodo)
    ambito, oficina, canal = _ambito(ambito, oficina, canal)
    clave = clave_ambito(ambito, oficina.pk if oficina else None, canal)
    obj = ValorManual.objects.filter(
        indicador=indicador, periodo=periodo, ambito_clave=clave
    ).first()
    obj = obj or ValorManual(indicador=indicador, periodo=periodo)
    obj.ambito, obj.oficina, obj.canal, obj.ambito_clave = ambito, oficina, canal, clave
    obj.valor, obj.n, obj.nota, obj.introducido_por = valor, n, nota, por
    obj.full_clean()
    obj.save()
    transaction.on_commit(lambda: _encolar_recalculo([periodo], [indicador.codigo]))
    return obj


def _encolar_recalculo(periodos, codigos):
    from .tasks import recalcular_indicadores as tarea

    tarea.delay(periodos=periodos, codigos=codigos)


def importar_valores_csv(*, contenido: str, por=None) -> int:
    """CSV with header `indicador,periodo,valor,n,oficina` (oficina = DIR3 code or
    empty for the organisation). All or nothing: any bad row rejects the file."""
    lector = csv.DictReader(io.StringIO(contenido.lstrip("\ufeff")))
    faltan = {"indicador", "periodo", "valor"} - set(lector.fieldnames or [])
    if faltan:
        raise ValidationError(
            _("Faltan columnas: %(c)s") % {"c": ", ".join(sorted(faltan))}
        )
    oficinas = {o.codigo_dir3: o for o in Oficina.objects.all()}
    indicadores = {
        i.codigo: i for i in Indicador.objects.filter(fuente=Indicador.Fuente.MANUAL)
    }
    filas = []
    for numero, fila in enumerate(lector, start=2):
        try:
            indicador = indicadores[fila["indicador"].strip()]
        except KeyError:
            raise ValidationError(
                _("Línea %(n)d: indicador manual desconocido.") % {"n": numero}
            ) from None
        codigo_oficina = (fila.get("oficina") or "").strip()
        if codigo_oficina and codigo_oficina not in oficinas:
            raise ValidationError(
                _("Línea %(n)d: oficina desconocida.") % {"n": numero}
            )
        try:
            valor = float(fila["valor"].replace(",", "."))
            n = int(fila.get("n") or 1)
            Periodo.de(fila["periodo"].strip())
        except (ValueError, ValidationError):
            raise ValidationError(
                _("Línea %(n)d: valor, n o periodo no válidos.") % {"n": numero}
            ) from None
        filas.append(
            (indicador, fila["periodo"].strip(), valor, n, oficinas.get(codigo_oficina))
        )
    with transaction.atomic():
        for indicador, periodo, valor, n, oficina in filas:
            registrar_valor_manual(
                indicador=indicador,
                periodo=periodo,
                valor=valor,
                n=n,
                por=por,
                ambito=Ambito.OFICINA if oficina else Ambito.ORGANIZACION,
                oficina=oficina,
            )
    return len(filas)


# --- Self-assessment ----------------------------------------------------------


def _subcriterio_del_modelo(autoevaluacion: Autoevaluacion, subcriterio: Subcriterio):
    if subcriterio.criterio.modelo_id != autoevaluacion.modelo_id:
        raise ValidationError(
            _("El subcriterio no pertenece al modelo de esta autoevaluación.")
        )


@transaction.atomic
def crear_autoevaluacion(
    *,
    modelo: ModeloCalidad,
    titulo: str,
    periodo: str,
    miembros,
    ambito: str = Ambito.ORGANIZACION,
    oficina=None,
    canal: str = "",
) -> Autoevaluacion:
    Periodo.de(periodo)
    ambito, oficina, canal = _ambito(ambito, oficina, canal)
    a = Autoevaluacion(
        modelo=modelo,
        titulo=titulo,
        periodo=periodo,
        ambito=ambito,
        oficina=oficina,
        canal=canal,
    )
    a.full_clean()
    a.save()
    a.miembros.set(miembros)
    return a


@transaction.atomic
def puntuar(
    *,
    autoevaluacion: Autoevaluacion,
    miembro,
    subcriterio: Subcriterio,
    puntuacion: int,
    comentario: str = "",
) -> PuntuacionIndividual:
    if autoevaluacion.estado != Autoevaluacion.Estado.ABIERTA:
        raise ValidationError(
            _("La autoevaluación ya no admite puntuaciones individuales.")
        )
    if not autoevaluacion.miembros.filter(pk=miembro.pk).exists():
        raise ValidationError(_("Solo puntúan los miembros del equipo evaluador."))
    _subcriterio_del_modelo(autoevaluacion, subcriterio)
    p = PuntuacionIndividual.objects.filter(
        autoevaluacion=autoevaluacion, subcriterio=subcriterio, miembro=miembro
    ).first() or PuntuacionIndividual(
        autoevaluacion=autoevaluacion, subcriterio=subcriterio, miembro=miembro
    )
    p.puntuacion, p.comentario = puntuacion, comentario
    p.full_clean()
    p.save()
    return p


@transaction.atomic
def fijar_puntuacion_final(
    *,
    autoevaluacion: Autoevaluacion,
    subcriterio: Subcriterio,
    puntuacion: int,
    evidencias: str = "",
    puntos_fuertes: str = "",
    areas_mejora: str = "",
) -> PuntuacionFinal:
    if autoevaluacion.estado == Autoevaluacion.Estado.CERRADA:
        raise ValidationError(_("La autoevaluación está cerrada."))
    _subcriterio_del_modelo(autoevaluacion, subcriterio)
    f = PuntuacionFinal.objects.filter(
        autoevaluacion=autoevaluacion, subcriterio=subcriterio
    ).first()
    f = f or PuntuacionFinal(autoevaluacion=autoevaluacion, subcriterio=subcriterio)
    f.puntuacion, f.evidencias, f.puntos_fuertes, f.areas_mejora = (
        puntuacion,
        evidencias,
        puntos_fuertes,
        areas_mejora,
    )
    f.full_clean()
    f.save()
    if autoevaluacion.estado == Autoevaluacion.Estado.ABIERTA:
        Autoevaluacion.objects.filter(pk=autoevaluacion.pk).update(
            estado=Autoevaluacion.Estado.CONSENSO
        )
    return f


@transaction.atomic
def cerrar_autoevaluacion(*, autoevaluacion: Autoevaluacion) -> Autoevaluacion:
    autoevaluacion.estado = Autoevaluacion.Estado.CERRADA
    autoevaluacion.save(update_fields=["estado"])
    return autoevaluacion


# --- Findings ----------------------------------------------------------------


@transaction.atomic
def proponer_hallazgos(
    *, periodo: str, ambito_clave: str = "organizacion"
) -> list[Hallazgo]:
    """Strengths and areas for improvement from the data: a target met even at the
    unfavourable end of the interval is a strength; a target missed, or a
    significant worsening, is an area. Proposals already edited by management
    keep their text and state."""
    p = Periodo.de(periodo)
    propuestos = []
    for t in selectors.analisis_indicadores(p, ambito_clave):
        propuesta = analisis.hallazgo_de(t)
        if propuesta is None:
            continue
        tipo, texto = propuesta
        ind = t["indicador"]
        h, creado = Hallazgo.objects.get_or_create(
            periodo=periodo,
            tipo=tipo,
            indicador=ind,
            ambito_clave=ambito_clave,
            automatico=True,
            defaults={
                "texto": texto,
                "criterio": ind.criterios.order_by("modelo__codigo", "orden").first(),
            },
        )
        if not creado and h.editado_por_id is None:
            h.texto = texto
            h.save(update_fields=["texto"])
        propuestos.append(h)
    return propuestos


@transaction.atomic
def editar_hallazgo(*, hallazgo: Hallazgo, texto: str, estado: str, por) -> Hallazgo:
    hallazgo.texto, hallazgo.estado, hallazgo.editado_por = texto, estado, por
    hallazgo.full_clean()
    hallazgo.save()
    return hallazgo


# --- Improvement actions -------------------------------------------------------


@transaction.atomic
def guardar_accion(*, accion: AccionMejora) -> AccionMejora:
    if accion.fecha_fin < accion.fecha_inicio:
        raise ValidationError(_("La fecha límite no puede ser anterior al inicio."))
    if accion.estado == AccionMejora.Estado.CERRADA:
        accion.progreso = 100
    accion.full_clean()
    accion.save()
    return accion


def enviar_recordatorios(*, hoy: date) -> int:
    """E-mail the owner of each overdue open action once per day (idempotent)."""
    vencidas = (
        AccionMejora.objects.filter(fecha_fin__lt=hoy)
        .exclude(
            estado__in=[AccionMejora.Estado.CERRADA, AccionMejora.Estado.CANCELADA]
        )
        .exclude(recordatorio_enviado=hoy)
        .select_related("responsable__usuario", "responsable_usuario")
        .order_by("pk")
    )
    enviados = 0
    for accion in vencidas:
        with transaction.atomic():
            # Claim the row first so a concurrent run cannot send it twice.
            if (
                not AccionMejora.objects.filter(pk=accion.pk)
                .exclude(recordatorio_enviado=hoy)
                .update(recordatorio_enviado=hoy)
            ):
                continue
            usuario = accion.responsable_usuario or (
                accion.responsable.usuario if accion.responsable else None
            )
            if usuario and usuario.email:
                send_mail(
                    _("Acción de mejora vencida: %(t)s") % {"t": accion.titulo},
                    _(
                        "La acción «%(t)s» venció el %(f)s y sigue "
                        "en estado %(e)s (%(p)d %%)."
                    )
                    % {
                        "t": accion.titulo,
                        "f": accion.fecha_fin.strftime("%d/%m/%Y"),
                        "e": accion.get_estado_display(),
                        "p": accion.progreso,
                    },
                    settings.DEFAULT_FROM_EMAIL,
                    [usuario.email],
                )
                enviados += 1
    return enviados


# --- The report ----------------------------------------------------------------


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
    ambito, oficina, canal = _ambito(ambito, oficina, canal)
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
    transaction.on_commit(lambda: _encolar_informe(informe.pk, version))
    return informe


def _encolar_informe(informe_id: int, version: int):
    from .tasks import generar_pdf_informe

    generar_pdf_informe.delay(informe_id, version)


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
        progreso=progreso, etapa=etapa
    )


def generar_informe(
    *, informe_id: int, version: int, hoy: date | None = None
) -> Informe | None:
    """Gather the data, render HTML and PDF from one template, store the file with
    its SHA-256. Idempotent: a superseded version, an approved report or an
    already finished version is left as it is. A report whose approval is
    recorded but not yet stamped gets its final PDF instead (see aprobar_informe).
    """
    from . import informe as documento

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
        estado=Informe.Estado.GENERANDO, progreso=5, etapa=_("Reuniendo los datos")
    )
    try:
        with translation.override(settings.LANGUAGE_CODE):
            datos = documento.reunir_datos(
                informe,
                hoy=hoy or timezone.localdate(),
                progreso=lambda pct, etapa: _avanzar(informe, pct, etapa),
            )
        _avanzar(informe, 70, _("Componiendo el PDF"))
        pdf = documento.pdf(datos)
    except Exception as exc:
        Informe.objects.filter(pk=informe.pk, version=version).update(
            estado=Informe.Estado.ERROR,
            etapa=_("Error"),
            error=f"{type(exc).__name__}: {exc}",
        )
        raise
    _avanzar(informe, 95, _("Guardando el archivo"))
    with transaction.atomic():
        actual = Informe.objects.select_for_update().get(pk=informe.pk)
        if actual.version != version or actual.aprobado:
            return actual
        _guardar_archivo(actual, pdf, datos)
        actual.estado, actual.progreso, actual.etapa = (
            Informe.Estado.LISTO,
            100,
            _("Listo"),
        )
        actual.generado_en = timezone.now()
        actual.fecha_emision = datos["portada"][
            "fecha_emision_iso"
        ] and date.fromisoformat(datos["portada"]["fecha_emision_iso"])
        actual.save()
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
    enlace = f"{settings.SITE_URL.rstrip('/')}{informe.get_absolute_url()}"
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
    transaction.on_commit(lambda: _encolar_informe(informe.pk, version))
    return informe


def _sellar_aprobado(informe: Informe, version: int) -> Informe:
    """The approved report's final PDF: the snapshot the management approved plus
    the approval, rendered once; then frozen with the SHA-256 of this file."""
    from . import informe as documento

    Informe.objects.filter(pk=informe.pk, version=version).update(
        estado=Informe.Estado.GENERANDO, progreso=50, etapa=_("Componiendo el PDF")
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
        pdf = documento.pdf(datos)
    except Exception as exc:
        Informe.objects.filter(pk=informe.pk, version=version).update(
            estado=Informe.Estado.ERROR,
            etapa=_("Error"),
            error=f"{type(exc).__name__}: {exc}",
        )
        raise
    with transaction.atomic():
        actual = Informe.objects.select_for_update().get(pk=informe.pk)
        if actual.version != version or actual.aprobado:
            return actual
        _guardar_archivo(actual, pdf, datos)
        actual.estado, actual.progreso, actual.etapa = (
            Informe.Estado.APROBADO,
            100,
            _("Aprobado y congelado"),
        )
        actual.save()
    return actual


def programar_informes(*, hoy: date, tipo: str) -> Informe | None:
    """Beat: the organisation's report of the last closed month or quarter, with
    the newest model; e-mailed to management when ready."""
    from .periodos import ultimo_mes_cerrado, ultimo_trimestre_cerrado

    periodo = (
        ultimo_trimestre_cerrado(hoy)
        if tipo == Informe.Tipo.TRIMESTRAL
        else ultimo_mes_cerrado(hoy)
    )
    modelo = (
        ModeloCalidad.objects.filter(
            activo=True, codigo=getattr(settings, "MEJORA_MODELO_INFORME", "EFQM")
        )
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
