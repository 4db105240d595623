"""Certificates and their verification codes."""

import secrets
import unicodedata
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comun.ficheros import RutaPrivada, almacen_privado

from .cursos import CursoPage, Modalidad, TipoCertificado
from .matriculas import Matricula

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
    # Only 0001_initial names it: new files go to private storage (RutaPrivada).
    return f"formacion/certificados/{instancia.emitido_en:%Y}/{instancia.codigo}.pdf"


class Certificado(models.Model):
    class Estado(models.TextChoices):
        EMITIDO = "emitido", _("Emitido")
        REVOCADO = "revocado", _("Revocado")

    codigo = models.CharField(
        _("código seguro de verificación"), max_length=29, unique=True
    )
    matricula = models.ForeignKey(
        Matricula,
        verbose_name=_("matrícula"),
        on_delete=models.PROTECT,
        related_name="certificados",
    )
    empleado = models.ForeignKey(
        "organizacion.Empleado",
        verbose_name=_("empleado/a"),
        on_delete=models.PROTECT,
        related_name="certificados",
    )
    curso = models.ForeignKey(
        CursoPage,
        verbose_name=_("curso"),
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
    pdf = models.FileField(
        _("PDF"),
        upload_to=RutaPrivada("formacion/certificados"),
        storage=almacen_privado,
        blank=True,
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # Written while a worker renders the PDF, and when it is queued again
    # (comun.latido): a PDF still missing with an old beat was interrupted.
    latido = models.DateTimeField(_("último latido del PDF"), null=True, blank=True)
    estado = models.CharField(
        _("estado"), max_length=10, choices=Estado.choices, default=Estado.EMITIDO
    )
    revocado_en = models.DateTimeField(_("revocado el"), null=True, blank=True)
    revocado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revocado por"),
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
