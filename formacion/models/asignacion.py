"""Assignment rules and the audit of every assignment run."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .cursos import CursoPage


class ReglaAsignacion(models.Model):
    """Assign a course to everyone matching the criteria; standing rules
    (`activa`) also enrol newcomers."""

    nombre = models.CharField(_("nombre"), max_length=150)
    curso = models.ForeignKey(
        CursoPage,
        verbose_name=_("curso"),
        on_delete=models.CASCADE,
        related_name="reglas",
    )
    oficina = models.ForeignKey(
        "organizacion.Oficina",
        verbose_name=_("oficina"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    canal = models.ForeignKey(
        "organizacion.Canal",
        verbose_name=_("canal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    puesto = models.ForeignKey(
        "organizacion.Puesto",
        verbose_name=_("puesto"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    equipo_de = models.ForeignKey(
        "organizacion.Empleado",
        verbose_name=_("equipo de"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Todas las personas que dependen (directa o indirectamente) de esta."
        ),
    )
    obligatoria = models.BooleanField(_("obligatoria"), default=True)
    plazo_dias = models.PositiveSmallIntegerField(
        _("plazo (días desde la asignación)"),
        default=30,
        validators=[MinValueValidator(1)],
    )
    activa = models.BooleanField(
        _("permanente"),
        default=True,
        help_text=_("Se aplica también a quien se incorpore."),
    )
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creada por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    creada_en = models.DateTimeField(_("creada el"), auto_now_add=True)

    panels = [
        FieldPanel("nombre"),
        FieldPanel("curso"),
        FieldRowPanel([FieldPanel("oficina"), FieldPanel("canal")]),
        FieldRowPanel([FieldPanel("puesto"), FieldPanel("equipo_de")]),
        FieldRowPanel(
            [FieldPanel("obligatoria"), FieldPanel("plazo_dias"), FieldPanel("activa")]
        ),
    ]

    class Meta:
        ordering = ["-creada_en"]
        verbose_name = _("regla de asignación")
        verbose_name_plural = _("reglas de asignación")
        constraints = [
            models.CheckConstraint(
                condition=Q(oficina__isnull=False)
                | Q(canal__isnull=False)
                | Q(puesto__isnull=False)
                | Q(equipo_de__isnull=False),
                name="regla_con_algun_criterio",
            )
        ]
        indexes = [models.Index(fields=["activa"])]

    def __str__(self):
        return self.nombre

    def clean(self):
        if not (
            self.oficina_id or self.canal_id or self.puesto_id or self.equipo_de_id
        ):
            raise ValidationError(
                _("Indica al menos un criterio: oficina, canal, puesto o equipo.")
            )


class RegistroAsignacion(models.Model):
    """Audit of every assignment run: who, when, which rule, what happened."""

    curso = models.ForeignKey(
        CursoPage, verbose_name=_("curso"), on_delete=models.CASCADE, related_name="+"
    )
    regla = models.ForeignKey(
        ReglaAsignacion,
        verbose_name=_("regla"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registros",
    )
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ejecutada por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    en = models.DateTimeField(_("ejecutada el"), default=timezone.now)
    criterio = models.JSONField(_("criterio"), default=dict)
    nuevas = models.PositiveIntegerField(_("matrículas nuevas"), default=0)
    ya_existentes = models.PositiveIntegerField(
        _("matrículas ya existentes"), default=0
    )

    class Meta:
        ordering = ["-en"]
        verbose_name = _("registro de asignación")
        verbose_name_plural = _("registros de asignación")

    def __str__(self):
        return f"{self.en:%Y-%m-%d %H:%M} · {self.nuevas} nuevas"
