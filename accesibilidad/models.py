from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Comunicacion(models.Model):
    """A citizen's communication about accessibility (RD 1112/2018 arts. 10.2.a
    and 12): a request for accessible information, a complaint or a suggestion.
    The contact e-mail is optional; retention deletes closed ones."""

    class Tipo(models.TextChoices):
        SOLICITUD = "solicitud", _("Solicitud de información accesible")
        QUEJA = "queja", _("Queja")
        SUGERENCIA = "sugerencia", _("Comunicación o sugerencia")

    class Estado(models.TextChoices):
        RECIBIDA = "recibida", _("Recibida")
        CERRADA = "cerrada", _("Respondida y cerrada")

    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    pagina = models.CharField(_("página afectada"), max_length=300, blank=True)
    descripcion = models.TextField(_("descripción"), max_length=4000)
    correo = models.EmailField(_("correo de contacto"), blank=True)
    idioma = models.CharField(_("idioma"), max_length=2, default="es")
    recibida_en = models.DateTimeField(_("recibida el"), auto_now_add=True)
    plazo = models.DateField(_("plazo de respuesta"))
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.RECIBIDA
    )
    respuesta = models.TextField(_("respuesta"), blank=True)
    # When the unit's notice and the citizen's answer went out: tasks send once.
    aviso_enviado_en = models.DateTimeField(
        _("aviso enviado el"), null=True, blank=True, editable=False
    )
    respuesta_enviada_en = models.DateTimeField(
        _("respuesta enviada el"), null=True, blank=True, editable=False
    )
    cerrada_en = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    cerrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cerrada por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comunicación de accesibilidad")
        verbose_name_plural = _("comunicaciones de accesibilidad")
        ordering = ["estado", "plazo", "pk"]
        indexes = [models.Index(fields=["estado", "plazo"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(estado="cerrada")
                | models.Q(cerrada_en__isnull=False),
                name="accesibilidad_cerrada_con_fecha",
            )
        ]

    def __str__(self):
        return self.referencia

    @property
    def referencia(self) -> str:
        """The number given to the citizen: year of receipt and id."""
        return f"ACC-{self.recibida_en:%Y}-{self.pk:06d}"
