"""Strengths and areas for improvement, improvement plans and their PDCA actions."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizacion.models import Empleado

from .campos import usuario_opcional
from .indicadores import Indicador
from .modelos_calidad import Criterio


class Hallazgo(models.Model):
    """A strength or an area for improvement, from the data or by hand."""

    class Tipo(models.TextChoices):
        FORTALEZA = "fortaleza", _("Punto fuerte")
        AREA = "area", _("Área de mejora")

    class Estado(models.TextChoices):
        PROPUESTO = "propuesto", _("Propuesto")
        ACEPTADO = "aceptado", _("Aceptado")
        DESCARTADO = "descartado", _("Descartado")

    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    texto = models.TextField(_("descripción"))
    periodo = models.CharField(_("periodo"), max_length=10)
    indicador = models.ForeignKey(
        Indicador,
        verbose_name=_("indicador"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hallazgos",
    )
    criterio = models.ForeignKey(
        Criterio,
        verbose_name=_("criterio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ambito_clave = models.CharField(
        _("clave del ámbito"), max_length=40, default="organizacion"
    )
    automatico = models.BooleanField(
        _("propuesto a partir de los datos"), default=False
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.PROPUESTO
    )
    editado_por = usuario_opcional(verbose_name=_("editado por"))

    class Meta:
        verbose_name = _("punto fuerte o área de mejora")
        verbose_name_plural = _("puntos fuertes y áreas de mejora")
        ordering = ["periodo", "tipo", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["periodo", "tipo", "indicador", "ambito_clave"],
                condition=models.Q(automatico=True),
                name="hallazgo_automatico_unico",
            )
        ]

    def __str__(self):
        return self.texto[:80]


class PlanMejora(models.Model):
    nombre = models.CharField(_("nombre"), max_length=200)
    anio = models.PositiveSmallIntegerField(_("año"))
    plan_anterior = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan anterior"),
    )

    class Meta:
        verbose_name = _("plan de mejora")
        verbose_name_plural = _("planes de mejora")
        ordering = ["-anio", "nombre"]

    def __str__(self):
        return self.nombre


class AccionMejora(models.Model):
    class Estado(models.TextChoices):
        PLANIFICAR = "planificar", _("Planificar")
        HACER = "hacer", _("Hacer")
        VERIFICAR = "verificar", _("Verificar")
        ACTUAR = "actuar", _("Actuar")
        CERRADA = "cerrada", _("Cerrada")
        CANCELADA = "cancelada", _("Cancelada")

    plan = models.ForeignKey(
        PlanMejora,
        verbose_name=_("plan de mejora"),
        on_delete=models.CASCADE,
        related_name="acciones",
    )
    titulo = models.CharField(_("acción"), max_length=250)
    area = models.ForeignKey(
        Hallazgo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acciones",
        verbose_name=_("área de mejora"),
        limit_choices_to={"tipo": Hallazgo.Tipo.AREA},
    )
    indicador = models.ForeignKey(
        Indicador,
        verbose_name=_("indicador"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acciones",
    )
    criterio = models.ForeignKey(
        Criterio,
        verbose_name=_("criterio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    causa_raiz = models.TextField(_("causa raíz"), blank=True)
    responsable = models.ForeignKey(
        Empleado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsable"),
    )
    responsable_usuario = usuario_opcional(verbose_name=_("responsable (usuario)"))
    fecha_inicio = models.DateField(_("inicio"))
    fecha_fin = models.DateField(_("fecha límite"))
    recursos = models.TextField(_("recursos"), blank=True)
    impacto = models.PositiveSmallIntegerField(
        _("impacto (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    viabilidad = models.PositiveSmallIntegerField(
        _("viabilidad (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    estado = models.CharField(
        _("estado PDCA"),
        max_length=12,
        choices=Estado.choices,
        default=Estado.PLANIFICAR,
    )
    progreso = models.PositiveSmallIntegerField(
        _("progreso %"), default=0, validators=[MaxValueValidator(100)]
    )
    notas = models.TextField(_("notas"), blank=True)
    fecha_verificacion = models.DateField(
        _("fecha de verificación"), null=True, blank=True
    )
    periodo_antes = models.CharField(
        _("periodo de referencia (antes)"), max_length=10, blank=True
    )
    periodo_despues = models.CharField(
        _("periodo de medida (después)"), max_length=10, blank=True
    )
    recordatorio_enviado = models.DateField(
        _("recordatorio enviado el"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("acción de mejora")
        verbose_name_plural = _("acciones de mejora")
        ordering = ["plan", "-impacto", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(impacto__gte=1, impacto__lte=5),
                name="accion_impacto_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(viabilidad__gte=1, viabilidad__lte=5),
                name="accion_viabilidad_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(progreso__lte=100), name="accion_progreso_100"
            ),
        ]

    def __str__(self):
        return self.titulo

    @property
    def prioridad(self) -> int:
        return self.impacto * self.viabilidad

    @property
    def abierta(self) -> bool:
        return self.estado not in (self.Estado.CERRADA, self.Estado.CANCELADA)
