"""Training: course pages in Wagtail, question bank, enrolments, attempts,
assignment rules, certificates and the reminder ledger."""

import secrets
import unicodedata
from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import CuerpoLeccionBlock


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
        from . import selectors

        contexto = super().get_context(request, *args, **kwargs)
        contexto.update(selectors.catalogo(request=request, indice=self))
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
        from . import selectors

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
        from . import selectors

        contexto = super().get_context(request, *args, **kwargs)
        contexto.update(selectors.contexto_leccion(leccion=self, usuario=request.user))
        return contexto

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        contexto = self.get_context(request, *args, **kwargs)
        matricula = contexto["matricula"]
        if request.method == "GET" and matricula is not None and matricula.abierta:
            from .services import registrar_visita

            # Resume where the employee left off.
            registrar_visita(matricula=matricula, leccion=self)
        return TemplateResponse(
            request, self.get_template(request, *args, **kwargs), contexto
        )


# --- Question bank (versioned) --------------------------------------------------------


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

    pregunta = ParentalKey(Pregunta, on_delete=models.CASCADE, related_name="opciones")
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
        Pregunta, on_delete=models.SET_NULL, null=True, related_name="versiones"
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
        PreguntaVersion, on_delete=models.PROTECT, related_name="opciones"
    )
    orden = models.PositiveSmallIntegerField(default=0)
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


# --- Enrolment and progress -----------------------------------------------------------


