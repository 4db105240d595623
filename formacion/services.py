"""Every operation that changes training state.

Completion is computed here, when the event happens (a lesson done, an attempt
passed); the daily jobs only handle date rules (overdue, expiry, renewal).
"""

import hashlib
import logging
import random
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Empleado
from organizacion.selectors import ids_del_equipo

from . import selectors
from .models import (
    Certificado,
    CursoPage,
    Expediente,
    Intento,
    LeccionPage,
    Matricula,
    MetodoCalificacion,
    OpcionVersion,
    Pregunta,
    PreguntaVersion,
    ProgresoLeccion,
    Recordatorio,
    RegistroAsignacion,
    ReglaAsignacion,
    RespuestaIntento,
    TiempoExtra,
    TipoCertificado,
    TipoPregunta,
    nuevo_codigo,
)

logger = logging.getLogger(__name__)

# A submission this late after the deadline is not accepted (network, clock skew).
GRACIA_ENVIO = timedelta(seconds=60)
DIAS_AVISO_PLAZO = 7
DIAS_AVISO_CADUCIDAD = 60
_azar = random.SystemRandom()


# --- Enrolment ------------------------------------------------------------------------


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


def evaluar_finalizacion(*, matricula: Matricula, en: datetime | None = None) -> bool:
    """Complete the enrolment if the course's criteria are met; issue the certificate"""
    if not matricula.abierta:
        return False
    criterios = criterios_cumplidos(matricula)
    if not (criterios["lecciones"] and criterios["cuestionario"]):
        return False
    ahora = en or timezone.now()
    curso = matricula.curso
    matricula.estado = Matricula.Estado.COMPLETADA
    matricula.completada_en = ahora
    matricula.iniciada_en = matricula.iniciada_en or ahora
    matricula.nota = criterios["intento"].nota if criterios["intento"] else None
    matricula.caduca_en = (
        timezone.localdate(ahora) + relativedelta(months=curso.validez_meses)
        if curso.validez_meses
        else None
    )
    matricula.save(
        update_fields=["estado", "completada_en", "iniciada_en", "nota", "caduca_en"]
    )
    emitir_certificado(matricula=matricula)
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
        curso = matricula.curso
        matricula.estado = Matricula.Estado.COMPLETADA
        matricula.iniciada_en = iniciada_en
        matricula.completada_en = completada_en
        matricula.nota = nota
        matricula.caduca_en = (
            timezone.localdate(completada_en)
            + relativedelta(months=curso.validez_meses)
            if curso.validez_meses
            else None
        )
        matricula.save(
            update_fields=[
                "estado",
                "iniciada_en",
                "completada_en",
                "nota",
                "caduca_en",
            ]
        )
        emitir_certificado(matricula=matricula)
        if matricula.caduca_en and matricula.caduca_en < timezone.localdate():
            Matricula.objects.filter(pk=matricula.pk).update(
                estado=Matricula.Estado.CADUCADA
            )
            matricula.estado = Matricula.Estado.CADUCADA
    return matricula


# --- Questions and attempts -----------------------------------------------------------


def guardar_version_pregunta(*, pregunta: Pregunta) -> PreguntaVersion:
    """Freeze the current wording and options as a new version, unless nothing changed.
    Past attempts keep pointing at the version they showed."""
    opciones = list(pregunta.opciones.all().order_by("sort_order", "pk"))
    correctas = [o for o in opciones if o.correcta]
    if len(opciones) < 2:
        raise ValidationError(_("Una pregunta necesita al menos dos opciones."))
    if not correctas:
        raise ValidationError(_("Marca al menos una opción correcta."))
    if (
        pregunta.tipo in (TipoPregunta.UNICA, TipoPregunta.VERDADERO_FALSO)
        and len(correctas) != 1
    ):
        raise ValidationError(
            _("Una pregunta de respuesta única tiene exactamente una correcta.")
        )
    if pregunta.tipo == TipoPregunta.VERDADERO_FALSO and len(opciones) != 2:
        raise ValidationError(
            _("Una pregunta de verdadero o falso tiene dos opciones.")
        )
    firma = [(o.texto, o.correcta, o.retroalimentacion) for o in opciones]
    with transaction.atomic():
        ultima = (
            PreguntaVersion.objects.select_for_update()
            .filter(pregunta=pregunta)
            .order_by("-numero")
            .first()
        )
        if (
            ultima is not None
            and ultima.enunciado == pregunta.enunciado
            and ultima.tipo == pregunta.tipo
        ):
            previa = [
                (o.texto, o.correcta, o.retroalimentacion)
                for o in ultima.opciones.all()
            ]
            if previa == firma:
                return ultima
        version = PreguntaVersion.objects.create(
            pregunta=pregunta,
            numero=(ultima.numero + 1) if ultima else 1,
            enunciado=pregunta.enunciado,
            tipo=pregunta.tipo,
        )
        OpcionVersion.objects.bulk_create(
            OpcionVersion(
                version=version,
                orden=i,
                texto=o.texto,
                correcta=o.correcta,
                retroalimentacion=o.retroalimentacion,
            )
            for i, o in enumerate(opciones)
        )
        return version


