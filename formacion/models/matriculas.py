"""Enrolments and lesson progress."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cursos import CursoPage, LeccionPage


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
        Matricula,
        verbose_name=_("matrícula"),
        on_delete=models.CASCADE,
        related_name="progresos",
    )
    leccion = models.ForeignKey(
        LeccionPage,
        verbose_name=_("lección"),
        on_delete=models.CASCADE,
        related_name="+",
    )
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
