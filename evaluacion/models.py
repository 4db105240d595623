"""Competency evaluation: campaigns, evaluations, scores, their audit trail and
the holiday calendar used for appeal deadlines."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comun.ficheros import RutaPrivada, almacen_privado
from organizacion.models import (
    Competencia,
    Empleado,
    MarcoCompetencial,
    Oficina,
    Puesto,
)
from organizacion.provincias import PROVINCIA_CHOICES

from .calendario import CCAA_DE_PROVINCIA

NIVEL_VALIDADORES = [MinValueValidator(1), MaxValueValidator(10)]


class Festivo(models.Model):
    """A holiday that the `holidays` library does not know (or a local one)."""

    class Ambito(models.TextChoices):
        NACIONAL = "nacional", _("Nacional")
        AUTONOMICO = "autonomico", _("Autonómico (comunidad autónoma)")
        PROVINCIAL = "provincial", _("Provincial")
        LOCAL = "local", _("Local (municipio)")

    fecha = models.DateField(_("fecha"), db_index=True)
    nombre = models.CharField(_("nombre"), max_length=150)
    ambito = models.CharField(_("ámbito"), max_length=12, choices=Ambito.choices)
    comunidad = models.CharField(
        _("comunidad autónoma"),
        max_length=2,
        blank=True,
        choices=sorted({(v, v) for v in CCAA_DE_PROVINCIA.values()}),
        help_text=_("Código ISO 3166-2:ES sin prefijo (MD, AN, VC...)."),
    )
    provincia = models.CharField(
        _("provincia"), max_length=2, blank=True, choices=PROVINCIA_CHOICES
    )
    municipio = models.CharField(_("municipio"), max_length=120, blank=True)

    class Meta:
        ordering = ["fecha"]
        verbose_name = _("festivo")
        verbose_name_plural = _("festivos")

    def __str__(self):
        return f"{self.fecha:%d/%m/%Y} {self.nombre}"

    def clean(self):
        faltan = {
            self.Ambito.AUTONOMICO: ["comunidad"],
            self.Ambito.PROVINCIAL: ["provincia"],
            self.Ambito.LOCAL: ["provincia", "municipio"],
        }.get(self.ambito, [])
        errores = {
            c: _("Obligatorio para este ámbito.")
            for c in faltan
            if not getattr(self, c)
        }
        if errores:
            raise ValidationError(errores)


class Campana(models.Model):
    class Periodicidad(models.TextChoices):
        TRIMESTRAL = "trimestral", _("Trimestral")
        SEMESTRAL = "semestral", _("Semestral")
        ANUAL = "anual", _("Anual")

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        ABIERTA = "abierta", _("Abierta")
        EN_CIERRE = "en_cierre", _("En cierre")
        CERRADA = "cerrada", _("Cerrada")

    nombre = models.CharField(_("nombre"), max_length=150, unique=True)
    marco = models.ForeignKey(
        MarcoCompetencial,
        verbose_name=_("versión del marco competencial"),
        on_delete=models.PROTECT,
        related_name="campanas",
    )
    periodo_inicio = models.DateField(_("inicio del periodo evaluado"))
    periodo_fin = models.DateField(_("fin del periodo evaluado"))
    periodicidad = models.CharField(
        _("periodicidad"),
        max_length=10,
        choices=Periodicidad.choices,
        default=Periodicidad.ANUAL,
    )
    oficinas = models.ManyToManyField(
        Oficina,
        verbose_name=_("oficinas"),
        blank=True,
        related_name="+",
        help_text=_("Vacío: todas las oficinas."),
    )
    puestos = models.ManyToManyField(
        Puesto,
        verbose_name=_("puestos"),
        blank=True,
        related_name="+",
        help_text=_("Vacío: todos los puestos."),
    )
    fecha_apertura = models.DateField(
        _("se abre el"), help_text=_("La tarea programada la abre ese día.")
    )
    autoevaluacion_hasta = models.DateField(
        _("autoevaluación hasta"), null=True, blank=True
    )
    evaluacion_hasta = models.DateField(_("evaluación por supervisión hasta"))
    entrevista_hasta = models.DateField(_("entrevista hasta"), null=True, blank=True)
    dias_alegaciones = models.PositiveSmallIntegerField(
        _("plazo de alegaciones (días hábiles)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    con_autoevaluacion = models.BooleanField(_("con autoevaluación"), default=True)
    peso_autoevaluacion = models.PositiveSmallIntegerField(
        _("peso de la autoevaluación (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("0: la autoevaluación se muestra pero no cuenta."),
    )
    media_minima = models.DecimalField(
        _("regla: índice mínimo"), max_digits=3, decimal_places=1, default=3
    )
    minimo_por_competencia = models.PositiveSmallIntegerField(
        _("regla: ninguna competencia por debajo de"), default=2
    )
    estado = models.CharField(
        _("estado"),
        max_length=10,
        choices=Estado.choices,
        default=Estado.BORRADOR,
        db_index=True,
    )
    abierta_en = models.DateTimeField(
        _("abierta el"), null=True, blank=True, editable=False
    )
    cerrada_en = models.DateTimeField(
        _("cerrada el"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-periodo_fin", "nombre"]
        verbose_name = _("campaña de evaluación")
        verbose_name_plural = _("campañas de evaluación")
        constraints = [
            models.CheckConstraint(
                condition=Q(periodo_fin__gte=models.F("periodo_inicio")),
                name="campana_periodo_ordenado",
            ),
            models.CheckConstraint(
                condition=Q(peso_autoevaluacion__lte=100), name="campana_peso_hasta_100"
            ),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self):
        return reverse("evaluacion:campana", args=[self.pk])

    def clean(self):
        errores = {}
        if (
            self.periodo_inicio
            and self.periodo_fin
            and self.periodo_fin < self.periodo_inicio
        ):
            errores["periodo_fin"] = _(
                "El fin del periodo no puede ser anterior al inicio."
            )
        if (
            self.fecha_apertura
            and self.evaluacion_hasta
            and self.evaluacion_hasta < self.fecha_apertura
        ):
            errores["evaluacion_hasta"] = _(
                "La evaluación no puede terminar antes de abrirse."
            )
        if self.con_autoevaluacion and not self.autoevaluacion_hasta:
            errores["autoevaluacion_hasta"] = _(
                "Indique hasta cuándo se puede autoevaluar."
            )
        if (
            self.autoevaluacion_hasta
            and self.evaluacion_hasta
            and self.autoevaluacion_hasta > self.evaluacion_hasta
        ):
            errores["autoevaluacion_hasta"] = _(
                "La autoevaluación debe terminar antes que la evaluación por supervisión."
            )
        if errores:
            raise ValidationError(errores)


class Evaluacion(models.Model):
    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        AUTOEVALUACION = "autoevaluacion", _("En autoevaluación")
        EN_EVALUACION = "en_evaluacion", _("En evaluación")
        ENVIADA = "enviada", _("Enviada")
        RECONOCIDA = "reconocida", _("Recibida")
        ALEGADA = "alegada", _("Alegada")
        REVISADA = "revisada", _("Revisada")
        CERRADA = "cerrada", _("Cerrada")

    class Decision(models.TextChoices):
        ESTIMADA = "estimada", _("Alegación estimada")
        PARCIAL = "parcial", _("Alegación estimada en parte")
        DESESTIMADA = "desestimada", _("Alegación desestimada")

    campana = models.ForeignKey(
        Campana,
        verbose_name=_("campaña"),
        on_delete=models.PROTECT,
        related_name="evaluaciones",
    )
    empleado = models.ForeignKey(
        Empleado,
        verbose_name=_("persona evaluada"),
        on_delete=models.PROTECT,
        related_name="evaluaciones",
    )
    evaluador = models.ForeignKey(
        Empleado,
        verbose_name=_("evaluador/a"),
        on_delete=models.PROTECT,
        related_name="evaluaciones_a_cargo",
    )
    revisor = models.ForeignKey(
        Empleado,
        verbose_name=_("revisor/a de alegaciones"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluaciones_a_revisar",
    )
    # Snapshots at opening: results keep the office and job of the period.
    oficina = models.ForeignKey(
        Oficina, verbose_name=_("oficina"), on_delete=models.PROTECT, related_name="+"
    )
    puesto = models.ForeignKey(
        Puesto, verbose_name=_("puesto"), on_delete=models.PROTECT, related_name="+"
    )
    estado = models.CharField(
        _("estado"),
        max_length=15,
        choices=Estado.choices,
        default=Estado.PENDIENTE,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("versión"), default=1)
    creada_en = models.DateTimeField(_("creada el"), auto_now_add=True)
    modificada_en = models.DateTimeField(_("modificada el"), auto_now=True)
    enviada_en = models.DateTimeField(_("enviada el"), null=True, blank=True)
    plazo_alegaciones = models.DateField(_("alegaciones hasta"), null=True, blank=True)
    reconocida_en = models.DateTimeField(_("recibida el"), null=True, blank=True)
    alegada_en = models.DateTimeField(_("alegada el"), null=True, blank=True)
    revisada_en = models.DateTimeField(_("revisada el"), null=True, blank=True)
    cerrada_en = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    comentario_evaluador = models.TextField(
        _("comentario de la supervisión"), blank=True
    )
    comentario_empleado = models.TextField(
        _("comentario de la persona evaluada"), blank=True
    )
    alegacion = models.TextField(_("alegación"), blank=True)
    decision = models.CharField(
        _("decisión"), max_length=12, choices=Decision.choices, blank=True
    )
    motivos_decision = models.TextField(_("motivos de la decisión"), blank=True)
    indice = models.DecimalField(
        _("índice global"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    supera_estandar = models.BooleanField(_("cumple la regla"), null=True, blank=True)
    pdf = models.FileField(
        _("PDF"),
        upload_to=RutaPrivada("evaluacion"),
        storage=almacen_privado,
        blank=True,
    )
    pdf_version = models.PositiveIntegerField(
        _("versión del PDF"), default=0, editable=False
    )

    class Meta:
        ordering = ["campana", "empleado__apellidos", "empleado__nombre"]
        verbose_name = _("evaluación")
        verbose_name_plural = _("evaluaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["campana", "empleado"],
                name="una_evaluacion_por_persona_y_campana",
            ),
            models.CheckConstraint(
                condition=~Q(evaluador=models.F("empleado")),
                name="nadie_se_evalua_a_si_mismo",
            ),
        ]
        indexes = [
            models.Index(fields=["campana", "evaluador", "estado"]),
            models.Index(fields=["campana", "oficina"]),
            models.Index(fields=["revisor", "estado"]),
        ]

    def __str__(self):
        return f"{self.campana} · {self.empleado}"

    def save(self, *args, **kwargs):
        # Closed means immutable, whoever calls save() (admin, shell, a bug).
        if getattr(self, "_estado_en_bd", None) == self.Estado.CERRADA:
            raise ValidationError(_("Una evaluación cerrada no se puede modificar."))
        super().save(*args, **kwargs)
        self._estado_en_bd = self.estado

    def get_absolute_url(self):
        return reverse("evaluacion:evaluacion", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instancia = super().from_db(db, field_names, values)
        instancia._estado_en_bd = instancia.__dict__.get("estado")
        return instancia

    @property
    def enviada(self) -> bool:
        return self.estado in ESTADOS_ENVIADA

    @property
    def cerrada(self) -> bool:
        return self.estado == self.Estado.CERRADA

    def en_plazo_de_alegar(self, hoy: date | None = None) -> bool:
        """Sent or received, and the appeal deadline (its last day included) not
        over: receiving is not agreeing, so it does not end the right to appeal."""
        hoy = hoy or timezone.localdate()
        return (
            self.estado in (self.Estado.ENVIADA, self.Estado.RECONOCIDA)
            and self.plazo_alegaciones is not None
            and hoy <= self.plazo_alegaciones
        )


ESTADOS_ENVIADA = (
    Evaluacion.Estado.ENVIADA,
    Evaluacion.Estado.RECONOCIDA,
    Evaluacion.Estado.ALEGADA,
    Evaluacion.Estado.REVISADA,
    Evaluacion.Estado.CERRADA,
)
ESTADOS_SIN_ENVIAR = (
    Evaluacion.Estado.PENDIENTE,
    Evaluacion.Estado.AUTOEVALUACION,
    Evaluacion.Estado.EN_EVALUACION,
)


class Puntuacion(models.Model):
    evaluacion = models.ForeignKey(
        Evaluacion,
        verbose_name=_("evaluación"),
        on_delete=models.CASCADE,
        related_name="puntuaciones",
    )
    competencia = models.ForeignKey(
        Competencia,
        verbose_name=_("competencia"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    nivel_requerido = models.PositiveSmallIntegerField(
        _("nivel requerido"), null=True, blank=True, validators=NIVEL_VALIDADORES
    )
    nivel = models.PositiveSmallIntegerField(
        _("nivel (supervisión)"), null=True, blank=True, validators=NIVEL_VALIDADORES
    )
    autoevaluacion = models.PositiveSmallIntegerField(
        _("autoevaluación"), null=True, blank=True, validators=NIVEL_VALIDADORES
    )
    evidencia = models.TextField(_("evidencias"), blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["evaluacion", "orden"]
        verbose_name = _("puntuación")
        verbose_name_plural = _("puntuaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluacion", "competencia"],
                name="una_puntuacion_por_competencia",
            ),
            models.CheckConstraint(
                condition=Q(nivel__isnull=True) | Q(nivel__gte=1, nivel__lte=10),
                name="puntuacion_nivel_en_escala",
            ),
            models.CheckConstraint(
                condition=Q(autoevaluacion__isnull=True)
                | Q(autoevaluacion__gte=1, autoevaluacion__lte=10),
                name="puntuacion_autoevaluacion_en_escala",
            ),
        ]
        indexes = [models.Index(fields=["competencia", "nivel"])]

    def __str__(self):
        return f"{self.evaluacion} · {self.competencia.codigo}"

    def save(self, *args, **kwargs):
        if (
            self.evaluacion_id
            and Evaluacion.objects.filter(
                pk=self.evaluacion_id, estado=Evaluacion.Estado.CERRADA
            ).exists()
        ):
            raise ValidationError(_("Una evaluación cerrada no se puede modificar."))
        super().save(*args, **kwargs)


class AuditoriaEvaluacion(models.Model):
    """Who changed what and when: before and after of every change of an evaluation."""

    evaluacion = models.ForeignKey(
        Evaluacion,
        verbose_name=_("evaluación"),
        on_delete=models.CASCADE,
        related_name="auditoria",
    )
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    momento = models.DateTimeField(_("momento"), auto_now_add=True, db_index=True)
    accion = models.CharField(_("acción"), max_length=60)
    antes = models.JSONField(_("antes"), default=dict, blank=True)
    despues = models.JSONField(_("después"), default=dict, blank=True)

    class Meta:
        ordering = ["evaluacion", "momento", "pk"]
        verbose_name = _("registro de auditoría")
        verbose_name_plural = _("auditoría de evaluaciones")

    def __str__(self):
        return f"{self.momento:%d/%m/%Y %H:%M} {self.accion}"


class RecordatorioEvaluador(models.Model):
    """One reminder per late evaluator and day; the unique row makes it idempotent."""

    evaluador = models.ForeignKey(
        Empleado,
        verbose_name=_("evaluador/a"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    fecha = models.DateField(_("fecha"))
    pendientes = models.PositiveIntegerField(_("evaluaciones pendientes"), default=0)

    class Meta:
        verbose_name = _("recordatorio a evaluador/a")
        verbose_name_plural = _("recordatorios a evaluadores")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluador", "fecha"], name="un_recordatorio_al_dia"
            )
        ]

    def __str__(self):
        return f"{self.evaluador} · {self.fecha}"


class RecomendacionCurso(models.Model):
    """A course assigned from a gap of an evaluation (through formacion.matricular):
    lets the next campaign tell whether training closed the gap."""

    evaluacion = models.ForeignKey(
        Evaluacion,
        verbose_name=_("evaluación"),
        on_delete=models.CASCADE,
        related_name="recomendaciones",
    )
    competencia = models.ForeignKey(
        Competencia,
        verbose_name=_("competencia"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    curso = models.ForeignKey(
        "formacion.CursoPage",
        verbose_name=_("curso"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    matricula = models.ForeignKey(
        "formacion.Matricula",
        verbose_name=_("matrícula"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    asignada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asignada por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    creada_en = models.DateTimeField(_("asignada el"), auto_now_add=True)

    class Meta:
        verbose_name = _("curso recomendado")
        verbose_name_plural = _("cursos recomendados")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluacion", "competencia", "curso"],
                name="recomendacion_unica",
            )
        ]

    def __str__(self):
        return f"{self.evaluacion} · {self.competencia.codigo} · {self.curso}"
