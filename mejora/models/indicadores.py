"""Indicators, their targets, manual values and the rollup of computed values."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organizacion.models import Oficina

from .ambito import Ambito, clave_ambito
from .campos import campo_ambito, usuario_opcional
from .modelos_calidad import Criterio, Subcriterio


class Indicador(models.Model):
    class Direccion(models.TextChoices):
        MAYOR = "mayor", _("Mejor cuanto más alto")
        MENOR = "menor", _("Mejor cuanto más bajo")

    class Fuente(models.TextChoices):
        ENCUESTAS = "encuestas", _("Encuestas")
        FORMACION = "formacion", _("Formación")
        EVALUACION = "evaluacion", _("Evaluación")
        MANUAL = "manual", _("Manual")

    codigo = models.SlugField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    descripcion = models.TextField(_("fórmula y descripción"), blank=True)
    unidad = models.CharField(_("unidad"), max_length=20, default="%")
    # "Better when higher or lower": not a postal address, which shares the word.
    direccion = models.CharField(
        pgettext_lazy("sentido de un indicador", "dirección"),
        max_length=5,
        choices=Direccion.choices,
        default=Direccion.MAYOR,
    )
    fuente = models.CharField(_("fuente"), max_length=12, choices=Fuente.choices)
    selector = models.CharField(_("selector registrado"), max_length=60, blank=True)
    parametros = models.JSONField(_("parámetros"), default=dict, blank=True)
    n_minimo = models.PositiveIntegerField(
        _("muestra mínima"),
        default=10,
        help_text=_(
            "Por debajo de este número de observaciones el valor "
            "se marca como muestra insuficiente."
        ),
    )
    por_canal = models.BooleanField(_("se segmenta por canal"), default=True)
    criterios = models.ManyToManyField(
        Criterio, verbose_name=_("criterios"), blank=True, related_name="indicadores"
    )
    subcriterios = models.ManyToManyField(
        Subcriterio,
        verbose_name=_("subcriterios"),
        blank=True,
        related_name="indicadores",
    )
    clave = models.BooleanField(_("indicador clave del cuadro de mando"), default=False)
    activo = models.BooleanField(_("activo"), default=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")
        ordering = ["orden", "codigo"]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("mejora:indicador", args=[self.codigo])


class MetaIndicador(models.Model):
    """A target for an indicator in a year (or one of its quarters) and a scope."""

    indicador = models.ForeignKey(
        Indicador,
        verbose_name=_("indicador"),
        on_delete=models.CASCADE,
        related_name="metas",
    )
    anio = models.PositiveSmallIntegerField(_("año"))
    trimestre = models.PositiveSmallIntegerField(
        _("trimestre"),
        default=0,
        validators=[MaxValueValidator(4)],
        help_text=_("0: la meta vale para todo el año."),
    )
    ambito = campo_ambito()
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    ambito_clave = models.CharField(
        _("clave del ámbito"), max_length=40, editable=False
    )
    objetivo = models.FloatField(_("objetivo"))
    umbral = models.FloatField(
        _("umbral"),
        null=True,
        blank=True,
        help_text=_(
            "Límite de la zona de aviso: entre el umbral y el objetivo "
            "el semáforo está en ámbar."
        ),
    )

    class Meta:
        verbose_name = _("meta")
        verbose_name_plural = _("metas")
        ordering = ["indicador", "anio", "trimestre"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "anio", "trimestre", "ambito_clave"],
                name="meta_unica",
            )
        ]

    def __str__(self):
        return f"{self.indicador.codigo} {self.anio} {self.objetivo}"

    def save(self, *args, **kwargs):
        self.ambito_clave = clave_ambito(self.ambito, self.oficina_id, self.canal)
        super().save(*args, **kwargs)


class ValorManual(models.Model):
    indicador = models.ForeignKey(
        Indicador,
        verbose_name=_("indicador"),
        on_delete=models.CASCADE,
        related_name="valores_manuales",
    )
    periodo = models.CharField(
        _("periodo"), max_length=10, help_text="2026-Q3 o 2026-09"
    )
    ambito = campo_ambito()
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    ambito_clave = models.CharField(
        _("clave del ámbito"), max_length=40, editable=False
    )
    valor = models.FloatField(_("valor"))
    n = models.PositiveIntegerField(_("observaciones"), default=1)
    nota = models.CharField(_("nota"), max_length=250, blank=True)
    introducido_por = usuario_opcional(verbose_name=_("introducido por"))
    introducido_en = models.DateTimeField(_("introducido el"), auto_now=True)

    class Meta:
        verbose_name = _("valor manual")
        verbose_name_plural = _("valores manuales")
        ordering = ["indicador", "periodo"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "periodo", "ambito_clave"],
                name="valor_manual_unico",
            )
        ]

    def __str__(self):
        return f"{self.indicador_id} {self.periodo} {self.ambito_clave}: {self.valor}"

    def save(self, *args, **kwargs):
        self.ambito_clave = clave_ambito(self.ambito, self.oficina_id, self.canal)
        super().save(*args, **kwargs)


class ValorIndicador(models.Model):
    """The rollup the dashboard and the report read: one row per indicator,
    period and scope, recomputed by a Celery task from the source selectors."""

    indicador = models.ForeignKey(
        Indicador,
        verbose_name=_("indicador"),
        on_delete=models.CASCADE,
        related_name="valores",
    )
    periodo = models.CharField(_("periodo"), max_length=10)
    desde = models.DateField(_("desde"))
    hasta = models.DateField(_("hasta"))
    ambito = models.CharField(_("ámbito"), max_length=12, choices=Ambito.choices)
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    ambito_clave = models.CharField(_("clave del ámbito"), max_length=40)
    valor = models.FloatField(_("valor"), null=True)
    n = models.PositiveIntegerField(_("tamaño de la muestra"), default=0)
    ic_inf = models.FloatField(
        _("límite inferior del intervalo de confianza"), null=True
    )
    ic_sup = models.FloatField(
        _("límite superior del intervalo de confianza"), null=True
    )
    fuente_disponible = models.BooleanField(_("fuente disponible"), default=True)
    calculado_en = models.DateTimeField(_("calculado el"))

    class Meta:
        verbose_name = _("valor de indicador")
        verbose_name_plural = _("valores de indicadores")
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "periodo", "ambito_clave"],
                name="valor_indicador_unico",
            )
        ]
        indexes = [models.Index(fields=["periodo", "ambito", "indicador"])]

    def __str__(self):
        return f"{self.indicador_id} {self.periodo} {self.ambito_clave}: {self.valor}"
