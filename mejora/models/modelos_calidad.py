"""Quality models (EFQM, CAF), shipped as data: criteria, subcriteria or parts,
and their scoring panels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModeloCalidad(models.Model):
    class Reglas(models.TextChoices):
        PESOS = "pesos", _("Puntos del criterio × porcentaje (EFQM)")
        MEDIAS = "medias", _("Media de los subcriterios (CAF)")

    codigo = models.CharField(_("código"), max_length=20)
    nombre = models.CharField(_("nombre"), max_length=120)
    version = models.CharField(_("versión"), max_length=20)
    reglas = models.CharField(
        _("reglas de puntuación"), max_length=10, choices=Reglas.choices
    )
    puntos_totales = models.PositiveIntegerField(_("puntos totales"), default=100)
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("modelo de calidad")
        verbose_name_plural = _("modelos de calidad")
        ordering = ["codigo", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["codigo", "version"], name="modelo_codigo_version_unico"
            )
        ]

    def __str__(self):
        return f"{self.nombre} ({self.version})"


class Criterio(models.Model):
    class Tipo(models.TextChoices):
        AGENTE = "agente", _("Agente facilitador")
        RESULTADO = "resultado", _("Resultado")

    modelo = models.ForeignKey(
        ModeloCalidad,
        verbose_name=_("modelo de calidad"),
        on_delete=models.CASCADE,
        related_name="criterios",
    )
    identificador = models.CharField(_("identificador"), max_length=10)
    titulo = models.CharField(_("título"), max_length=200)
    bloque = models.CharField(_("bloque"), max_length=60, blank=True)
    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    puntos = models.PositiveIntegerField(_("puntos"), null=True, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("criterio")
        verbose_name_plural = _("criterios")
        ordering = ["modelo", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["modelo", "identificador"], name="criterio_unico"
            )
        ]

    def __str__(self):
        return f"{self.modelo.codigo} {self.identificador} {self.titulo}"


class Subcriterio(models.Model):
    """A CAF subcriterion or an EFQM part (results criteria have one part each)."""

    criterio = models.ForeignKey(
        Criterio,
        verbose_name=_("criterio"),
        on_delete=models.CASCADE,
        related_name="subcriterios",
    )
    identificador = models.CharField(_("identificador"), max_length=10)
    titulo = models.CharField(_("título"), max_length=250)
    puntos = models.PositiveIntegerField(_("puntos"), null=True, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("subcriterio o parte")
        verbose_name_plural = _("subcriterios o partes")
        ordering = ["criterio__modelo", "criterio__orden", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterio", "identificador"], name="subcriterio_unico"
            )
        ]

    def __str__(self):
        return f"{self.identificador} {self.titulo}"


class PanelPuntuacion(models.Model):
    """A row of a scoring panel: PDCA (CAF) or the RADAR scale (EFQM)."""

    modelo = models.ForeignKey(
        ModeloCalidad,
        verbose_name=_("modelo de calidad"),
        on_delete=models.CASCADE,
        related_name="paneles",
    )
    tipo = models.CharField(_("tipo"), max_length=10, choices=Criterio.Tipo.choices)
    atributo = models.CharField(_("atributo"), max_length=80, blank=True)
    desde = models.PositiveSmallIntegerField(_("desde"))
    hasta = models.PositiveSmallIntegerField(_("hasta"))
    etiqueta = models.CharField(_("etiqueta"), max_length=200)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("panel de puntuación")
        verbose_name_plural = _("paneles de puntuación")
        ordering = ["modelo", "tipo", "atributo", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["modelo", "tipo", "atributo", "desde"], name="panel_unico"
            )
        ]

    def __str__(self):
        return f"{self.desde}–{self.hasta} {self.etiqueta}"
