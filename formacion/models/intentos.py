"""Quiz attempts, their drawn questions, and extra time granted per person."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .matriculas import Matricula
from .preguntas import OpcionVersion, PreguntaVersion


class Intento(models.Model):
    class Estado(models.TextChoices):
        EN_CURSO = "en_curso", _("En curso")
        ENVIADO = "enviado", _("Enviado")

    matricula = models.ForeignKey(
        Matricula,
        verbose_name=_("matrícula"),
        on_delete=models.CASCADE,
        related_name="intentos",
    )
    numero = models.PositiveSmallIntegerField(_("número"))
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.EN_CURSO
    )
    iniciado_en = models.DateTimeField(_("iniciado el"), default=timezone.now)
    limite = models.DateTimeField(_("hora límite"), null=True, blank=True)
    enviado_en = models.DateTimeField(_("enviado el"), null=True, blank=True)
    fuera_de_plazo = models.BooleanField(_("enviado fuera de tiempo"), default=False)
    nota = models.DecimalField(
        _("nota"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    aprobado = models.BooleanField(_("aprobado"), null=True)
    archivado = models.BooleanField(
        _("archivado"),
        default=False,
        help_text=_("De un periodo anterior (renovación)."),
    )

    class Meta:
        ordering = ["matricula", "numero"]
        verbose_name = _("intento")
        verbose_name_plural = _("intentos")
        constraints = [
            models.UniqueConstraint(
                fields=["matricula", "numero"], name="intento_numero_unico"
            ),
            models.UniqueConstraint(
                fields=["matricula"],
                condition=Q(estado="en_curso"),
                name="un_intento_en_curso_por_matricula",
            ),
            models.CheckConstraint(
                condition=Q(nota__isnull=True) | Q(nota__gte=0, nota__lte=100),
                name="intento_nota_0_100",
            ),
        ]
        indexes = [models.Index(fields=["estado", "enviado_en"])]

    def __str__(self):
        return f"{self.matricula} · intento {self.numero}"


class RespuestaIntento(models.Model):
    """One drawn question of an attempt, pointing at the frozen version it showed."""

    intento = models.ForeignKey(
        Intento,
        verbose_name=_("intento"),
        on_delete=models.CASCADE,
        related_name="respuestas",
    )
    version = models.ForeignKey(
        PreguntaVersion,
        verbose_name=_("versión de la pregunta"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    orden = models.PositiveSmallIntegerField(_("orden"))
    opciones_elegidas = models.ManyToManyField(
        OpcionVersion, verbose_name=_("opciones elegidas"), related_name="+", blank=True
    )
    correcta = models.BooleanField(_("correcta"), null=True)

    class Meta:
        verbose_name = _("respuesta del intento")
        verbose_name_plural = _("respuestas de intentos")
        ordering = ["intento", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["intento", "version"], name="respuesta_unica_por_version"
            ),
            models.UniqueConstraint(
                fields=["intento", "orden"], name="respuesta_orden_unico"
            ),
        ]

    def __str__(self):
        return f"{self.intento_id} · {self.orden}"


class TiempoExtra(models.Model):
    """Extra time an employee is granted in timed quizzes (an adjustment)."""

    empleado = models.OneToOneField(
        "organizacion.Empleado",
        verbose_name=_("empleado/a"),
        on_delete=models.CASCADE,
        related_name="tiempo_extra",
    )
    porcentaje = models.PositiveSmallIntegerField(
        _("tiempo adicional (%)"),
        validators=[MinValueValidator(1), MaxValueValidator(300)],
    )
    motivo = models.CharField(_("motivo"), max_length=200, blank=True)

    panels = [FieldPanel("empleado"), FieldPanel("porcentaje"), FieldPanel("motivo")]

    class Meta:
        verbose_name = _("tiempo adicional")
        verbose_name_plural = _("tiempos adicionales")

    def __str__(self):
        return f"{self.empleado} +{self.porcentaje} %"