def intentos_restantes(matricula: Matricula) -> int | None:
    limite = matricula.curso.intentos_permitidos
    if not limite:
        return None
    usados = matricula.intentos.filter(archivado=False).count()
    return max(limite - usados, 0)


def iniciar_intento(*, matricula: Matricula, ahora: datetime | None = None) -> Intento:
    """Start an attempt (or return the one in progress): questions drawn at random
    from the latest versions of the course's active questions."""
    ahora = ahora or timezone.now()
    curso = matricula.curso
    if not curso.con_cuestionario:
        raise ValidationError(_("Este curso no tiene cuestionario."))
    if not matricula.abierta:
        raise ValidationError(_("La matrícula no está abierta."))
    if curso.cuestionario_abre and ahora < curso.cuestionario_abre:
        raise ValidationError(_("El cuestionario todavía no está abierto."))
    if curso.cuestionario_cierra and ahora > curso.cuestionario_cierra:
        raise ValidationError(_("El cuestionario ya está cerrado."))
    with transaction.atomic():
        Matricula.objects.select_for_update().filter(pk=matricula.pk).first()
        abierto = matricula.intentos.filter(estado=Intento.Estado.EN_CURSO).first()
        if abierto is not None:
            return abierto
        if intentos_restantes(matricula) == 0:
            raise ValidationError(_("Ya has agotado los intentos permitidos."))
        preguntas = Pregunta.objects.filter(curso=curso, activa=True)
        if curso.etiqueta_preguntas:
            preguntas = preguntas.filter(etiqueta=curso.etiqueta_preguntas)
        ultimas = {}
        for version_id, pregunta_id in (
            PreguntaVersion.objects.filter(pregunta__in=preguntas)
            .order_by("pregunta_id", "numero")
            .values_list("pk", "pregunta_id")
        ):
            ultimas[pregunta_id] = version_id
        if not ultimas:
            raise ValidationError(_("El cuestionario todavía no tiene preguntas."))
        elegidas = _azar.sample(
            sorted(ultimas.values()), min(curso.preguntas_por_intento, len(ultimas))
        )
        limite = None
        if curso.tiempo_limite_minutos:
            extra = (
                TiempoExtra.objects.filter(empleado_id=matricula.empleado_id)
                .values_list("porcentaje", flat=True)
                .first()
                or 0
            )
            limite = ahora + timedelta(
                minutes=curso.tiempo_limite_minutos * (100 + extra) / 100
            )
        numero = (
            matricula.intentos.order_by("-numero")
            .values_list("numero", flat=True)
            .first()
            or 0
        ) + 1
        intento = Intento.objects.create(
            matricula=matricula, numero=numero, iniciado_en=ahora, limite=limite
        )
        RespuestaIntento.objects.bulk_create(
            RespuestaIntento(intento=intento, version_id=v, orden=i)
            for i, v in enumerate(elegidas)
        )
        registrar_inicio = {}
        if matricula.iniciada_en is None:
            registrar_inicio["iniciada_en"] = ahora
        if matricula.estado == Matricula.Estado.PENDIENTE:
            registrar_inicio["estado"] = Matricula.Estado.EN_CURSO
        if registrar_inicio:
            Matricula.objects.filter(pk=matricula.pk).update(**registrar_inicio)
        return intento


