"""Cartas de servicios: commitments, their follow-up and the public Wagtail pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from organizacion.models import Oficina

from .indicadores import Indicador
from .plan import AccionMejora


class CartaServicios(models.Model):
    codigo = models.SlugField(_("código"), max_length=60, unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    servicio = models.ForeignKey(
        "organizacion.Servicio",
        verbose_name=_("servicio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vacío: la carta abarca toda la organización."),
    )
    responsable = models.CharField(_("unidad responsable"), max_length=200, blank=True)
    vigente_desde = models.DateField(_("vigente desde"))
    vigente_hasta = models.DateField(_("vigente hasta"), null=True, blank=True)

    class Meta:
        verbose_name = _("carta de servicios")
        verbose_name_plural = _("cartas de servicios")
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre


class Compromiso(models.Model):
    carta = models.ForeignKey(
        CartaServicios,
        verbose_name=_("carta de servicios"),
        on_delete=models.CASCADE,
        related_name="compromisos",
    )
    texto = models.CharField(_("compromiso"), max_length=300)
    indicador = models.ForeignKey(
        Indicador,
        verbose_name=_("indicador"),
        on_delete=models.PROTECT,
        related_name="compromisos",
    )
    objetivo = models.FloatField(_("objetivo"))
    umbral = models.FloatField(_("umbral"), null=True, blank=True)
    frecuencia = models.CharField(
        _("frecuencia de medida"), max_length=40, default=_("Trimestral")
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["carta", "orden", "pk"]

    def __str__(self):
        return self.texto


class SeguimientoCompromiso(models.Model):
    """Cause of a missed commitment in a period and the actions taken."""

    compromiso = models.ForeignKey(
        Compromiso,
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="seguimientos",
    )
    periodo = models.CharField(_("periodo"), max_length=10)
    causa = models.TextField(_("causa"), blank=True)
    acciones = models.ManyToManyField(
        AccionMejora,
        verbose_name=_("acciones de mejora"),
        blank=True,
        related_name="seguimientos",
    )

    class Meta:
        verbose_name = _("seguimiento de compromiso")
        verbose_name_plural = _("seguimientos de compromisos")
        constraints = [
            models.UniqueConstraint(
                fields=["compromiso", "periodo"], name="seguimiento_unico"
            )
        ]

    def __str__(self):
        return f"{self.compromiso_id} {self.periodo}"


class CartasIndexPage(Page):
    introduccion = RichTextField(_("introducción"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduccion")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["mejora.CartaServiciosPage"]
    max_count = 1

    class Meta:
        verbose_name = _("índice de cartas de servicios")
        verbose_name_plural = _("índices de cartas de servicios")

    def get_context(self, request, *args, **kwargs):
        contexto = super().get_context(request, *args, **kwargs)
        contexto["cartas"] = (
            CartaServiciosPage.objects.child_of(self)
            .live()
            .specific()
            .order_by("title")
        )
        return contexto


class CartaServiciosPage(Page):
    carta = models.ForeignKey(
        CartaServicios,
        on_delete=models.PROTECT,
        related_name="paginas",
        verbose_name=_("carta"),
    )
    introduccion = RichTextField(_("introducción"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("carta"),
        FieldPanel("introduccion"),
    ]
    parent_page_types = ["mejora.CartasIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("página de carta de servicios")
        verbose_name_plural = _("páginas de cartas de servicios")

    def get_context(self, request, *args, **kwargs):
        from mejora.selectors import cumplimiento_carta

        contexto = super().get_context(request, *args, **kwargs)
        contexto["cumplimiento"] = cumplimiento_carta(self.carta)
        return contexto
