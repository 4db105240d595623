"""mejora's part of an employee's data export (see organizacion.proteccion_datos)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Seccion

from .models import AccionMejora, Autoevaluacion, PuntuacionIndividual


def autoevaluaciones(empleado):
    for a in (
        Autoevaluacion.objects.filter(miembros=empleado.usuario_id)
        .select_related("oficina")
        .order_by("creada_en", "pk")
    ):
        yield (
            a.pk,
            a.titulo,
            a.periodo,
            a.oficina.nombre if a.oficina else "",
            a.get_estado_display(),
        )


def puntuaciones(empleado):
    for p in (
        PuntuacionIndividual.objects.filter(miembro_id=empleado.usuario_id)
        .select_related("subcriterio")
        .order_by("autoevaluacion_id", "pk")
    ):
        yield (
            p.autoevaluacion_id,
            p.subcriterio.identificador,
            p.puntuacion,
            p.comentario,
        )


def acciones(empleado):
    for a in (
        AccionMejora.objects.filter(
            Q(responsable=empleado) | Q(responsable_usuario_id=empleado.usuario_id)
        )
        .select_related("plan")
        .order_by("fecha_inicio", "pk")
    ):
        yield (
            a.pk,
            a.plan.nombre,
            a.titulo,
            a.get_estado_display(),
            a.progreso,
            a.fecha_inicio,
            a.fecha_fin,
        )


SECCIONES = [
    Seccion(
        "mejora/autoevaluaciones_EFQM.csv",
        (_("Autoevaluación"), _("Título"), _("Periodo"), _("Oficina"), _("Estado")),
        autoevaluaciones,
        cubre=("mejora.Autoevaluacion.miembros",),
    ),
    Seccion(
        "mejora/puntuaciones_individuales.csv",
        (_("Autoevaluación"), _("Subcriterio"), _("Puntuación"), _("Comentario")),
        puntuaciones,
        cubre=("mejora.PuntuacionIndividual.miembro",),
    ),
    Seccion(
        "mejora/acciones_de_mejora.csv",
        (
            _("Acción"),
            _("Plan"),
            _("Título"),
            _("Estado"),
            _("Progreso %"),
            _("Inicio"),
            _("Fin"),
        ),
        acciones,
        cubre=(
            "mejora.AccionMejora.responsable",
            "mejora.AccionMejora.responsable_usuario",
        ),
    ),
]

REFERENCIAS = (
    "mejora.ValorManual.introducido_por",
    "mejora.Hallazgo.editado_por",
    "mejora.Informe.solicitado_por",
    "mejora.Informe.aprobado_por",
)
