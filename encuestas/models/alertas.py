"""Alerts for low scores with consent to be contacted, their notes, and complaints
routed to «quejas y sugerencias»."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Empleado, Oficina

from .respuestas import Respuesta


class Alerta(models.Model):
    class Estado(models.TextChoices):
        NUEVA = "nueva", _("Nueva")
        EN_CURSO = "en_curso", _("En curso")
        CONTACTADO = "contactado", _("Contactado")
        CERRADA = "cerrada", _("Cerrada")

    respuesta = models.OneToOneField(
        Respuesta,
        verbose_name=_("respuesta"),
        on_delete=models.CASCADE,
        related_name="alerta",
    )
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.PROTECT,
        related_name="alertas_encuesta",
    )
    responsable = models.ForeignKey(
        Empleado,
        verbose_name=_("responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alertas_encuesta",
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.NUEVA
    )
    plazo = models.DateTimeField(_("plazo"))
    contacto = models.CharField(_("contacto"), max_length=254, blank=True)
    puntuacion = models.SmallIntegerField(_("puntuación"))
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)
    cerrada_en = models.DateTimeField(_("cerrada el"), null=True, blank=True)

    class Meta:
        ordering = ["estado", "plazo"]
        verbose_name = _("alerta")
        verbose_name_plural = _("alertas")
        indexes = [models.Index(fields=["oficina", "estado"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(estado="cerrada") | Q(contacto=""),
                name="alerta_cerrada_sin_contacto",
            )
        ]

    def __str__(self):
        return f"Alerta {self.pk} ({self.estado})"

    @property
    def vencida(self) -> bool:
        return self.estado != self.Estado.CERRADA and timezone.now() > self.plazo


class NotaAlerta(models.Model):
    alerta = models.ForeignKey(
        Alerta, verbose_name=_("alerta"), on_delete=models.CASCADE, related_name="notas"
    )
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autor/a"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    texto = models.TextField(_("nota"), max_length=2000)
    estado = models.CharField(_("estado"), max_length=12, choices=Alerta.Estado.choices)
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)

    class Meta:
        verbose_name = _("nota de alerta")
        verbose_name_plural = _("notas de alerta")
        ordering = ["creada_en"]

    def __str__(self):
        return self.texto[:40]


class Queja(models.Model):
    """A comment routed to «quejas y sugerencias» with a receipt number."""

    numero = models.CharField(_("número de recibo"), max_length=20, unique=True)
    respuesta = models.OneToOneField(
        Respuesta,
        verbose_name=_("respuesta"),
        on_delete=models.PROTECT,
        related_name="queja",
    )
    oficina = models.ForeignKey(
        Oficina, verbose_name=_("oficina"), on_delete=models.PROTECT, related_name="+"
    )
    texto = models.TextField(_("texto (anonimizado)"))
    remitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("remitida por"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)

    class Meta:
        ordering = ["-creada_en"]
        verbose_name = _("queja o sugerencia")
        verbose_name_plural = _("quejas y sugerencias")

    def __str__(self):
        return self.numero
