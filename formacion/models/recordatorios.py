"""The ledger of digest e-mails sent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Recordatorio(models.Model):
    """One digest per person, kind and day: the unique constraint is what makes
    running the daily job twice send nothing twice."""

    class Tipo(models.TextChoices):
        PERSONAL = "personal", _("Resumen personal")
        EQUIPO = "equipo", _("Resumen del equipo")

    destinatario = models.ForeignKey(
        "organizacion.Empleado",
        verbose_name=_("destinatario/a"),
        on_delete=models.CASCADE,
        related_name="recordatorios_formacion",
    )
    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    dia = models.DateField(_("día"))
    enviado_en = models.DateTimeField(_("enviado el"), default=timezone.now)
    resumen = models.JSONField(_("resumen"), default=dict)

    class Meta:
        ordering = ["-dia"]
        verbose_name = _("recordatorio enviado")
        verbose_name_plural = _("recordatorios enviados")
        constraints = [
            models.UniqueConstraint(
                fields=["destinatario", "tipo", "dia"], name="un_recordatorio_por_dia"
            )
        ]

    def __str__(self):
        return f"{self.destinatario_id} · {self.tipo} · {self.dia}"
