"""Anonymous responses, their values, the queue of responses not yet summed and
the daily rollups every results page reads."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from organizacion.models import Canal, Empleado, Oficina, Servicio

from .atenciones import Invitacion
from .banco import Encuesta, ItemVersion


class Respuesta(models.Model):
    """One anonymous response: coarse dimensions only, no link to its invitation or
    attention event. One per invitation is enforced when the token is burnt (a
    conditional UPDATE of the invitation in the same transaction as the insert)."""

    encuesta = models.ForeignKey(
        Encuesta,
        verbose_name=_("encuesta"),
        on_delete=models.PROTECT,
        related_name="respuestas",
    )
    # oficina and empleado lead the (…, fecha) indexes below: no index of their own,
    # one index write less per submit.
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    canal = models.ForeignKey(
        Canal, verbose_name=_("canal"), on_delete=models.PROTECT, related_name="+"
    )
    servicio = models.ForeignKey(
        Servicio,
        verbose_name=_("servicio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept for the per-person aggregates (shown only at n >= the employee minimum);
    # copied from the event when the token is burnt, never a path back to it.
    empleado = models.ForeignKey(
        Empleado,
        verbose_name=_("empleado/a"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="respuestas_encuesta",
        db_index=False,
    )
    medio = models.CharField(
        _("medio"), max_length=10, choices=Invitacion.Medio.choices
    )
    hora = models.DateTimeField(_("hora (truncada)"))
    fecha = models.DateField(_("fecha"))
    idioma = models.CharField(_("idioma"), max_length=5, default="es")
    reportable = models.BooleanField(_("cuenta en las métricas"), default=True)
    motivo_no_reportable = models.CharField(
        _("motivo por el que no cuenta"), max_length=40, blank=True
    )
    comentario = models.TextField(_("comentario (anonimizado)"), blank=True)

    class Meta:
        ordering = ["-hora"]
        verbose_name = _("respuesta")
        verbose_name_plural = _("respuestas")
        indexes = [
            models.Index(fields=["oficina", "fecha"]),
            models.Index(fields=["empleado", "fecha"]),
        ]

    def __str__(self):
        return f"Respuesta {self.pk}"


class RespuestaItem(models.Model):
    # Indexed by the unique (respuesta, codigo) constraint, which it leads.
    respuesta = models.ForeignKey(
        Respuesta,
        verbose_name=_("respuesta"),
        on_delete=models.CASCADE,
        related_name="valores",
        db_index=False,
    )
    item_version = models.ForeignKey(
        ItemVersion,
        verbose_name=_("versión de la pregunta"),
        on_delete=models.PROTECT,
        related_name="respuestas",
    )
    codigo = models.CharField(_("código de la pregunta"), max_length=20)
    valor = models.SmallIntegerField(_("valor"), null=True, blank=True)
    texto = models.TextField(_("texto"), blank=True)

    class Meta:
        verbose_name = _("valor de respuesta")
        verbose_name_plural = _("valores de respuesta")
        constraints = [
            models.UniqueConstraint(
                fields=["respuesta", "codigo"], name="respuesta_item_unico"
            )
        ]

    def __str__(self):
        return f"{self.codigo}={self.valor}"


class ResumenPendiente(models.Model):
    """A survey response not yet added to the rollups. A submit only appends a row
    here; `resumenes.consolidar` (Celery beat, every ENCUESTAS_CONSOLIDAR_SEGUNDOS)
    adds a whole batch with one GROUP BY and deletes it, so concurrent submits
    never queue on the hot rollup rows."""

    respuesta = models.OneToOneField(
        Respuesta,
        verbose_name=_("respuesta"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pendiente",
    )
    # The invitation was first opened by this submit (no GET before): the funnel
    # counts it as opened too.
    abierta = models.BooleanField(_("invitación abierta al responder"), default=False)

    class Meta:
        verbose_name = _("respuesta pendiente de resumir")
        verbose_name_plural = _("respuestas pendientes de resumir")

    def __str__(self):
        return f"pendiente {self.respuesta_id}"


# The key of each rollup, in its unique constraint's order (the upserts of
# encuestas.sql name the same columns).
CLAVE_DIARIO = (
    "fecha",
    "oficina_id",
    "canal_id",
    "servicio_id",
    "empleado_id",
    "codigo",
    "valor",
)
CLAVE_OFICINA = tuple(c for c in CLAVE_DIARIO if c != "empleado_id")
CLAVE_MENSUAL = ("mes", "oficina_id", "canal_id", "codigo", "valor")
CLAVE_SEMANAL = ("semana", "oficina_id", "canal_id", "codigo", "valor")


class CeldaResumen(models.Model):
    """A rollup cell: how many reportable answers had `valor` for item `codigo`
    on a day and dimension cell. Dimensions are plain ids (0 = none) so the
    upsert key has no NULLs."""

    fecha = models.DateField(_("fecha"))
    oficina_id = models.IntegerField(_("id de la oficina"))
    canal_id = models.IntegerField(_("id del canal"))
    servicio_id = models.IntegerField(_("id del servicio"), default=0)
    codigo = models.CharField(_("código de la pregunta"), max_length=20)
    valor = models.SmallIntegerField(_("valor"))
    # Sharded counter: concurrent responses for the same cell update different
    # rows (chosen at random), so they do not queue on one row lock. Readers sum.
    # db_default: raw INSERTs (benches, SQL rebuilds) that do not name it still work.
    fragmento = models.SmallIntegerField(_("fragmento"), default=0, db_default=0)
    n = models.IntegerField(_("número de respuestas"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.fecha} {self.codigo}={self.valor}: {self.n}"


class ResumenDiario(CeldaResumen):
    """The rollup by person: only the per-person reads (my feedback, a team) come
    here; offices and the organisation read ResumenOficina."""

    empleado_id = models.IntegerField(_("id de la persona empleada"), default=0)

    class Meta:
        verbose_name = _("resumen diario")
        verbose_name_plural = _("resúmenes diarios")
        constraints = [
            models.UniqueConstraint(
                fields=[*CLAVE_DIARIO, "fragmento"],
                name="resumen_diario_celda_fragmento",
            )
        ]
        indexes = [models.Index(fields=["empleado_id", "codigo", "fecha"])]


class ResumenOficina(CeldaResumen):
    """ResumenDiario without the employee: what every office and organisation page
    reads (its cost follows offices × days × services, not staff). Written by the
    same calls, in the same transaction, with the same rows summed over the
    employee, so the two always add up to the same totals. Sharded too: kiosk
    taps still add to it synchronously, and without the employee more of them
    meet on one cell."""

    class Meta:
        verbose_name = _("resumen diario por oficina")
        verbose_name_plural = _("resúmenes diarios por oficina")
        constraints = [
            models.UniqueConstraint(
                fields=[*CLAVE_OFICINA, "fragmento"],
                name="resumen_oficina_celda_fragmento",
            )
        ]
        # Office pages filter on the office first; the organisation's reads of one
        # question (trends, home panels, indicators) on the question and the days;
        # the organisation's loose days on the days. All covering (PostgreSQL):
        # index-only scans.
        indexes = [
            models.Index(
                fields=["oficina_id", "fecha"],
                include=["canal_id", "servicio_id", "codigo", "valor", "n"],
                name="resumen_oficina_of_fecha",
            ),
            models.Index(
                fields=["codigo", "fecha"],
                include=["oficina_id", "canal_id", "valor", "n"],
                name="resumen_oficina_cod_fecha",
            ),
            # The loose days at the ends of a range, every question (the whole
            # months come from ResumenMensual): an index-only scan of those days.
            models.Index(
                fields=["fecha"],
                include=["oficina_id", "canal_id", "codigo", "valor", "n"],
                name="resumen_oficina_fecha",
            ),
        ]


class CeldaPeriodo(models.Model):
    """A cell of a rollup by period (month, week) without service or person;
    the period's column is the subclass's."""

    oficina_id = models.IntegerField(_("id de la oficina"))
    canal_id = models.IntegerField(_("id del canal"))
    codigo = models.CharField(_("código de la pregunta"), max_length=20)
    valor = models.SmallIntegerField(_("valor"))
    fragmento = models.SmallIntegerField(_("fragmento"), default=0, db_default=0)
    n = models.IntegerField(_("número de respuestas"), default=0)

    class Meta:
        abstract = True


class ResumenMensual(CeldaPeriodo):
    """ResumenOficina by calendar month and without the service: what the reads of
    whole months sum (the organisation's page and home panels, the indicators of
    months and quarters). Its size follows offices × months, not responses: a
    range's whole months come from here and only its loose days from
    ResumenOficina (`selectors.distribuciones`). Written by the same calls, in the
    same transaction, as the two daily rollups."""

    mes = models.DateField(_("mes"))  # the first day of the month

    class Meta:
        verbose_name = _("resumen mensual")
        verbose_name_plural = _("resúmenes mensuales")
        constraints = [
            models.UniqueConstraint(
                fields=[*CLAVE_MENSUAL, "fragmento"],
                name="resumen_mensual_celda_fragmento",
            )
        ]
        indexes = [
            models.Index(
                fields=["codigo", "mes"],
                include=["oficina_id", "canal_id", "valor", "n"],
                name="resumen_mensual_cod_mes",
            ),
            models.Index(
                fields=["oficina_id", "mes"],
                include=["canal_id", "codigo", "valor", "n"],
                name="resumen_mensual_of_mes",
            ),
            # The organisation's months, every question (per channel).
            models.Index(
                fields=["mes"],
                include=["oficina_id", "canal_id", "codigo", "valor", "n"],
                name="resumen_mensual_mes",
            ),
        ]

    def __str__(self):
        return f"{self.mes:%Y-%m} {self.codigo}={self.valor}: {self.n}"


class ResumenSemanal(CeldaPeriodo):
    """ResumenOficina by ISO week (from Monday) and without the service: the
    weekly trend reads its 12 weeks from here and only the days of the first and
    last weeks that fall outside the range from ResumenOficina. Saturates at
    offices × channels × questions × values per week. Written by the same calls,
    in the same transaction, as the other rollups."""

    semana = models.DateField(_("semana"))  # the Monday

    class Meta:
        verbose_name = _("resumen semanal")
        verbose_name_plural = _("resúmenes semanales")
        constraints = [
            models.UniqueConstraint(
                fields=[*CLAVE_SEMANAL, "fragmento"],
                name="resumen_semanal_celda_fragmento",
            )
        ]
        indexes = [
            models.Index(
                fields=["codigo", "semana"],
                include=["oficina_id", "canal_id", "valor", "n"],
                name="resumen_semanal_cod_sem",
            ),
            models.Index(
                fields=["oficina_id", "codigo", "semana"],
                include=["canal_id", "valor", "n"],
                name="resumen_semanal_of_cod_sem",
            ),
        ]

    def __str__(self):
        return f"{self.semana:%G-W%V} {self.codigo}={self.valor}: {self.n}"


class EmbudoDiario(models.Model):
    """Rollup of invitations: offered, opened, completed per day and cell."""

    fecha = models.DateField(_("fecha"))
    oficina_id = models.IntegerField(_("id de la oficina"))
    canal_id = models.IntegerField(_("id del canal"))
    servicio_id = models.IntegerField(_("id del servicio"), default=0)
    ofrecidas = models.IntegerField(_("invitaciones ofrecidas"), default=0)
    abiertas = models.IntegerField(_("invitaciones abiertas"), default=0)
    completadas = models.IntegerField(_("invitaciones respondidas"), default=0)
    fragmento = models.SmallIntegerField(_("fragmento"), default=0, db_default=0)

    class Meta:
        verbose_name = _("embudo diario")
        verbose_name_plural = _("embudos diarios")
        constraints = [
            models.UniqueConstraint(
                fields=["fecha", "oficina_id", "canal_id", "servicio_id", "fragmento"],
                name="embudo_diario_celda_fragmento",
            )
        ]
        # Covering: the funnel of a range (per office or channel) is an
        # index-only scan of its days.
        indexes = [
            models.Index(
                fields=["fecha", "oficina_id"],
                include=[
                    "canal_id",
                    "servicio_id",
                    "ofrecidas",
                    "abiertas",
                    "completadas",
                ],
                name="embudo_diario_fecha_of",
            )
        ]

    def __str__(self):
        return f"{self.fecha} {self.oficina_id}/{self.canal_id}"
