"""The course catalogue in Wagtail: the index, the course and its lessons, and
the choices a course is described with."""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import CuerpoLeccionBlock


class Modalidad(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    EN_LINEA = "en_linea", _("En línea")
    MIXTA = "mixta", _("Mixta")


class TipoCertificado(models.TextChoices):
    ASISTENCIA = "asistencia", _("Certificado de asistencia")
    APROVECHAMIENTO = "aprovechamiento", _("Certificado de aprovechamiento")


class MetodoCalificacion(models.TextChoices):
    MAS_ALTA = "mas_alta", _("La calificación más alta")
    ULTIMA = "ultima", _("El último intento")


# --- Wagtail pages --------------------------------------------------------------------


class CursosIndexPage(Page):
    introduccion = RichTextField(_("introducción"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["formacion.CursoPage"]
    max_count = 1

    content_panels = Page.content_panels + [FieldPanel("introduccion")]

    class Meta:
        verbose_name = _("índice de cursos")
        verbose_name_plural = _("índices de cursos")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors
        from ..forms import FiltroCatalogoForm

        contexto = super().get_context(request, *args, **kwargs)
        filtros = FiltroCatalogoForm(request.GET).filtros()
        contexto.update(
            selectors.catalogo(indice=self, usuario=request.user, **filtros)
        )
        contexto["filtros"] = filtros
        return contexto


class CursoPage(Page):
    resumen = models.TextField(_("resumen"), max_length=600)
    objetivos = RichTextField(_("objetivos"), blank=True)
    canales = ParentalManyToManyField(
        "organizacion.Canal",
        verbose_name=_("canales a los que se dirige"),
        related_name="cursos",
        blank=True,
        help_text=_("Vacío: todos los canales."),
    )
    competencias = ParentalManyToManyField(
        "organizacion.Competencia",
        verbose_name=_("competencias que desarrolla"),
        related_name="cursos",
        blank=True,
    )
    horas = models.DecimalField(
        _("horas"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0.5)]
    )
    modalidad = models.CharField(
        _("modalidad"),
        max_length=12,
        choices=Modalidad.choices,
        default=Modalidad.EN_LINEA,
    )
    tipo_certificado = models.CharField(
        _("tipo de certificado"),
        max_length=16,
        choices=TipoCertificado.choices,
        default=TipoCertificado.APROVECHAMIENTO,
    )
    obligatorio = models.BooleanField(_("obligatorio"), default=False, db_index=True)
    nota_aprobado = models.PositiveSmallIntegerField(
        _("nota para aprobar (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    porcentaje_asistencia = models.PositiveSmallIntegerField(
        _("lecciones necesarias para completar (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    validez_meses = models.PositiveSmallIntegerField(
        _("validez (meses)"), default=0, help_text=_("0 = no caduca.")
    )
    antelacion_renovacion_dias = models.PositiveSmallIntegerField(
        _("días de antelación para renovar"), default=60
    )
    # Quiz settings (Moodle's semantics).
    preguntas_por_intento = models.PositiveSmallIntegerField(
        _("preguntas por intento"), default=10, validators=[MinValueValidator(1)]
    )
    etiqueta_preguntas = models.CharField(
        _("solo preguntas con la etiqueta"), max_length=60, blank=True
    )
    intentos_permitidos = models.PositiveSmallIntegerField(
        _("intentos permitidos"), default=3, help_text=_("0 = sin límite.")
    )
    metodo_calificacion = models.CharField(
        _("calificación del curso"),
        max_length=10,
        choices=MetodoCalificacion.choices,
        default=MetodoCalificacion.MAS_ALTA,
    )
    tiempo_limite_minutos = models.PositiveSmallIntegerField(
        _("tiempo límite (minutos)"),
        null=True,
        blank=True,
        help_text=_("Vacío: sin límite."),
    )
    cuestionario_abre = models.DateTimeField(
        _("el cuestionario abre"), null=True, blank=True
    )
    cuestionario_cierra = models.DateTimeField(
        _("el cuestionario cierra"), null=True, blank=True
    )
    mostrar_revision = models.BooleanField(
        _("mostrar respuestas correctas tras enviar"), default=True
    )

    parent_page_types = ["formacion.CursosIndexPage"]
    subpage_types = ["formacion.LeccionPage"]

    search_fields = Page.search_fields + [
        index.SearchField("resumen"),
        index.SearchField("objetivos"),
        index.FilterField("obligatorio"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("resumen"),
        FieldPanel("objetivos"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("horas"), FieldPanel("modalidad")]),
                FieldPanel("canales", widget=forms.CheckboxSelectMultiple),
                FieldPanel("competencias", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Destinatarios y competencias"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("obligatorio"),
                FieldRowPanel(
                    [
                        FieldPanel("tipo_certificado"),
                        FieldPanel("porcentaje_asistencia"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("validez_meses"),
                        FieldPanel("antelacion_renovacion_dias"),
                    ]
                ),
            ],
            heading=_("Certificación y renovación"),
        ),
    ]
    cuestionario_panels = [
        FieldRowPanel(
            [FieldPanel("nota_aprobado"), FieldPanel("preguntas_por_intento")]
        ),
        FieldRowPanel(
            [FieldPanel("intentos_permitidos"), FieldPanel("metodo_calificacion")]
        ),
        FieldPanel("etiqueta_preguntas"),
        FieldPanel("tiempo_limite_minutos"),
        FieldRowPanel(
            [FieldPanel("cuestionario_abre"), FieldPanel("cuestionario_cierra")]
        ),
        FieldPanel("mostrar_revision"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Contenido")),
            ObjectList(cuestionario_panels, heading=_("Cuestionario")),
            ObjectList(Page.promote_panels, heading=_("Promoción")),
            ObjectList(Page.settings_panels, heading=_("Configuración")),
        ]
    )

    class Meta:
        verbose_name = _("curso")
        verbose_name_plural = _("cursos")

    @property
    def con_cuestionario(self) -> bool:
        return self.tipo_certificado == TipoCertificado.APROVECHAMIENTO

    def clean(self):
        super().clean()
        if (
            self.cuestionario_abre
            and self.cuestionario_cierra
            and self.cuestionario_cierra <= self.cuestionario_abre
        ):
            raise ValidationError(
                {
                    "cuestionario_cierra": _(
                        "El cierre debe ser posterior a la apertura."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        contexto = super().get_context(request, *args, **kwargs)
        contexto.update(selectors.contexto_curso(curso=self, usuario=request.user))
        return contexto

    def serve(self, request, *args, **kwargs):
        # Internal training: content is for staff; verification is the public part.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class LeccionPage(Page):
    minutos_estimados = models.PositiveSmallIntegerField(
        _("minutos estimados"), default=15, validators=[MinValueValidator(1)]
    )
    cuerpo = StreamField(CuerpoLeccionBlock(), verbose_name=_("contenido"))

    parent_page_types = ["formacion.CursoPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [index.SearchField("cuerpo")]
    content_panels = Page.content_panels + [
        FieldPanel("minutos_estimados"),
        FieldPanel("cuerpo"),
    ]

    class Meta:
        verbose_name = _("lección")
        verbose_name_plural = _("lecciones")

    def get_context(self, request, *args, **kwargs):
        from .. import selectors

        contexto = super().get_context(request, *args, **kwargs)
        contexto.update(selectors.contexto_leccion(leccion=self, usuario=request.user))
        return contexto

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        contexto = self.get_context(request, *args, **kwargs)
        matricula = contexto["matricula"]
        if request.method == "GET" and matricula is not None and matricula.abierta:
            from ..services import registrar_visita

            # Resume where the employee left off.
            registrar_visita(matricula=matricula, leccion=self)
        return TemplateResponse(
            request, self.get_template(request, *args, **kwargs), contexto
        )
