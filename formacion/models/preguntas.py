"""The question bank: an editable draft per question, frozen as versions that
attempts point at."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from .cursos import CursoPage


class TipoPregunta(models.TextChoices):
    UNICA = "unica", _("Respuesta única")
    MULTIPLE = "multiple", _("Respuesta múltiple")
    VERDADERO_FALSO = "vf", _("Verdadero o falso")


class Pregunta(ClusterableModel):
    """A question's stable identity plus its editable draft; every save through
    `services.guardar_version_pregunta` freezes a `PreguntaVersion` for attempts."""

    curso = models.ForeignKey(
        CursoPage,
        verbose_name=_("curso"),
        on_delete=models.CASCADE,
        related_name="preguntas",
    )
    enunciado = models.TextField(_("enunciado"))
    tipo = models.CharField(_("tipo"), max_length=10, choices=TipoPregunta.choices)
    etiqueta = models.CharField(_("etiqueta"), max_length=60, blank=True, db_index=True)
    activa = models.BooleanField(_("activa"), default=True)
    creada_en = models.DateTimeField(_("creada el"), auto_now_add=True)

    panels = [
        FieldPanel("curso"),
        FieldPanel("enunciado"),
        FieldRowPanel(
            [FieldPanel("tipo"), FieldPanel("etiqueta"), FieldPanel("activa")]
        ),
        InlinePanel("opciones", label=_("Opciones"), min_num=2),
    ]

    class Meta:
        ordering = ["curso", "pk"]
        verbose_name = _("pregunta")
        verbose_name_plural = _("preguntas")
        indexes = [models.Index(fields=["curso", "activa"])]

    def __str__(self):
        return self.enunciado[:80]


class Opcion(Orderable):
    """An option of the editable draft of a question."""

    pregunta = ParentalKey(
        Pregunta,
        verbose_name=_("pregunta"),
        on_delete=models.CASCADE,
        related_name="opciones",
    )
    texto = models.CharField(_("texto"), max_length=400)
    correcta = models.BooleanField(_("correcta"), default=False)
    retroalimentacion = models.CharField(
        _("retroalimentación"), max_length=400, blank=True
    )

    panels = [
        FieldPanel("texto"),
        FieldPanel("correcta"),
        FieldPanel("retroalimentacion"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opción")
        verbose_name_plural = _("opciones")

    def __str__(self):
        return self.texto


class PreguntaVersion(models.Model):
    """Frozen wording and options of a question: never edited once created."""

    # SET_NULL: deleting a question from the bank keeps the versions old attempts show.
    pregunta = models.ForeignKey(
        Pregunta,
        verbose_name=_("pregunta"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="versiones",
    )
    numero = models.PositiveIntegerField(_("versión"))
    enunciado = models.TextField(_("enunciado"))
    tipo = models.CharField(_("tipo"), max_length=10, choices=TipoPregunta.choices)
    creada_en = models.DateTimeField(_("creada el"), auto_now_add=True)

    class Meta:
        ordering = ["pregunta", "-numero"]
        verbose_name = _("versión de pregunta")
        verbose_name_plural = _("versiones de preguntas")
        constraints = [
            models.UniqueConstraint(
                fields=["pregunta", "numero"], name="pregunta_version_unica"
            )
        ]

    def __str__(self):
        return f"{self.enunciado[:60]} (v{self.numero})"


class OpcionVersion(models.Model):
    version = models.ForeignKey(
        PreguntaVersion,
        verbose_name=_("versión de la pregunta"),
        on_delete=models.PROTECT,
        related_name="opciones",
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    texto = models.CharField(_("texto"), max_length=400)
    correcta = models.BooleanField(_("correcta"), default=False)
    retroalimentacion = models.CharField(
        _("retroalimentación"), max_length=400, blank=True
    )

    class Meta:
        ordering = ["version", "orden", "pk"]
        verbose_name = _("opción (versión)")
        verbose_name_plural = _("opciones (versiones)")

    def __str__(self):
        return self.texto