class Matricula(models.Model):
    class Origen(models.TextChoices):
        PROPIA = "propia", _("Propia")
        ASIGNACION = "asignacion", _("Asignación")
        REGLA = "regla", _("Regla de asignación")
        RECOMENDACION = "recomendacion", _("Recomendación")
        RENOVACION = "renovacion", _("Renovación")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        EN_CURSO = "en_curso", _("En curso")
        COMPLETADA = "completada", _("Completada")
        VENCIDA = "vencida", _("Vencida")
        CADUCADA = "caducada", _("Caducada")

    ABIERTAS = (Estado.PENDIENTE, Estado.EN_CURSO, Estado.VENCIDA)

    empleado = models.ForeignKey(
        "organizacion.Empleado",
        verbose_name=_("empleado/a"),
        on_delete=models.CASCADE,
        related_name="matriculas",
    )
    curso = models.ForeignKey(
        CursoPage,
        verbose_name=_("curso"),
        on_delete=models.PROTECT,
        related_name="matriculas",
    )
    origen = models.CharField(_("origen"), max_length=15, choices=Origen.choices)
    obligatoria = models.BooleanField(_("obligatoria"), default=False)
    plazo = models.DateField(_("fecha límite"), null=True, blank=True)
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE
    )
    asignada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asignada por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    regla = models.ForeignKey(
        "ReglaAsignacion",
        verbose_name=_("regla"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matriculas",
    )
    renovacion_de = models.ForeignKey(
        "self",
        verbose_name=_("renueva"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renovaciones",
    )
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)
    iniciada_en = models.DateTimeField(_("iniciada el"), null=True, blank=True)
    completada_en = models.DateTimeField(_("completada el"), null=True, blank=True)
    caduca_en = models.DateField(_("caduca el"), null=True, blank=True)
    nota = models.DecimalField(
        _("nota"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    ultima_leccion = models.ForeignKey(
        LeccionPage,
        verbose_name=_("última lección vista"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-creada_en"]
        verbose_name = _("matrícula")
        verbose_name_plural = _("matrículas")
        constraints = [
            models.UniqueConstraint(
                fields=["empleado", "curso"],
                condition=Q(estado__in=["pendiente", "en_curso", "vencida"]),
                name="una_matricula_abierta_por_curso",
            ),
            models.CheckConstraint(
                condition=Q(completada_en__isnull=True)
                | Q(estado__in=["completada", "caducada"]),
                name="matricula_completada_coherente",
            ),
        ]
        indexes = [
            models.Index(fields=["empleado", "estado"]),
            models.Index(fields=["curso", "estado"]),
            models.Index(fields=["estado", "plazo"]),
            models.Index(fields=["estado", "caduca_en"]),
            models.Index(fields=["completada_en"]),
        ]

    def __str__(self):
        return f"{self.empleado} · {self.curso.title}"

    @property
    def abierta(self) -> bool:
        return self.estado in self.ABIERTAS

    def vencida_en(self, dia: date | None = None) -> bool:
        dia = dia or timezone.localdate()
        return self.abierta and self.plazo is not None and self.plazo < dia


class ProgresoLeccion(models.Model):
    matricula = models.ForeignKey(
        Matricula, on_delete=models.CASCADE, related_name="progresos"
    )
    leccion = models.ForeignKey(LeccionPage, on_delete=models.CASCADE, related_name="+")
    completada_en = models.DateTimeField(_("completada el"), default=timezone.now)

    class Meta:
        verbose_name = _("lección completada")
        verbose_name_plural = _("lecciones completadas")
        constraints = [
            models.UniqueConstraint(
                fields=["matricula", "leccion"], name="progreso_unico"
            )
        ]

    def __str__(self):
        return f"{self.matricula_id} · {self.leccion_id}"


# --- Quiz attempts --------------------------------------------------------------------


class Intento(models.Model):
    class Estado(models.TextChoices):
        EN_CURSO = "en_curso", _("En curso")
        ENVIADO = "enviado", _("Enviado")

    matricula = models.ForeignKey(
        Matricula, on_delete=models.CASCADE, related_name="intentos"
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
        Intento, on_delete=models.CASCADE, related_name="respuestas"
    )
    version = models.ForeignKey(
        PreguntaVersion, on_delete=models.PROTECT, related_name="+"
    )
    orden = models.PositiveSmallIntegerField()
    opciones_elegidas = models.ManyToManyField(
        OpcionVersion, related_name="+", blank=True
    )
    correcta = models.BooleanField(null=True)

    class Meta:
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


# --- Assignment rules -----------------------------------------------------------------


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

    curso = models.ForeignKey(CursoPage, on_delete=models.CASCADE, related_name="+")
    regla = models.ForeignKey(
        ReglaAsignacion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registros",
    )
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    en = models.DateTimeField(default=timezone.now)
    criterio = models.JSONField(default=dict)
    nuevas = models.PositiveIntegerField(default=0)
    ya_existentes = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-en"]
        verbose_name = _("registro de asignación")
        verbose_name_plural = _("registros de asignación")

    def __str__(self):
        return f"{self.en:%Y-%m-%d %H:%M} · {self.nuevas} nuevas"


# --- Certificates ---------------------------------------------------------------------


ALFABETO_CODIGO = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Letters the alphabet leaves out because they look like digits (Crockford).
_CONFUSIBLES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def nuevo_codigo() -> str:
    """120 random bits in Crockford-like base32 groups: unguessable, easy to type."""
    numero = secrets.randbits(120)
    caracteres = []
    for _i in range(24):
        numero, resto = divmod(numero, 32)
        caracteres.append(ALFABETO_CODIGO[resto])
    texto = "".join(caracteres)
    return "-".join(texto[i : i + 4] for i in range(0, 24, 4))


def normalizar_codigo(texto: str) -> str | None:
    """The code as `nuevo_codigo` writes it, from what a person typed or pasted:
    any case, spaces, no hyphens or typographic dashes, O for 0 and I or L for 1.
    None when it cannot be a code (wrong length or characters)."""
    limpio = "".join(
        c
        for c in unicodedata.normalize("NFKC", texto or "").upper()
        if not (c.isspace() or c == "\u2212" or unicodedata.category(c) == "Pd")
    ).translate(_CONFUSIBLES)
    if len(limpio) != 24 or any(c not in ALFABETO_CODIGO for c in limpio):
        return None
    return "-".join(limpio[i : i + 4] for i in range(0, 24, 4))


def ruta_pdf_certificado(instancia, nombre):
    return f"formacion/certificados/{instancia.emitido_en:%Y}/{instancia.codigo}.pdf"


class Certificado(models.Model):
    class Estado(models.TextChoices):
        EMITIDO = "emitido", _("Emitido")
        REVOCADO = "revocado", _("Revocado")

    codigo = models.CharField(
        _("código seguro de verificación"), max_length=29, unique=True
    )
    matricula = models.ForeignKey(
        Matricula, on_delete=models.PROTECT, related_name="certificados"
    )
    empleado = models.ForeignKey(
        "organizacion.Empleado", on_delete=models.PROTECT, related_name="certificados"
    )
    curso = models.ForeignKey(
        CursoPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificados",
    )
    # Frozen snapshot: what the PDF says, whatever happens later to course or person.
    nombre_persona = models.CharField(_("nombre"), max_length=260)
    identificador_persona = models.CharField(_("identificador"), max_length=30)
    titulo_curso = models.CharField(_("curso"), max_length=255)
    horas = models.DecimalField(_("horas"), max_digits=5, decimal_places=1)
    modalidad = models.CharField(
        _("modalidad"), max_length=12, choices=Modalidad.choices
    )
    tipo = models.CharField(_("tipo"), max_length=16, choices=TipoCertificado.choices)
    nota = models.DecimalField(
        _("calificación"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    fecha_inicio = models.DateField(_("fecha de inicio"))
    fecha_fin = models.DateField(_("fecha de finalización"))
    emitido_en = models.DateTimeField(_("emitido el"), default=timezone.now)
    valido_hasta = models.DateField(_("válido hasta"), null=True, blank=True)
    emisor = models.CharField(_("emisor"), max_length=255)
    pdf = models.FileField(_("PDF"), upload_to=ruta_pdf_certificado, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.EMITIDO
    )
    revocado_en = models.DateTimeField(_("revocado el"), null=True, blank=True)
    revocado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    motivo_revocacion = models.TextField(_("motivo de la revocación"), blank=True)
    sustituye_a = models.OneToOneField(
        "self",
        verbose_name=_("sustituye a"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sustituido_por",
    )

    class Meta:
        ordering = ["-emitido_en"]
        verbose_name = _("certificado")
        verbose_name_plural = _("certificados")
        constraints = [
            models.UniqueConstraint(
                fields=["matricula"],
                condition=Q(estado="emitido"),
                name="un_certificado_vigente_por_matricula",
            ),
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=models.F("fecha_inicio")),
                name="certificado_fechas_ordenadas",
            ),
            models.CheckConstraint(
                condition=Q(estado="emitido") | Q(revocado_en__isnull=False),
                name="certificado_revocado_con_fecha",
            ),
        ]
        indexes = [models.Index(fields=["empleado", "estado"])]

    def __str__(self):
        return f"{self.codigo} · {self.titulo_curso}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("formacion:verificar", args=[self.codigo])

    def situacion(self, dia: date | None = None) -> str:
        """válido, caducado or revocado, as the public page says it."""
        dia = dia or timezone.localdate()
        if self.estado == self.Estado.REVOCADO:
            return "revocado"
        if self.valido_hasta and self.valido_hasta < dia:
            return "caducado"
        return "valido"


# --- Reminders ------------------------------------------------------------------------


class Recordatorio(models.Model):
    """One digest per person, kind and day: the unique constraint is what makes
    running the daily job twice send nothing twice."""

    class Tipo(models.TextChoices):
        PERSONAL = "personal", _("Resumen personal")
        EQUIPO = "equipo", _("Resumen del equipo")

    destinatario = models.ForeignKey(
        "organizacion.Empleado",
        on_delete=models.CASCADE,
        related_name="recordatorios_formacion",
    )
    tipo = models.CharField(max_length=10, choices=Tipo.choices)
    dia = models.DateField()
    enviado_en = models.DateTimeField(default=timezone.now)
    resumen = models.JSONField(default=dict)

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


class FormacionExterna(models.Model):
    """External training recognised with evidence: counts in the hours ledger."""

    empleado = models.ForeignKey(
        "organizacion.Empleado",
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
    evidencia = models.FileField(_("evidencia"), upload_to="formacion/externa/%Y/")
    reconocida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
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
        on_delete=models.CASCADE,
        related_name="expedientes_formativos",
    )
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE
    )
    huella = models.CharField(_("huella del contenido"), max_length=64)
    pdf = models.FileField(_("PDF"), upload_to=ruta_pdf_expediente, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    solicitado_en = models.DateTimeField(_("solicitado el"), default=timezone.now)
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    generado_en = models.DateTimeField(_("generado el"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

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
