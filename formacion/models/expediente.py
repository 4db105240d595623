"""The hours ledger: external training, and the training-record PDF."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from comun.ficheros import RutaPrivada, almacen_privado

from .cursos import Modalidad


class FormacionExterna(models.Model):
    """External training recognised with evidence: counts in the hours ledger."""

    empleado = models.ForeignKey(
        "organizacion.Empleado",
        verbose_name=_("empleado/a"),
        on_delete=models.CASCADE,
        related_name="formacion_externa",
    )
    titulo = models.CharField(_("título"), max_length=255)
    entidad = models.CharField(_("entidad organizadora"), max_length=255)
    horas = models.DecimalField(
        _("horas"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    modalidad = models.CharField(
        _("modalidad"), max_length=12, choices=Modalidad.choices
    )
    fecha_inicio = models.DateField(_("fecha de inicio"))
    fecha_fin = models.DateField(_("fecha de finalización"))
    evidencia = models.FileField(
        _("evidencia"),
        upload_to=RutaPrivada("formacion/externa"),
        storage=almacen_privado,
    )
    reconocida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reconocida por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reconocida_en = models.DateTimeField(_("reconocida el"), null=True, blank=True)

    panels = [
        FieldPanel("empleado"),
        FieldPanel("titulo"),
        FieldPanel("entidad"),
        FieldRowPanel([FieldPanel("horas"), FieldPanel("modalidad")]),
        FieldRowPanel([FieldPanel("fecha_inicio"), FieldPanel("fecha_fin")]),
        FieldPanel("evidencia"),
    ]

    class Meta:
        ordering = ["-fecha_fin"]
        verbose_name = _("formación externa")
        verbose_name_plural = _("formación externa")
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=models.F("fecha_inicio")),
                name="externa_fechas_ordenadas",
            )
        ]

    def __str__(self):
        return self.titulo


# --- Training record PDF (expediente) -------------------------------------------------


def ruta_pdf_expediente(instancia, nombre):
    # Only 0004_expediente names it: new files go to private storage (RutaPrivada).
    return (
        f"formacion/expedientes/{instancia.solicitado_en:%Y}/"
        f"expediente-{instancia.empleado_id}-{instancia.huella[:16]}.pdf"
    )


class Expediente(models.Model):
    """A requested training-record PDF. Rendered by a Celery task on the "pdf"
    queue, never inside a request. `huella` fingerprints the content (rows and
    totals), so asking again with no new training reuses the stored file."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        GENERANDO = "generando", _("Generándose")
        LISTO = "listo", _("Listo")
        ERROR = "error", _("Error")

    empleado = models.ForeignKey(
        "organizacion.Empleado",
        verbose_name=_("empleado/a"),
        on_delete=models.CASCADE,
        related_name="expedientes_formativos",
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    huella = models.CharField(_("huella del contenido"), max_length=64)
    pdf = models.FileField(
        _("PDF"),
        upload_to=RutaPrivada("formacion/expedientes"),
        storage=almacen_privado,
        blank=True,
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    solicitado_en = models.DateTimeField(_("solicitado el"), default=timezone.now)
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("solicitado por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    generado_en = models.DateTimeField(_("generado el"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Written while a worker renders it (comun.latido).
    latido = models.DateTimeField(_("último latido"), null=True, blank=True)

    class Meta:
        ordering = ["-solicitado_en", "-pk"]
        verbose_name = _("expediente formativo")
        verbose_name_plural = _("expedientes formativos")
        constraints = [
            models.CheckConstraint(
                condition=~Q(estado="listo")
                | (Q(generado_en__isnull=False) & ~Q(sha256="")),
                name="expediente_listo_con_fichero",
            )
        ]
        indexes = [models.Index(fields=["empleado", "huella"])]

    def __str__(self):
        return f"{self.empleado_id} · {self.get_estado_display()}"

    @property
    def en_curso(self) -> bool:
        return self.estado in (self.Estado.PENDIENTE, self.Estado.GENERANDO)
