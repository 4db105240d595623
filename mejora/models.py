"""Continuous improvement: quality models, indicators, targets, cartas de servicios,
self-assessments, improvement actions and the report.

Quality models and indicators are data (loaded by a data migration), never code.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from organizacion.models import Empleado, Oficina


class Ambito(models.TextChoices):
    ORGANIZACION = "organizacion", _("Organización")
    OFICINA = "oficina", _("Oficina")
    CANAL = "canal", _("Canal")


def clave_ambito(ambito: str, oficina_id: int | None = None, canal: str = "") -> str:
    """One string per scope, so uniqueness holds without nullable columns."""
    if ambito == Ambito.OFICINA:
        return f"oficina:{oficina_id}"
    if ambito == Ambito.CANAL:
        return f"canal:{canal}"
    return "organizacion"


# --- Quality models ---------------------------------------------------------


class ModeloCalidad(models.Model):
    class Reglas(models.TextChoices):
        PESOS = "pesos", _("Puntos del criterio × porcentaje (EFQM)")
        MEDIAS = "medias", _("Media de los subcriterios (CAF)")

    codigo = models.CharField(_("código"), max_length=20)
    nombre = models.CharField(_("nombre"), max_length=120)
    version = models.CharField(_("versión"), max_length=20)
    reglas = models.CharField(
        _("reglas de puntuación"), max_length=10, choices=Reglas.choices
    )
    puntos_totales = models.PositiveIntegerField(_("puntos totales"), default=100)
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("modelo de calidad")
        verbose_name_plural = _("modelos de calidad")
        ordering = ["codigo", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["codigo", "version"], name="modelo_codigo_version_unico"
            )
        ]

    def __str__(self):
        return f"{self.nombre} ({self.version})"


class Criterio(models.Model):
    class Tipo(models.TextChoices):
        AGENTE = "agente", _("Agente facilitador")
        RESULTADO = "resultado", _("Resultado")

    modelo = models.ForeignKey(
        ModeloCalidad, on_delete=models.CASCADE, related_name="criterios"
    )
    identificador = models.CharField(_("identificador"), max_length=10)
    titulo = models.CharField(_("título"), max_length=200)
    bloque = models.CharField(_("bloque"), max_length=60, blank=True)
    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    puntos = models.PositiveIntegerField(_("puntos"), null=True, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("criterio")
        verbose_name_plural = _("criterios")
        ordering = ["modelo", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["modelo", "identificador"], name="criterio_unico"
            )
        ]

    def __str__(self):
        return f"{self.modelo.codigo} {self.identificador} {self.titulo}"


class Subcriterio(models.Model):
    """A CAF subcriterion or an EFQM part (results criteria have one part each)."""

    criterio = models.ForeignKey(
        Criterio, on_delete=models.CASCADE, related_name="subcriterios"
    )
    identificador = models.CharField(_("identificador"), max_length=10)
    titulo = models.CharField(_("título"), max_length=250)
    puntos = models.PositiveIntegerField(_("puntos"), null=True, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("subcriterio o parte")
        verbose_name_plural = _("subcriterios o partes")
        ordering = ["criterio__modelo", "criterio__orden", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterio", "identificador"], name="subcriterio_unico"
            )
        ]

    def __str__(self):
        return f"{self.identificador} {self.titulo}"


class PanelPuntuacion(models.Model):
    """A row of a scoring panel: PDCA (CAF) or the RADAR scale (EFQM)."""

    modelo = models.ForeignKey(
        ModeloCalidad, on_delete=models.CASCADE, related_name="paneles"
    )
    tipo = models.CharField(_("tipo"), max_length=10, choices=Criterio.Tipo.choices)
    atributo = models.CharField(_("atributo"), max_length=80, blank=True)
    desde = models.PositiveSmallIntegerField(_("desde"))
    hasta = models.PositiveSmallIntegerField(_("hasta"))
    etiqueta = models.CharField(_("etiqueta"), max_length=200)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("panel de puntuación")
        verbose_name_plural = _("paneles de puntuación")
        ordering = ["modelo", "tipo", "atributo", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["modelo", "tipo", "atributo", "desde"], name="panel_unico"
            )
        ]

    def __str__(self):
        return f"{self.desde}–{self.hasta} {self.etiqueta}"


# --- Indicators and targets -------------------------------------------------


class Indicador(models.Model):
    class Direccion(models.TextChoices):
        MAYOR = "mayor", _("Mejor cuanto más alto")
        MENOR = "menor", _("Mejor cuanto más bajo")

    class Fuente(models.TextChoices):
        ENCUESTAS = "encuestas", _("Encuestas")
        FORMACION = "formacion", _("Formación")
        EVALUACION = "evaluacion", _("Evaluación")
        MANUAL = "manual", _("Manual")

    codigo = models.SlugField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    descripcion = models.TextField(_("fórmula y descripción"), blank=True)
    unidad = models.CharField(_("unidad"), max_length=20, default="%")
    direccion = models.CharField(
        _("dirección"), max_length=5, choices=Direccion.choices, default=Direccion.MAYOR
    )
    fuente = models.CharField(_("fuente"), max_length=12, choices=Fuente.choices)
    selector = models.CharField(_("selector registrado"), max_length=60, blank=True)
    parametros = models.JSONField(_("parámetros"), default=dict, blank=True)
    n_minimo = models.PositiveIntegerField(
        _("muestra mínima"),
        default=10,
        help_text=_(
            "Por debajo de este número de observaciones el valor "
            "se marca como muestra insuficiente."
        ),
    )
    por_canal = models.BooleanField(_("se segmenta por canal"), default=True)
    criterios = models.ManyToManyField(Criterio, blank=True, related_name="indicadores")
    subcriterios = models.ManyToManyField(
        Subcriterio, blank=True, related_name="indicadores"
    )
    clave = models.BooleanField(_("indicador clave del cuadro de mando"), default=False)
    activo = models.BooleanField(_("activo"), default=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")
        ordering = ["orden", "codigo"]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("mejora:indicador", args=[self.codigo])


class MetaIndicador(models.Model):
    """A target for an indicator in a year (or one of its quarters) and a scope."""

    indicador = models.ForeignKey(
        Indicador, on_delete=models.CASCADE, related_name="metas"
    )
    anio = models.PositiveSmallIntegerField(_("año"))
    trimestre = models.PositiveSmallIntegerField(
        _("trimestre"),
        default=0,
        validators=[MaxValueValidator(4)],
        help_text=_("0: la meta vale para todo el año."),
    )
    ambito = models.CharField(
        _("ámbito"), max_length=12, choices=Ambito.choices, default=Ambito.ORGANIZACION
    )
    oficina = models.ForeignKey(
        Oficina, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    ambito_clave = models.CharField(max_length=40, editable=False)
    objetivo = models.FloatField(_("objetivo"))
    umbral = models.FloatField(
        _("umbral"),
        null=True,
        blank=True,
        help_text=_(
            "Límite de la zona de aviso: entre el umbral y el objetivo "
            "el semáforo está en ámbar."
        ),
    )

    class Meta:
        verbose_name = _("meta")
        verbose_name_plural = _("metas")
        ordering = ["indicador", "anio", "trimestre"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "anio", "trimestre", "ambito_clave"],
                name="meta_unica",
            )
        ]

    def __str__(self):
        return f"{self.indicador.codigo} {self.anio} {self.objetivo}"

    def save(self, *args, **kwargs):
        self.ambito_clave = clave_ambito(self.ambito, self.oficina_id, self.canal)
        super().save(*args, **kwargs)


class ValorManual(models.Model):
    indicador = models.ForeignKey(
        Indicador, on_delete=models.CASCADE, related_name="valores_manuales"
    )
    periodo = models.CharField(
        _("periodo"), max_length=10, help_text="2026-Q3 o 2026-09"
    )
    ambito = models.CharField(
        _("ámbito"), max_length=12, choices=Ambito.choices, default=Ambito.ORGANIZACION
    )
    oficina = models.ForeignKey(
        Oficina, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    ambito_clave = models.CharField(max_length=40, editable=False)
    valor = models.FloatField(_("valor"))
    n = models.PositiveIntegerField(_("observaciones"), default=1)
    nota = models.CharField(_("nota"), max_length=250, blank=True)
    introducido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    introducido_en = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("valor manual")
        verbose_name_plural = _("valores manuales")
        ordering = ["indicador", "periodo"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "periodo", "ambito_clave"],
                name="valor_manual_unico",
            )
        ]

    def __str__(self):
        return f"{self.indicador_id} {self.periodo} {self.ambito_clave}: {self.valor}"

    def save(self, *args, **kwargs):
        self.ambito_clave = clave_ambito(self.ambito, self.oficina_id, self.canal)
        super().save(*args, **kwargs)


class ValorIndicador(models.Model):
    """The rollup the dashboard and the report read: one row per indicator,
    period and scope, recomputed by a Celery task from the source selectors."""

    indicador = models.ForeignKey(
        Indicador, on_delete=models.CASCADE, related_name="valores"
    )
    periodo = models.CharField(_("periodo"), max_length=10)
    desde = models.DateField()
    hasta = models.DateField()
    ambito = models.CharField(max_length=12, choices=Ambito.choices)
    oficina = models.ForeignKey(
        Oficina, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    canal = models.CharField(max_length=20, blank=True)
    ambito_clave = models.CharField(max_length=40)
    valor = models.FloatField(null=True)
    n = models.PositiveIntegerField(default=0)
    ic_inf = models.FloatField(null=True)
    ic_sup = models.FloatField(null=True)
    fuente_disponible = models.BooleanField(default=True)
    calculado_en = models.DateTimeField()

    class Meta:
        verbose_name = _("valor de indicador")
        verbose_name_plural = _("valores de indicadores")
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "periodo", "ambito_clave"],
                name="valor_indicador_unico",
            )
        ]
        indexes = [models.Index(fields=["periodo", "ambito", "indicador"])]

    def __str__(self):
        return f"{self.indicador_id} {self.periodo} {self.ambito_clave}: {self.valor}"


# --- Findings, improvement plan ---------------------------------------------


class Hallazgo(models.Model):
    """A strength or an area for improvement, from the data or by hand."""

    class Tipo(models.TextChoices):
        FORTALEZA = "fortaleza", _("Punto fuerte")
        AREA = "area", _("Área de mejora")

    class Estado(models.TextChoices):
        PROPUESTO = "propuesto", _("Propuesto")
        ACEPTADO = "aceptado", _("Aceptado")
        DESCARTADO = "descartado", _("Descartado")

    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices)
    texto = models.TextField(_("descripción"))
    periodo = models.CharField(_("periodo"), max_length=10)
    indicador = models.ForeignKey(
        Indicador,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hallazgos",
    )
    criterio = models.ForeignKey(
        Criterio, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ambito_clave = models.CharField(max_length=40, default="organizacion")
    automatico = models.BooleanField(
        _("propuesto a partir de los datos"), default=False
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.PROPUESTO
    )
    editado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("punto fuerte o área de mejora")
        verbose_name_plural = _("puntos fuertes y áreas de mejora")
        ordering = ["periodo", "tipo", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["periodo", "tipo", "indicador", "ambito_clave"],
                condition=models.Q(automatico=True),
                name="hallazgo_automatico_unico",
            )
        ]

    def __str__(self):
        return self.texto[:80]


class PlanMejora(models.Model):
    nombre = models.CharField(_("nombre"), max_length=200)
    anio = models.PositiveSmallIntegerField(_("año"))
    plan_anterior = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan anterior"),
    )

    class Meta:
        verbose_name = _("plan de mejora")
        verbose_name_plural = _("planes de mejora")
        ordering = ["-anio", "nombre"]

    def __str__(self):
        return self.nombre


class AccionMejora(models.Model):
    class Estado(models.TextChoices):
        PLANIFICAR = "planificar", _("Planificar")
        HACER = "hacer", _("Hacer")
        VERIFICAR = "verificar", _("Verificar")
        ACTUAR = "actuar", _("Actuar")
        CERRADA = "cerrada", _("Cerrada")
        CANCELADA = "cancelada", _("Cancelada")

    plan = models.ForeignKey(
        PlanMejora, on_delete=models.CASCADE, related_name="acciones"
    )
    titulo = models.CharField(_("acción"), max_length=250)
    area = models.ForeignKey(
        Hallazgo,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acciones",
        verbose_name=_("área de mejora"),
        limit_choices_to={"tipo": Hallazgo.Tipo.AREA},
    )
    indicador = models.ForeignKey(
        Indicador,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acciones",
    )
    criterio = models.ForeignKey(
        Criterio, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    causa_raiz = models.TextField(_("causa raíz"), blank=True)
    responsable = models.ForeignKey(
        Empleado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsable"),
    )
    responsable_usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsable (usuario)"),
    )
    fecha_inicio = models.DateField(_("inicio"))
    fecha_fin = models.DateField(_("fecha límite"))
    recursos = models.TextField(_("recursos"), blank=True)
    impacto = models.PositiveSmallIntegerField(
        _("impacto (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    viabilidad = models.PositiveSmallIntegerField(
        _("viabilidad (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    estado = models.CharField(
        _("estado PDCA"),
        max_length=12,
        choices=Estado.choices,
        default=Estado.PLANIFICAR,
    )
    progreso = models.PositiveSmallIntegerField(
        _("progreso %"), default=0, validators=[MaxValueValidator(100)]
    )
    notas = models.TextField(_("notas"), blank=True)
    fecha_verificacion = models.DateField(
        _("fecha de verificación"), null=True, blank=True
    )
    periodo_antes = models.CharField(
        _("periodo de referencia (antes)"), max_length=10, blank=True
    )
    periodo_despues = models.CharField(
        _("periodo de medida (después)"), max_length=10, blank=True
    )
    recordatorio_enviado = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("acción de mejora")
        verbose_name_plural = _("acciones de mejora")
        ordering = ["plan", "-impacto", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(impacto__gte=1, impacto__lte=5),
                name="accion_impacto_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(viabilidad__gte=1, viabilidad__lte=5),
                name="accion_viabilidad_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(progreso__lte=100), name="accion_progreso_100"
            ),
        ]

    def __str__(self):
        return self.titulo

    @property
    def prioridad(self) -> int:
        return self.impacto * self.viabilidad

    @property
    def abierta(self) -> bool:
        return self.estado not in (self.Estado.CERRADA, self.Estado.CANCELADA)


# --- Cartas de servicios ----------------------------------------------------


class CartaServicios(models.Model):
    codigo = models.SlugField(_("código"), max_length=60, unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    servicio = models.ForeignKey(
        "organizacion.Servicio",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    oficina = models.ForeignKey(
        Oficina,
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
        CartaServicios, on_delete=models.CASCADE, related_name="compromisos"
    )
    texto = models.CharField(_("compromiso"), max_length=300)
    indicador = models.ForeignKey(
        Indicador, on_delete=models.PROTECT, related_name="compromisos"
    )
    objetivo = models.FloatField(_("objetivo"))
    umbral = models.FloatField(_("umbral"), null=True, blank=True)
    frecuencia = models.CharField(
        _("frecuencia de medida"), max_length=40, default=_("Trimestral")
    )
    orden = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["carta", "orden", "pk"]

    def __str__(self):
        return self.texto


class SeguimientoCompromiso(models.Model):
    """Cause of a missed commitment in a period and the actions taken."""

    compromiso = models.ForeignKey(
        Compromiso, on_delete=models.CASCADE, related_name="seguimientos"
    )
    periodo = models.CharField(_("periodo"), max_length=10)
    causa = models.TextField(_("causa"), blank=True)
    acciones = models.ManyToManyField(
        AccionMejora, blank=True, related_name="seguimientos"
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

    def get_context(self, request, *args, **kwargs):
        from .selectors import cumplimiento_carta

        contexto = super().get_context(request, *args, **kwargs)
        contexto["cumplimiento"] = cumplimiento_carta(self.carta)
        return contexto


# --- Self-assessment --------------------------------------------------------


class Autoevaluacion(models.Model):
    class Estado(models.TextChoices):
        ABIERTA = "abierta", _("Abierta a puntuaciones")
        CONSENSO = "consenso", _("En consenso")
        CERRADA = "cerrada", _("Cerrada")

    modelo = models.ForeignKey(
        ModeloCalidad, on_delete=models.PROTECT, related_name="autoevaluaciones"
    )
    titulo = models.CharField(_("título"), max_length=200)
    periodo = models.CharField(_("periodo"), max_length=10)
    ambito = models.CharField(
        _("ámbito"), max_length=12, choices=Ambito.choices, default=Ambito.ORGANIZACION
    )
    oficina = models.ForeignKey(
        Oficina, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    miembros = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="autoevaluaciones_mejora", blank=True
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.ABIERTA
    )
    creada_en = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("autoevaluación")
        verbose_name_plural = _("autoevaluaciones")
        ordering = ["-periodo", "pk"]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self):
        return reverse("mejora:autoevaluacion", args=[self.pk])


class PuntuacionIndividual(models.Model):
    autoevaluacion = models.ForeignKey(
        Autoevaluacion, on_delete=models.CASCADE, related_name="puntuaciones"
    )
    subcriterio = models.ForeignKey(
        Subcriterio, on_delete=models.CASCADE, related_name="+"
    )
    miembro = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    puntuacion = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    comentario = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["autoevaluacion", "subcriterio", "miembro"],
                name="puntuacion_individual_unica",
            ),
            models.CheckConstraint(
                condition=models.Q(puntuacion__lte=100),
                name="puntuacion_individual_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.subcriterio_id}: {self.puntuacion}"


class PuntuacionFinal(models.Model):
    autoevaluacion = models.ForeignKey(
        Autoevaluacion, on_delete=models.CASCADE, related_name="finales"
    )
    subcriterio = models.ForeignKey(
        Subcriterio, on_delete=models.CASCADE, related_name="+"
    )
    puntuacion = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    evidencias = models.TextField(_("evidencias"), blank=True)
    puntos_fuertes = models.TextField(_("puntos fuertes"), blank=True)
    areas_mejora = models.TextField(_("áreas de mejora"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["autoevaluacion", "subcriterio"], name="puntuacion_final_unica"
            ),
            models.CheckConstraint(
                condition=models.Q(puntuacion__lte=100), name="puntuacion_final_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.subcriterio_id}: {self.puntuacion}"


# --- The report -------------------------------------------------------------


def _ruta_informe(instancia, nombre):
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
    ambito = models.CharField(
        _("ámbito"), max_length=12, choices=Ambito.choices, default=Ambito.ORGANIZACION
    )
    oficina = models.ForeignKey(
        Oficina, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    canal = models.CharField(_("canal"), max_length=20, blank=True)
    ambito_clave = models.CharField(max_length=40, editable=False)
    modelo = models.ForeignKey(
        ModeloCalidad, on_delete=models.PROTECT, related_name="+"
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    progreso = models.PositiveSmallIntegerField(_("progreso %"), default=0)
    etapa = models.CharField(_("etapa"), max_length=120, blank=True)
    datos = models.JSONField(default=dict, blank=True, editable=False)
    archivo = models.FileField(upload_to=_ruta_informe, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    solicitado_en = models.DateTimeField(null=True, blank=True)
    generado_en = models.DateTimeField(null=True, blank=True)
    fecha_emision = models.DateField(null=True, blank=True)
    aprobado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aprobado_en = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)

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
