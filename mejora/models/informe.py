"""The continuous-improvement report: its life cycle, snapshot and stored PDF."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comun.ficheros import RutaPrivada, almacen_privado
from organizacion.models import Oficina

from .ambito import Ambito, clave_ambito
from .campos import campo_ambito, usuario_opcional
from .modelos_calidad import ModeloCalidad


def _ruta_informe(instancia, nombre):
    # Only 0001_initial names it: new files go to private storage (RutaPrivada).
    return f"mejora/informes/{instancia.periodo}/{nombre}"


class Informe(models.Model):
    class Tipo(models.TextChoices):
        TRIMESTRAL = "trimestral", _("Trimestral")
        MENSUAL = "mensual", _("Mensual")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("En cola")
        GENERANDO = "generando", _("Generándose")
        LISTO = "listo", _("Listo")
        ERROR = "error", _("Error")
        APROBADO = "aprobado", _("Aprobado")

    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    periodo = models.CharField(_("periodo"), max_length=10)
    ambito = campo_ambito()
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    ambito_clave = models.CharField(
        _("clave del ámbito"), max_length=40, editable=False
    )
    modelo = models.ForeignKey(
        ModeloCalidad,
        verbose_name=_("modelo de calidad"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    progreso = models.PositiveSmallIntegerField(_("progreso %"), default=0)
    etapa = models.CharField(_("etapa"), max_length=120, blank=True)
    # Written every few seconds while a worker generates it (comun.latido).
    latido = models.DateTimeField(_("último latido"), null=True, blank=True)
    datos = models.JSONField(_("datos"), default=dict, blank=True, editable=False)
    archivo = models.FileField(
        _("fichero"),
        upload_to=RutaPrivada("mejora/informes"),
        storage=almacen_privado,
        blank=True,
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    solicitado_por = usuario_opcional(verbose_name=_("solicitado por"))
    solicitado_en = models.DateTimeField(_("solicitado el"), null=True, blank=True)
    generado_en = models.DateTimeField(_("generado el"), null=True, blank=True)
    fecha_emision = models.DateField(_("fecha de emisión"), null=True, blank=True)
    aprobado_por = usuario_opcional(verbose_name=_("aprobado por"))
    aprobado_en = models.DateTimeField(_("aprobado el"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versión"), default=0)

    class Meta:
        verbose_name = _("informe")
        verbose_name_plural = _("informes")
        ordering = ["-periodo", "ambito_clave"]
        constraints = [
            models.UniqueConstraint(
                fields=["periodo", "ambito_clave", "modelo"],
                name="informe_unico_por_periodo",
            )
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.periodo} · {self.nombre_ambito}"

    def save(self, *args, **kwargs):
        self.ambito_clave = clave_ambito(self.ambito, self.oficina_id, self.canal)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("mejora:informe", args=[self.pk])

    @property
    def nombre_ambito(self) -> str:
        if self.ambito == Ambito.OFICINA and self.oficina_id:
            return str(self.oficina)
        if self.ambito == Ambito.CANAL:
            return f"{_('Canal')} {self.canal}"
        return str(_("Toda la organización"))

    @property
    def aprobado(self) -> bool:
        return self.estado == self.Estado.APROBADO
