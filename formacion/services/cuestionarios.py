"""The versioned question bank and quiz attempts, scored on the server."""

import random
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Intento,
    Matricula,
    OpcionVersion,
    Pregunta,
    PreguntaVersion,
    RespuestaIntento,
    TiempoExtra,
    TipoPregunta,
)
from .matriculas import _calificacion, evaluar_finalizacion

# A submission this late after the deadline is not accepted (network, clock skew).
GRACIA_ENVIO = timedelta(seconds=60)

_azar = random.SystemRandom()


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