def enviar_intento(
    *, intento: Intento, respuestas: dict[int, list[int]], ahora: datetime | None = None
) -> Intento:
    """Score an attempt on the server. `respuestas` maps RespuestaIntento ids to
    chosen OpcionVersion ids. Submitting twice scores once (the second call returns
    the first result); ids that do not belong to the attempt are refused."""
    ahora = ahora or timezone.now()
    with transaction.atomic():
        intento = (
            Intento.objects.select_for_update()
            .select_related("matricula__curso")
            .get(pk=intento.pk)
        )
        if intento.estado == Intento.Estado.ENVIADO:
            return intento
        filas = list(
            intento.respuestas.select_related("version").prefetch_related(
                "version__opciones"
            )
        )
        por_id = {f.pk: f for f in filas}
        desconocidas = set(respuestas) - set(por_id)
        if desconocidas:
            raise ValidationError(
                _(
                    "Las respuestas nombran preguntas que no están en este intento: "
                    "%(ids)s"
                )
                % {"ids": ", ".join(str(i) for i in sorted(desconocidas))}
            )
        fuera = intento.limite is not None and ahora > intento.limite + GRACIA_ENVIO
        elecciones: dict[int, set[int]] = {}
        for fila in filas:
            elegidas = {int(x) for x in respuestas.get(fila.pk, [])}
            validas = {o.pk: o for o in fila.version.opciones.all()}
            ajenas = elegidas - set(validas)
            if ajenas:
                raise ValidationError(
                    _("La opción %(ids)s no pertenece a la pregunta «%(p)s».")
                    % {
                        "ids": ", ".join(str(i) for i in sorted(ajenas)),
                        "p": fila.version.enunciado,
                    }
                )
            if fila.version.tipo != TipoPregunta.MULTIPLE and len(elegidas) > 1:
                raise ValidationError(
                    _("La pregunta «%(p)s» admite una sola respuesta.")
                    % {"p": fila.version.enunciado}
                )
            elecciones[fila.pk] = set() if fuera else elegidas
        aciertos = 0
        for fila in filas:
            correctas = {o.pk for o in fila.version.opciones.all() if o.correcta}
            fila.correcta = elecciones[fila.pk] == correctas
            aciertos += fila.correcta
            if elecciones[fila.pk]:
                fila.opciones_elegidas.set(elecciones[fila.pk])
        RespuestaIntento.objects.bulk_update(filas, ["correcta"])
        nota = (
            (Decimal(100) * aciertos / len(filas)).quantize(
                Decimal("0.01"), ROUND_HALF_UP
            )
            if filas
            else Decimal(0)
        )
        curso = intento.matricula.curso
        intento.estado = Intento.Estado.ENVIADO
        intento.enviado_en = ahora
        intento.fuera_de_plazo = fuera
        intento.nota = nota
        intento.aprobado = nota >= curso.nota_aprobado
        intento.save(
            update_fields=["estado", "enviado_en", "fuera_de_plazo", "nota", "aprobado"]
        )
        matricula = intento.matricula
        mejor = _calificacion(matricula)
        if mejor is not None and matricula.abierta:
            Matricula.objects.filter(pk=matricula.pk).update(nota=mejor.nota)
            matricula.nota = mejor.nota
        if intento.aprobado:
            evaluar_finalizacion(matricula=matricula, en=ahora)
        return intento


# --- Certificates ---------------------------------------------------------------------


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
    from .tasks import generar_pdf_certificado

    pk = certificado.pk
    transaction.on_commit(lambda: generar_pdf_certificado.delay(pk))


def encolar_pdf_certificado(*, certificado: Certificado) -> bool:
    """Queue the certificate PDF (after commit) unless it exists or was queued in
    the last minute: a "being generated" page that refreshes must not flood the
    queue. Returns whether a task was queued."""
    from django.core.cache import cache

    if certificado.pdf:
        return False
    # Keyed by the (random, unique) code, not the id: ids are reused after rollbacks.
    if not cache.add(f"formacion:pdf-certificado:{certificado.codigo}", 1, 60):
        return False
    _encolar_pdf(certificado)
    return True


