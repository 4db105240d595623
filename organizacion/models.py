"""The shared vocabulary of Ventanilla: channels, offices, services, job
profiles, employees and the competency dictionary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .provincias import PROVINCIA_CHOICES, PROVINCIAS
from .validators import normalizar_dir3, validar_dir3, validar_sia


class Rol(models.TextChoices):
    """Roles are Django groups with these names (created by a data migration)."""

    EMPLEADO = "empleado", _("Empleado/a")
    SUPERVISOR = "supervisor", _("Supervisor/a")
    DIRECCION = "direccion", _("Dirección")
    CALIDAD = "calidad", _("Calidad")
    # Data-protection officer (RGPD art. 37): reads the register of processing
    # activities and the access log; exports a person's data only to answer
    # their request (organizacion.views.exportar_datos).
    DPD = "dpd", _("Delegado/a de protección de datos")


class Canal(models.Model):
    class Codigo(models.TextChoices):
        PRESENCIAL = "presencial", _("Presencial")
        TELEFONICO = "telefonico", _("Telefónico")
        TELEMATICO = "telematico", _("Telemático")

    codigo = models.CharField(
        _("código"), max_length=20, choices=Codigo.choices, unique=True
    )
    nombre = models.CharField(_("nombre"), max_length=60)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["orden", "codigo"]
        verbose_name = _("canal")
        verbose_name_plural = _("canales")

    def __str__(self):
        return self.nombre


class OficinaQuerySet(models.QuerySet):
    def activas(self):
        return self.filter(activa=True)


class Oficina(models.Model):
    codigo_dir3 = models.CharField(
        _("código DIR3"), max_length=9, unique=True, validators=[validar_dir3]
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    provincia = models.CharField(
        _("provincia"), max_length=2, choices=PROVINCIA_CHOICES
    )
    municipio = models.CharField(_("municipio"), max_length=120)
    direccion_postal = models.CharField(
        _("dirección postal"), max_length=250, blank=True
    )
    canales = models.ManyToManyField(
        Canal, verbose_name=_("canales atendidos"), related_name="oficinas", blank=True
    )
    unidad_superior = models.ForeignKey(
        "self",
        verbose_name=_("unidad superior"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="unidades",
    )
    responsable = models.ForeignKey(
        "Empleado",
        verbose_name=_("responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oficinas_a_cargo",
    )
    activa = models.BooleanField(_("activa"), default=True, db_index=True)

    objects = OficinaQuerySet.as_manager()

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("oficina")
        verbose_name_plural = _("oficinas")
        indexes = [models.Index(fields=["provincia", "activa"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(unidad_superior=models.F("pk")),
                name="oficina_no_es_su_propia_superior",
            )
        ]

    def __str__(self):
        return f"{self.nombre} ({self.codigo_dir3})"

    def save(self, *args, **kwargs):
        self.codigo_dir3 = normalizar_dir3(self.codigo_dir3)
        super().save(*args, **kwargs)

    @property
    def nombre_provincia(self) -> str:
        return PROVINCIAS.get(self.provincia, "")

    def clean(self):
        self.codigo_dir3 = normalizar_dir3(self.codigo_dir3)
        superior, vistos = self.unidad_superior, set()
        while superior is not None and superior.pk not in vistos:
            if self.pk and superior.pk == self.pk:
                raise ValidationError(
                    {"unidad_superior": _("Una oficina no puede depender de sí misma.")}
                )
            vistos.add(superior.pk)
            superior = superior.unidad_superior


class Servicio(models.Model):
    """A procedure citizens come for (empadronamiento, registro, cita previa...)."""

    codigo = models.SlugField(_("código"), max_length=60, unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    descripcion = models.TextField(_("descripción"), blank=True)
    codigo_sia = models.CharField(
        _("código SIA"), max_length=7, blank=True, validators=[validar_sia]
    )
    canales = models.ManyToManyField(
        Canal,
        verbose_name=_("canales en que se presta"),
        related_name="servicios",
        blank=True,
    )
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("servicio")
        verbose_name_plural = _("servicios")
        constraints = [
            models.UniqueConstraint(
                fields=["codigo_sia"],
                condition=~Q(codigo_sia=""),
                name="servicio_sia_unico",
            )
        ]

    def __str__(self):
        return self.nombre


class Competencia(models.Model):
    """A competency's stable identity. Its wording per version lives in
    `CompetenciaMarco`, so closed evaluations keep what they were scored against."""

    codigo = models.CharField(_("código"), max_length=10, unique=True)
    nombre = models.CharField(_("nombre"), max_length=150)
    canales = models.ManyToManyField(
        Canal,
        verbose_name=_("canales a los que se aplica"),
        blank=True,
        help_text=_("Vacío: todos los canales."),
    )
    fuentes_evidencia = models.JSONField(
        _("fuentes de evidencia"), default=list, blank=True
    )
    drivers_encuesta = models.JSONField(
        _("drivers de encuesta relacionados"), default=list, blank=True
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["orden", "codigo"]
        verbose_name = _("competencia")
        verbose_name_plural = _("competencias")

    def __str__(self):
        return f"{self.codigo} {self.nombre}"


class MarcoCompetencial(models.Model):
    """A version of the competency framework: scale, competencies and descriptors.

    Frozen (`congelado_en`) once a campaign uses it; editing then means a new version.
    """

    nombre = models.CharField(_("nombre"), max_length=150)
    version = models.PositiveIntegerField(_("versión"))
    vigente = models.BooleanField(_("vigente"), default=False)
    congelado_en = models.DateTimeField(_("congelado el"), null=True, blank=True)
    creado_en = models.DateTimeField(_("creado el"), auto_now_add=True)

    class Meta:
        ordering = ["nombre", "-version"]
        verbose_name = _("marco competencial")
        verbose_name_plural = _("marcos competenciales")
        constraints = [
            models.UniqueConstraint(
                fields=["nombre", "version"], name="marco_version_unica"
            ),
            models.UniqueConstraint(
                fields=["vigente"],
                condition=Q(vigente=True),
                name="un_solo_marco_vigente",
            ),
        ]

    def __str__(self):
        return f"{self.nombre} v{self.version}"

    @property
    def congelado(self) -> bool:
        return self.congelado_en is not None

    @property
    def nivel_minimo(self) -> int:
        return min(n.valor for n in self.niveles.all())

    @property
    def nivel_maximo(self) -> int:
        return max(n.valor for n in self.niveles.all())


class NivelEscala(models.Model):
    marco = models.ForeignKey(
        MarcoCompetencial,
        verbose_name=_("marco competencial"),
        on_delete=models.CASCADE,
        related_name="niveles",
    )
    valor = models.PositiveSmallIntegerField(
        _("valor"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    etiqueta = models.CharField(_("etiqueta"), max_length=60)
    es_estandar = models.BooleanField(_("nivel estándar esperado"), default=False)

    class Meta:
        ordering = ["marco", "valor"]
        verbose_name = _("nivel de la escala")
        verbose_name_plural = _("niveles de la escala")
        constraints = [
            models.UniqueConstraint(
                fields=["marco", "valor"], name="nivel_escala_unico"
            ),
            models.CheckConstraint(
                condition=Q(valor__gte=1, valor__lte=10),
                name="nivel_escala_entre_1_y_10",
            ),
        ]

    def __str__(self):
        return f"{self.valor} {self.etiqueta}"


class CompetenciaMarco(models.Model):
    """The wording of one competency in one framework version."""

    marco = models.ForeignKey(
        MarcoCompetencial,
        verbose_name=_("marco competencial"),
        on_delete=models.CASCADE,
        related_name="competencias",
    )
    competencia = models.ForeignKey(
        Competencia,
        verbose_name=_("competencia"),
        on_delete=models.PROTECT,
        related_name="versiones",
    )
    nombre = models.CharField(_("nombre"), max_length=150)
    definicion = models.TextField(_("definición"), blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        ordering = ["marco", "orden"]
        verbose_name = _("competencia en el marco")
        verbose_name_plural = _("competencias en el marco")
        constraints = [
            models.UniqueConstraint(
                fields=["marco", "competencia"], name="competencia_una_vez_por_marco"
            )
        ]

    def __str__(self):
        return f"{self.competencia.codigo} {self.nombre}"


class DescriptorNivel(models.Model):
    competencia_marco = models.ForeignKey(
        CompetenciaMarco,
        verbose_name=_("competencia en el marco"),
        on_delete=models.CASCADE,
        related_name="descriptores",
    )
    nivel = models.PositiveSmallIntegerField(
        _("nivel"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    descriptor = models.TextField(_("descriptor de conducta"))

    class Meta:
        ordering = ["competencia_marco", "nivel"]
        verbose_name = _("descriptor de nivel")
        verbose_name_plural = _("descriptores de nivel")
        constraints = [
            models.UniqueConstraint(
                fields=["competencia_marco", "nivel"], name="descriptor_unico_por_nivel"
            ),
            models.CheckConstraint(
                condition=Q(nivel__gte=1, nivel__lte=10),
                name="descriptor_nivel_entre_1_y_10",
            ),
        ]

    def __str__(self):
        return f"{self.competencia_marco} · {self.nivel}"


class Puesto(models.Model):
    """A job profile, with the level it requires in each competency."""

    codigo = models.SlugField(_("código"), max_length=60, unique=True)
    nombre = models.CharField(_("nombre"), max_length=150)
    descripcion = models.TextField(_("descripción"), blank=True)
    competencias = models.ManyToManyField(
        Competencia, through="NivelRequerido", verbose_name=_("competencias requeridas")
    )

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("puesto")
        verbose_name_plural = _("puestos")

    def __str__(self):
        return self.nombre


class NivelRequerido(models.Model):
    puesto = models.ForeignKey(
        Puesto,
        verbose_name=_("puesto"),
        on_delete=models.CASCADE,
        related_name="niveles_requeridos",
    )
    competencia = models.ForeignKey(
        Competencia,
        verbose_name=_("competencia"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    nivel = models.PositiveSmallIntegerField(
        _("nivel requerido"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        ordering = ["puesto", "competencia__orden"]
        verbose_name = _("nivel requerido")
        verbose_name_plural = _("niveles requeridos")
        constraints = [
            models.UniqueConstraint(
                fields=["puesto", "competencia"], name="nivel_requerido_unico"
            ),
            models.CheckConstraint(
                condition=Q(nivel__gte=1, nivel__lte=10),
                name="nivel_requerido_entre_1_y_10",
            ),
        ]

    def __str__(self):
        return f"{self.puesto} · {self.competencia.codigo} ≥ {self.nivel}"


# The staff languages, each named in itself (settings.IDIOMAS_PERSONAL).
IDIOMAS_PERSONAL = [
    (codigo, nombre)
    for codigo, nombre in settings.LANGUAGES
    if codigo in settings.IDIOMAS_PERSONAL
]


class EmpleadoQuerySet(models.QuerySet):
    def activos(self, en=None):
        dia = en or timezone.localdate()
        return self.filter(fecha_alta__lte=dia).filter(
            Q(fecha_baja__isnull=True) | Q(fecha_baja__gte=dia)
        )


class Empleado(models.Model):
    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        on_delete=models.CASCADE,
        related_name="empleado",
    )
    identificador = models.CharField(
        _("identificador"),
        max_length=30,
        unique=True,
        help_text=_("Número de registro de personal u otro identificador estable."),
    )
    nombre = models.CharField(_("nombre"), max_length=100)
    apellidos = models.CharField(_("apellidos"), max_length=150)
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.PROTECT,
        related_name="empleados",
    )
    puesto = models.ForeignKey(
        Puesto,
        verbose_name=_("puesto"),
        on_delete=models.PROTECT,
        related_name="empleados",
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("supervisor/a"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinados",
    )
    canales = models.ManyToManyField(
        Canal,
        verbose_name=_("canales que atiende"),
        related_name="empleados",
        blank=True,
    )
    fecha_alta = models.DateField(_("fecha de alta"), default=timezone.localdate)
    fecha_baja = models.DateField(_("fecha de baja"), null=True, blank=True)
    bienvenida_enviada_en = models.DateTimeField(
        _("bienvenida enviada el"), null=True, blank=True, editable=False
    )
    # Pages, e-mails and PDFs addressed to this person; empty: the browser's.
    idioma = models.CharField(
        _("idioma"),
        max_length=2,
        choices=IDIOMAS_PERSONAL,
        blank=True,
        default="",
        help_text=_("Idioma de las páginas, los correos y los PDF de esta persona."),
    )

    objects = EmpleadoQuerySet.as_manager()

    class Meta:
        ordering = ["apellidos", "nombre"]
        verbose_name = _("empleado/a")
        verbose_name_plural = _("empleados/as")
        indexes = [
            models.Index(fields=["oficina", "fecha_baja"]),
            models.Index(fields=["puesto"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("pk")), name="empleado_no_se_supervisa"
            ),
            models.CheckConstraint(
                condition=Q(fecha_baja__isnull=True)
                | Q(fecha_baja__gte=models.F("fecha_alta")),
                name="empleado_baja_posterior_al_alta",
            ),
        ]

    def __str__(self):
        return self.nombre_completo

    def get_absolute_url(self):
        return reverse("organizacion:empleado", args=[self.pk])

    @property
    def nombre_completo(self) -> str:
        return f"{self.nombre} {self.apellidos}".strip()

    @property
    def activo(self) -> bool:
        hoy = timezone.localdate()
        return self.fecha_alta <= hoy and (
            self.fecha_baja is None or self.fecha_baja >= hoy
        )

    def clean(self):
        errores = {}
        if self.fecha_baja and self.fecha_alta and self.fecha_baja < self.fecha_alta:
            errores["fecha_baja"] = _("La baja no puede ser anterior al alta.")
        if self.supervisor_id and self.pk:
            if self.supervisor_id == self.pk:
                errores["supervisor"] = _("Nadie puede ser su propio supervisor.")
            else:
                from .selectors import cadena_de_mando

                if self.pk in {e for e in cadena_de_mando(self.supervisor_id)}:
                    errores["supervisor"] = _(
                        "%(supervisor)s depende de %(empleado)s: la jerarquía tendría un ciclo."
                    ) % {"supervisor": self.supervisor, "empleado": self}
        if errores:
            raise ValidationError(errores)


def _almacen_privado():
    from django.core.files.storage import storages

    return storages["privado"]


class Importacion(models.Model):
    """A staff file being imported by a Celery task: the upload (in private
    storage until the task ends), the progress, and the report it left."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("En cola")
        PROCESANDO = "procesando", _("Importándose")
        TERMINADA = "terminada", _("Terminada")

    nombre = models.CharField(_("fichero"), max_length=255)
    tipo = models.CharField(_("tipo"), max_length=12, default="auto")
    simular = models.BooleanField(_("simulación"), default=False)
    fichero = models.FileField(
        _("fichero importado"),
        upload_to="importaciones/%Y/%m/",
        storage=_almacen_privado,
        blank=True,
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE
    )
    progreso = models.PositiveSmallIntegerField(_("progreso %"), default=0)
    etapa = models.CharField(_("etapa"), max_length=120, blank=True)
    # Written every few seconds while a worker imports (comun.latido).
    latido = models.DateTimeField(_("último latido"), null=True, blank=True)
    informe = models.JSONField(_("informe"), default=dict, blank=True)
    por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("solicitada por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    solicitada_en = models.DateTimeField(_("solicitada el"), default=timezone.now)
    terminada_en = models.DateTimeField(_("terminada el"), null=True, blank=True)

    class Meta:
        verbose_name = _("importación")
        verbose_name_plural = _("importaciones")
        ordering = ["-solicitada_en", "-pk"]

    def __str__(self):
        return f"{self.nombre} · {self.get_estado_display()}"
