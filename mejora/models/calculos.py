"""The record of the indicator recalculation: one row per run of a period, and the
periods whose source data changed since their last run."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalculoPeriodo(models.Model):
    """One run of the recalculation of a period (every indicator, or `codigos`).
    A run killed by the worker's hard time limit or by a dead worker stays
    "en curso" with a stale heartbeat (comun.latido): the pages read it as
    interrupted, and the next run records it so."""

    class Estado(models.TextChoices):
        EN_CURSO = "en_curso", _("En curso")
        COMPLETADO = "completado", _("Completado")
        INTERRUMPIDO = "interrumpido", _("Interrumpido")
        ERROR = "error", _("Error")

    periodo = models.CharField(_("periodo"), max_length=10)
    codigos = models.JSONField(
        _("indicadores"), default=list, blank=True, help_text=_("Vacío: todos.")
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.EN_CURSO
    )
    iniciado_en = models.DateTimeField(_("iniciado en"))
    terminado_en = models.DateTimeField(_("terminado en"), null=True, blank=True)
    # Written every few seconds while a worker computes it (comun.latido).
    latido = models.DateTimeField(_("último latido"), null=True, blank=True)
    filas = models.PositiveIntegerField(_("filas escritas"), default=0)
    duracion = models.FloatField(_("duración (s)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cálculo de un periodo")
        verbose_name_plural = _("cálculos de periodos")
        ordering = ["-iniciado_en"]
        indexes = [models.Index(fields=["periodo", "-iniciado_en"])]

    def __str__(self):
        return f"{self.periodo} {self.iniciado_en:%Y-%m-%d %H:%M} {self.estado}"


class PeriodoPendiente(models.Model):
    """A period whose survey results changed (responses consolidated for one of
    its dates) since its last recalculation: the nightly job recomputes it."""

    periodo = models.CharField(_("periodo"), max_length=10, unique=True)
    marcado_en = models.DateTimeField(_("marcado en"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodo pendiente de recálculo")
        verbose_name_plural = _("periodos pendientes de recálculo")

    def __str__(self):
        return self.periodo