def generar_pdf(*, certificado: Certificado, forzar: bool = False) -> Certificado:
    """Render and store the certificate PDF with its SHA-256. Idempotent: the stored
    original is never replaced (that is what the verification page serves)."""
    from .pdf import pdf_certificado

    if certificado.pdf and certificado.sha256 and not forzar:
        return certificado
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


# --- Assignment -----------------------------------------------------------------------


def empleados_segun_criterio(
    *, oficina=None, canal=None, puesto=None, equipo_de=None, en=None
):
    qs = Empleado.objects.activos(en)
    if oficina is not None:
        qs = qs.filter(oficina=oficina)
    if canal is not None:
        qs = qs.filter(canales=canal)
    if puesto is not None:
        qs = qs.filter(puesto=puesto)
    if equipo_de is not None:
        qs = qs.filter(pk__in=ids_del_equipo(equipo_de))
    return qs.distinct()


def asignar(
    *,
    curso: CursoPage,
    por,
    oficina=None,
    canal=None,
    puesto=None,
    equipo_de: Empleado | None = None,
    plazo: date | None = None,
    obligatoria: bool = True,
    regla: ReglaAsignacion | None = None,
    ambito_ids: set[int] | None = None,
    empleados_ids: set[int] | None = None,
) -> RegistroAsignacion:
    """Assign a course in bulk to everyone matching the criteria (within `ambito_ids`,
    a supervisor's team). Idempotent: people with an open enrolment or a valid
    completion are counted, not enrolled again. Audited in RegistroAsignacion; the
    returned record also carries `ya_cubiertos`, the ids of the people counted, so
    the caller can name them (not stored: the audit keeps the counts)."""
    if not any([oficina, canal, puesto, equipo_de, empleados_ids]):
        raise ValidationError(
            _("Indica al menos un criterio: oficina, canal, puesto o equipo.")
        )
    if plazo is not None and plazo < timezone.localdate():
        raise ValidationError(
            {"plazo": _("La fecha límite no puede estar en el pasado.")}
        )
    hoy = timezone.localdate()
    destinatarios = empleados_segun_criterio(
        oficina=oficina, canal=canal, puesto=puesto, equipo_de=equipo_de
    )
    if empleados_ids is not None:
        destinatarios = destinatarios.filter(pk__in=empleados_ids)
    if ambito_ids is not None:
        destinatarios = destinatarios.filter(pk__in=ambito_ids)
    with transaction.atomic():
        ids = set(destinatarios.values_list("pk", flat=True))
        cubiertos = set(
            Matricula.objects.filter(curso=curso, empleado_id__in=ids)
            .filter(
                Q(estado__in=Matricula.ABIERTAS)
                | Q(estado=Matricula.Estado.COMPLETADA, caduca_en__isnull=True)
                | Q(estado=Matricula.Estado.COMPLETADA, caduca_en__gte=hoy)
            )
            .values_list("empleado_id", flat=True)
        )
        nuevos = ids - cubiertos
        usuario = por if getattr(por, "is_authenticated", False) else None
        Matricula.objects.bulk_create(
            [
                Matricula(
                    empleado_id=e,
                    curso=curso,
                    origen=Matricula.Origen.REGLA
                    if regla
                    else Matricula.Origen.ASIGNACION,
                    obligatoria=obligatoria,
                    plazo=plazo,
                    asignada_por=usuario,
                    regla=regla,
                )
                for e in sorted(nuevos)
            ],
            ignore_conflicts=True,
        )
        registro = RegistroAsignacion.objects.create(
            curso=curso,
            regla=regla,
            por=usuario,
            criterio={
                "oficina": getattr(oficina, "pk", None),
                "canal": getattr(canal, "codigo", None),
                "puesto": getattr(puesto, "pk", None),
                "equipo_de": getattr(equipo_de, "pk", None),
                "personas": sorted(empleados_ids) if empleados_ids else None,
                "plazo": plazo.isoformat() if plazo else None,
                "obligatoria": obligatoria,
            },
            nuevas=len(nuevos),
            ya_existentes=len(cubiertos),
        )
        registro.ya_cubiertos = sorted(cubiertos)
        return registro


