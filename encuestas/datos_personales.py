"""encuestas's part of an employee's data export (see organizacion.proteccion_datos).

Survey responses are anonymous for the citizen. Attributed to an employee they
are the employee's data, exported as the "Mi valoración" page shows them:
counts per month and the (redacted) comments, never single scored responses,
which could point at the citizen who gave them.
"""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Seccion

from .models import Alerta, Atencion, NotaAlerta, Respuesta

LOTE = 1000


def atenciones(empleado):
    return (
        Atencion.objects.filter(empleado=empleado)
        .order_by("fecha", "pk")
        .values_list(
            "fecha",
            "oficina__nombre",
            "canal__nombre",
            "servicio__nombre",
            "resultado",
            "espera_segundos",
            "gestion_segundos",
            "idioma",
            "invitada",
        )
        .iterator(chunk_size=LOTE)
    )


def valoraciones_por_mes(empleado):
    for fila in (
        Respuesta.objects.filter(empleado=empleado)
        .annotate(mes=TruncMonth("fecha"))
        .values("mes")
        .annotate(n=Count("pk"))
        .order_by("mes")
    ):
        yield (fila["mes"].strftime("%Y-%m"), fila["n"])


def comentarios(empleado):
    return (
        Respuesta.objects.filter(empleado=empleado)
        .exclude(comentario="")
        .order_by("fecha", "pk")
        .values_list("fecha", "canal__nombre", "comentario")
        .iterator(chunk_size=LOTE)
    )


def alertas(empleado):
    for a in (
        Alerta.objects.filter(responsable=empleado)
        .select_related("oficina")
        .order_by("creada_en", "pk")
    ):
        yield (
            a.pk,
            a.oficina.nombre,
            a.get_estado_display(),
            a.puntuacion,
            a.creada_en,
            a.plazo,
            a.cerrada_en,
        )


def notas_alertas(empleado):
    for n in NotaAlerta.objects.filter(autor_id=empleado.usuario_id).order_by(
        "creada_en", "pk"
    ):
        yield (n.alerta_id, n.creada_en, n.get_estado_display(), n.texto)


SECCIONES = [
    Seccion(
        "encuestas/atenciones.csv",
        (
            _("Fecha"),
            _("Oficina"),
            _("Canal"),
            _("Servicio"),
            _("Resultado"),
            _("Espera (s)"),
            _("Gestión (s)"),
            _("Idioma"),
            _("Invitada a valorar"),
        ),
        atenciones,
        cubre=("encuestas.Atencion.empleado",),
    ),
    Seccion(
        "encuestas/valoraciones_por_mes.csv",
        (_("Mes"), _("Respuestas")),
        valoraciones_por_mes,
        cubre=("encuestas.Respuesta.empleado",),
    ),
    Seccion(
        "encuestas/comentarios.csv",
        (_("Fecha"), _("Canal"), _("Comentario (anonimizado)")),
        comentarios,
        cubre=("encuestas.Respuesta.empleado",),
    ),
    Seccion(
        "encuestas/alertas_a_su_cargo.csv",
        (
            _("Alerta"),
            _("Oficina"),
            _("Estado"),
            _("Puntuación"),
            _("Creada el"),
            _("Plazo"),
            _("Cerrada el"),
        ),
        alertas,
        cubre=("encuestas.Alerta.responsable",),
    ),
    Seccion(
        "encuestas/notas_de_alertas.csv",
        (_("Alerta"), _("Creada el"), _("Estado"), _("Nota")),
        notas_alertas,
        cubre=("encuestas.NotaAlerta.autor",),
    ),
]

REFERENCIAS = ("encuestas.Queja.remitida_por",)
