"""What every transition of the workflow does: lock the evaluation, check its
state and the version the user's form carried, write the change with a
conditional update and one audit row with the values before and after."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import AuditoriaEvaluacion, Evaluacion, Puntuacion

E = Evaluacion.Estado


class ConflictoDeEdicion(ValidationError):
    """Someone else saved the evaluation after this form was loaded."""


MENSAJE_CONFLICTO = gettext_lazy(
    "Otra persona ha modificado esta evaluación mientras usted la editaba. "
    "Sus cambios no se han guardado: recargue la página para ver la versión actual."
)


def instantanea(ev: Evaluacion, puntuaciones=None) -> dict:
    datos = {"estado": ev.estado}
    for campo in (
        "comentario_evaluador",
        "comentario_empleado",
        "alegacion",
        "decision",
        "motivos_decision",
    ):
        if getattr(ev, campo):
            datos[campo] = getattr(ev, campo)
    if puntuaciones is not None:
        datos["puntuaciones"] = {
            p.competencia.codigo: {
                k: v
                for k, v in (
                    ("nivel", p.nivel),
                    ("autoevaluacion", p.autoevaluacion),
                    ("evidencia", p.evidencia),
                )
                if v not in (None, "")
            }
            for p in puntuaciones
        }
    return datos


def bloquear(evaluacion: Evaluacion, version: int | None) -> Evaluacion:
    ev = (
        Evaluacion.objects.select_for_update()
        .select_related("campana__marco", "oficina", "empleado", "evaluador")
        .get(pk=evaluacion.pk)
    )
    if version is not None and ev.version != int(version):
        raise ConflictoDeEdicion(MENSAJE_CONFLICTO, code="conflicto")
    return ev


def comprobar_estado(ev: Evaluacion, accion: str, permitidos) -> None:
    if ev.estado not in permitidos:
        raise ValidationError(
            _("No se puede %(accion)s una evaluación en estado «%(estado)s».")
            % {"accion": accion, "estado": ev.get_estado_display()},
            code="estado",
        )


def guardar_transicion(
    ev: Evaluacion,
    version: int | None,
    *,
    por,
    accion: str,
    antes: dict,
    despues: dict,
    campos: dict,
) -> Evaluacion:
    """Conditional update on the version: the database refuses a lost update even
    where SELECT ... FOR UPDATE is a no-op (SQLite)."""
    actual = ev.version
    campos = {**campos, "modificada_en": timezone.now()}
    filas = (
        Evaluacion.objects.filter(pk=ev.pk, version=actual)
        .exclude(estado=E.CERRADA)
        .update(version=actual + 1, **campos)
    )
    if filas != 1:
        raise ConflictoDeEdicion(MENSAJE_CONFLICTO, code="conflicto")
    for campo, valor in campos.items():
        setattr(ev, campo, valor)
    ev.version = actual + 1
    ev._estado_en_bd = ev.estado
    AuditoriaEvaluacion.objects.create(
        evaluacion=ev,
        usuario=por if getattr(por, "is_authenticated", False) else None,
        accion=accion,
        antes=antes,
        despues=despues,
    )
    return ev


def puntuaciones_de(ev: Evaluacion) -> list[Puntuacion]:
    return list(ev.puntuaciones.select_related("competencia").order_by("orden"))


def validar_nivel(valor, minimo: int, maximo: int, competencia) -> int | None:
    if valor in (None, ""):
        return None
    try:
        valor = int(valor)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("Nivel no válido en %(c)s.") % {"c": competencia.codigo}
        ) from exc
    if not minimo <= valor <= maximo:
        raise ValidationError(
            _("El nivel de %(c)s debe estar entre %(min)s y %(max)s.")
            % {"c": competencia.codigo, "min": minimo, "max": maximo}
        )
    return valor


def pdf_al_confirmar(ev: Evaluacion) -> None:
    from ..tasks import generar_pdf_evaluacion  # tasks import services

    transaction.on_commit(lambda: generar_pdf_evaluacion.delay(ev.pk))