def crear_regla(
    *,
    por,
    curso,
    nombre,
    oficina=None,
    canal=None,
    puesto=None,
    equipo_de=None,
    obligatoria=True,
    plazo_dias=30,
    activa=True,
    ambito_ids=None,
) -> ReglaAsignacion:
    """Create a rule and apply it now to everyone who matches; the rule returned
    carries that first run as `registro_inicial`."""
    with transaction.atomic():
        regla = ReglaAsignacion(
            nombre=nombre,
            curso=curso,
            oficina=oficina,
            canal=canal,
            puesto=puesto,
            equipo_de=equipo_de,
            obligatoria=obligatoria,
            plazo_dias=plazo_dias,
            activa=activa,
            creada_por=por if getattr(por, "is_authenticated", False) else None,
        )
        regla.full_clean()
        regla.save()
        regla.registro_inicial = aplicar_regla(
            regla=regla, por=por, ambito_ids=ambito_ids
        )
        return regla


def aplicar_regla(
    *, regla: ReglaAsignacion, por=None, ambito_ids=None, empleados_ids=None
):
    return asignar(
        curso=regla.curso,
        por=por,
        oficina=regla.oficina,
        canal=regla.canal,
        puesto=regla.puesto,
        equipo_de=regla.equipo_de,
        plazo=timezone.localdate() + timedelta(days=regla.plazo_dias),
        obligatoria=regla.obligatoria,
        regla=regla,
        ambito_ids=ambito_ids,
        empleados_ids=empleados_ids,
    )


def aplicar_reglas_a_empleado(*, empleado_id: int) -> int:
    """Enrol one person (a newcomer, or someone whose channels changed) in every
    standing rule that matches them. Returns how many enrolments were created."""
    nuevas = 0
    for regla in ReglaAsignacion.objects.filter(
        activa=True, curso__live=True
    ).select_related("curso", "oficina", "canal", "puesto", "equipo_de"):
        if (
            not empleados_segun_criterio(
                oficina=regla.oficina,
                canal=regla.canal,
                puesto=regla.puesto,
                equipo_de=regla.equipo_de,
            )
            .filter(pk=empleado_id)
            .exists()
        ):
            continue
        registro = aplicar_regla(regla=regla, empleados_ids={empleado_id})
        nuevas += registro.nuevas
    return nuevas


def registrar_formacion_externa(*, empleado, por, **datos):
    """A supervisor (or calidad) records external training with its evidence; it is
    recognised by whoever records it and counts in the hours ledger."""
    from .models import FormacionExterna

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


# --- Daily jobs: due dates, expiry, renewal, reminders --------------------------------


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


def _destinatarios_resumen(hoy: date) -> tuple[dict, dict]:
    """Per employee, what their digest says; per supervisor, their reports' items."""
    pronto = hoy + timedelta(days=DIAS_AVISO_PLAZO)
    caduca_pronto = hoy + timedelta(days=DIAS_AVISO_CADUCIDAD)
    filas = (
        Matricula.objects.filter(empleado__in=Empleado.objects.activos(hoy))
        .filter(
            Q(estado__in=Matricula.ABIERTAS)
            | Q(estado=Matricula.Estado.COMPLETADA, caduca_en__lte=caduca_pronto)
        )
        .values(
            "pk",
            "estado",
            "plazo",
            "caduca_en",
            "curso__title",
            "empleado_id",
            "empleado__nombre",
            "empleado__apellidos",
            "empleado__supervisor_id",
            "renovaciones__pk",
        )
    )
    personal: dict[int, dict] = {}
    equipo: dict[int, list] = {}
    for f in filas:
        if f["estado"] == Matricula.Estado.COMPLETADA:
            if f["renovaciones__pk"]:
                continue
            clase = "caduca"
        elif f["estado"] == Matricula.Estado.VENCIDA or (
            f["plazo"] and f["plazo"] < hoy
        ):
            clase = "vencida"
        elif f["plazo"] and f["plazo"] <= pronto:
            clase = "plazo_proximo"
        else:
            clase = "asignada"
        item = {
            "curso": f["curso__title"],
            "plazo": f["plazo"],
            "caduca_en": f["caduca_en"],
            "clase": clase,
        }
        personal.setdefault(f["empleado_id"], {}).setdefault(clase, []).append(item)
        if f["empleado__supervisor_id"] and clase != "asignada":
            equipo.setdefault(f["empleado__supervisor_id"], []).append(
                dict(
                    item, persona=f"{f['empleado__nombre']} {f['empleado__apellidos']}"
                )
            )
    return personal, equipo


