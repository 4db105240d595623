"""Self-assessment against a quality model: members' scores and the consensus."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organizacion.models import Oficina

from .campos import campo_ambito
from .modelos_calidad import ModeloCalidad, Subcriterio


class Autoevaluacion(models.Model):
    class Estado(models.TextChoices):
        ABIERTA = "abierta", _("Abierta a puntuaciones")
        CONSENSO = "consenso", _("En consenso")
        CERRADA = "cerrada", _("Cerrada")

    modelo = models.ForeignKey(
        ModeloCalidad,
        verbose_name=_("modelo de calidad"),
        on_delete=models.PROTECT,
        related_name="autoevaluaciones",
    )
    titulo = models.CharField(_("título"), max_length=200)
    periodo = models.CharField(_("periodo"), max_length=10)
    ambito = campo_ambito()
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    miembros = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("miembros"),
        related_name="autoevaluaciones_mejora",
        blank=True,
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.ABIERTA
    )
    creada_en = models.DateTimeField(_("creada el"), auto_now_add=True)

    class Meta:
        verbose_name = _("autoevaluación")
        verbose_name_plural = _("autoevaluaciones")
        ordering = ["-periodo", "pk"]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("mejora:autoevaluacion", args=[self.pk])


class PuntuacionIndividual(models.Model):
    autoevaluacion = models.ForeignKey(
        Autoevaluacion,
        verbose_name=_("autoevaluación"),
        on_delete=models.CASCADE,
        related_name="puntuaciones",
    )
    subcriterio = models.ForeignKey(
        Subcriterio,
        verbose_name=_("subcriterio"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    miembro = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("miembro"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    puntuacion = models.PositiveSmallIntegerField(
        _("puntuación"), validators=[MaxValueValidator(100)]
    )
    comentario = models.TextField(_("comentario"), blank=True)

    class Meta:
        verbose_name = _("puntuación individual")
        verbose_name_plural = _("puntuaciones individuales")
        constraints = [
            models.UniqueConstraint(
                fields=["autoevaluacion", "subcriterio", "miembro"],
                name="puntuacion_individual_unica",
            ),
            models.CheckConstraint(
                condition=models.Q(puntuacion__lte=100),
                name="puntuacion_individual_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.subcriterio_id}: {self.puntuacion}"


class PuntuacionFinal(models.Model):
    autoevaluacion = models.ForeignKey(
        Autoevaluacion,
        verbose_name=_("autoevaluación"),
        on_delete=models.CASCADE,
        related_name="finales",
    )
    subcriterio = models.ForeignKey(
        Subcriterio,
        verbose_name=_("subcriterio"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    puntuacion = models.PositiveSmallIntegerField(
        _("puntuación"), validators=[MaxValueValidator(100)]
    )
    evidencias = models.TextField(_("evidencias"), blank=True)
    puntos_fuertes = models.TextField(_("puntos fuertes"), blank=True)
    areas_mejora = models.TextField(_("áreas de mejora"), blank=True)

    class Meta:
        verbose_name = _("puntuación final")
        verbose_name_plural = _("puntuaciones finales")
        constraints = [
            models.UniqueConstraint(
                fields=["autoevaluacion", "subcriterio"], name="puntuacion_final_unica"
            ),
            models.CheckConstraint(
                condition=models.Q(puntuacion__lte=100), name="puntuacion_final_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.subcriterio_id}: {self.puntuacion}"