def _enviar_una_vez(
    *,
    destinatario: Empleado,
    tipo: str,
    hoy: date,
    asunto: str,
    plantilla: str,
    contexto: dict,
) -> bool:
    """Record then send inside one transaction: the unique row makes a second run
    a no-op, and a failed send rolls the row back so tomorrow's run retries."""
    if not destinatario.usuario.email:
        return False
    try:
        with transaction.atomic():
            Recordatorio.objects.create(
                destinatario=destinatario,
                tipo=tipo,
                dia=hoy,
                resumen={k: len(v) for k, v in contexto.get("grupos", {}).items()},
            )
            cuerpo = render_to_string(plantilla, contexto)
            send_mail(asunto, cuerpo, None, [destinatario.usuario.email])
    except IntegrityError:
        return False
    return True


def enviar_recordatorios(*, hoy: date | None = None) -> dict:
    """The daily digest: at most one e-mail per employee and per supervisor a day."""
    hoy = hoy or timezone.localdate()
    personal, equipo = _destinatarios_resumen(hoy)
    ya = set(
        Recordatorio.objects.filter(dia=hoy).values_list("destinatario_id", "tipo")
    )
    ids = set(personal) | set(equipo)
    empleados = {
        e.pk: e for e in Empleado.objects.filter(pk__in=ids).select_related("usuario")
    }
    enviados = {"personal": 0, "equipo": 0}
    url = settings.SITE_URL.rstrip("/")
    for empleado_id, grupos in sorted(personal.items()):
        if (
            empleado_id,
            Recordatorio.Tipo.PERSONAL,
        ) in ya or empleado_id not in empleados:
            continue
        if set(grupos) == {"asignada"} and not any(
            i["plazo"] for i in grupos["asignada"]
        ):
            continue  # nothing with a date: no need to write every day
        enviados["personal"] += _enviar_una_vez(
            destinatario=empleados[empleado_id],
            tipo=Recordatorio.Tipo.PERSONAL,
            hoy=hoy,
            asunto=_("Tu formación: resumen del día"),
            plantilla="formacion/email/resumen_personal.txt",
            contexto={
                "empleado": empleados[empleado_id],
                "grupos": grupos,
                "url": url,
                "hoy": hoy,
            },
        )
    for supervisor_id, items in sorted(equipo.items()):
        if (
            supervisor_id,
            Recordatorio.Tipo.EQUIPO,
        ) in ya or supervisor_id not in empleados:
            continue
        grupos: dict[str, list] = {}
        for item in items:
            grupos.setdefault(item["clase"], []).append(item)
        enviados["equipo"] += _enviar_una_vez(
            destinatario=empleados[supervisor_id],
            tipo=Recordatorio.Tipo.EQUIPO,
            hoy=hoy,
            asunto=_("Formación de tu equipo: resumen del día"),
            plantilla="formacion/email/resumen_equipo.txt",
            contexto={
                "empleado": empleados[supervisor_id],
                "grupos": grupos,
                "url": url,
                "hoy": hoy,
            },
        )
    return enviados


# --- Training record PDF (expediente) -------------------------------------------------

# A request still pending after this long is assumed lost (worker restart):
# queue it again.
REENCOLAR_EXPEDIENTE_TRAS = timedelta(minutes=10)


def _encolar_expediente(expediente: Expediente) -> None:
    from .tasks import generar_pdf_expediente

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
            if (
                existente.en_curso
                and existente.solicitado_en < ahora - REENCOLAR_EXPEDIENTE_TRAS
            ):
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
    from .pdf import pdf_expediente

    with transaction.atomic():
        expediente = (
            Expediente.objects.select_for_update()
            .select_related("empleado__puesto")
            .get(pk=expediente.pk)
        )
        if expediente.estado == Expediente.Estado.LISTO and expediente.pdf:
            return expediente
        expediente.estado = Expediente.Estado.GENERANDO
        expediente.save(update_fields=["estado"])
    empleado = expediente.empleado
    filas, totales = selectors.expediente(empleado)
    try:
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
