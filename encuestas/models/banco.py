"""The question bank (items and their versioned wording) and the surveys."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Canal

IDIOMAS = ("es", "ca", "eu", "gl", "en")


class EstadoTraduccion(models.TextChoices):
    """A translation's review state; an empty text is shown as «Falta»."""

    BORRADOR = "borrador", _("Borrador")
    REVISADA = "revisada", _("Revisada")


class Item(models.Model):
    """A question's stable identity; its wording lives in ItemVersion."""

    codigo = models.CharField(_("código"), max_length=20, unique=True)
    descripcion = models.CharField(_("descripción"), max_length=200, blank=True)
    activo = models.BooleanField(_("activo"), default=True)

    class Meta:
        ordering = ["codigo"]
        verbose_name = _("pregunta")
        verbose_name_plural = _("banco de preguntas")

    def __str__(self):
        return self.codigo

    def version_vigente(self):
        return self.versiones.order_by("-version").first()


class ItemVersion(models.Model):
    class Tipo(models.TextChoices):
        ESCALA_1_5 = "escala_1_5", _("Escala 1–5")
        ESCALA_0_10 = "escala_0_10", _("Escala 0–10")
        ESCALA_1_7 = "escala_1_7", _("Escala 1–7")
        SI_NO = "si_no", _("Sí / no")
        PULGAR = "pulgar", _("Pulgar arriba / abajo")
        CARAS = "caras", _("Cuatro caras")
        ELECCION = "eleccion", _("Elección")
        TEXTO = "texto", _("Texto libre")
        CONTACTO = "contacto", _("Sí / no con dato de contacto")

    class Servqual(models.TextChoices):
        FIABILIDAD = "fiabilidad", _("Fiabilidad")
        CAPACIDAD = "capacidad_respuesta", _("Capacidad de respuesta")
        SEGURIDAD = "seguridad", _("Seguridad / profesionalidad")
        EMPATIA = "empatia", _("Empatía")
        TANGIBLES = "tangibles", _("Elementos tangibles")

    class Metrica(models.TextChoices):
        CSAT = "csat", _("CSAT")
        # xgettext:no-python-format
        ACUERDO = "acuerdo", _("% de acuerdo")
        CES = "ces", _("CES")
        NPS = "nps", _("NPS")
        COMENTARIO = "comentario", _("Comentario")
        CONTACTO = "contacto", _("Contacto")
        MOTIVO = "motivo", _("Motivo")

    item = models.ForeignKey(
        Item,
        verbose_name=_("pregunta"),
        on_delete=models.PROTECT,
        related_name="versiones",
    )
    version = models.PositiveIntegerField(_("versión"))
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    # {"es": "...", "ca": "...", ...}; the same shape for choice labels per option.
    textos = models.JSONField(_("textos"), default=dict)
    # {"es": "revisada", "gl": "revisada", "eu": "pendiente", ...}
    estado_traduccion = models.JSONField(_("estado de la traducción"), default=dict)
    opciones = models.JSONField(_("opciones"), default=list, blank=True)
    driver = models.CharField(_("driver"), max_length=40, blank=True)
    servqual = models.CharField(
        _("dimensión SERVQUAL"), max_length=30, choices=Servqual.choices, blank=True
    )
    metrica = models.CharField(
        _("métrica"), max_length=20, choices=Metrica.choices, blank=True
    )
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)

    class Meta:
        ordering = ["item", "-version"]
        verbose_name = _("versión de pregunta")
        verbose_name_plural = _("versiones de preguntas")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "version"], name="item_version_unica"
            )
        ]

    def __str__(self):
        return f"{self.item.codigo} v{self.version}"

    @property
    def escala(self) -> tuple[int, int] | None:
        return {
            self.Tipo.ESCALA_1_5: (1, 5),
            self.Tipo.ESCALA_0_10: (0, 10),
            self.Tipo.ESCALA_1_7: (1, 7),
            self.Tipo.SI_NO: (0, 1),
            self.Tipo.PULGAR: (0, 1),
            self.Tipo.CARAS: (1, 4),
            self.Tipo.CONTACTO: (0, 1),
        }.get(self.tipo) or (
            (0, len(self.opciones) - 1) if self.tipo == self.Tipo.ELECCION else None
        )

    def texto(self, idioma: str) -> str:
        return self.textos.get(idioma) or self.textos.get("es", "")

    def clean(self):
        errores = {}
        if not (self.textos or {}).get("es"):
            errores["textos"] = _("El texto en castellano es obligatorio.")
        tipos = TIPOS_POR_METRICA.get(self.metrica)
        if tipos and self.tipo not in tipos:
            # The results compute each metric on a fixed scale (CSAT: 4 or 5 of 5;
            # NPS: 0–10): another type would publish a wrong figure.
            errores["metrica"] = _(
                "La métrica «%(metrica)s» necesita una pregunta de tipo %(tipos)s."
            ) % {
                "metrica": self.get_metrica_display(),
                "tipos": " o ".join(str(self.Tipo(t).label) for t in tipos),
            }
        if self.tipo == self.Tipo.ELECCION:
            if len(self.opciones or []) < 2 or not all(
                isinstance(o, dict) and o.get("es") for o in self.opciones
            ):
                errores["opciones"] = _(
                    "Una pregunta de elección necesita al menos dos opciones, "
                    "cada una con su texto en castellano."
                )
        elif self.opciones:
            errores["opciones"] = _("Este tipo de pregunta no lleva opciones.")
        if errores:
            raise ValidationError(errores)

    def estado_en(self, idioma: str) -> str:
        """«falta», «borrador» or «revisada»: what the editor and the list show."""
        if not (self.textos or {}).get(idioma):
            return "falta"
        return (self.estado_traduccion or {}).get(idioma) or EstadoTraduccion.BORRADOR

    @property
    def respondida(self) -> bool:
        return self.respuestas.exists()


# The metrics the results compute, and the only type each is computed on.
TIPOS_POR_METRICA = {
    ItemVersion.Metrica.CSAT: (ItemVersion.Tipo.ESCALA_1_5,),
    ItemVersion.Metrica.ACUERDO: (ItemVersion.Tipo.ESCALA_1_5,),
    ItemVersion.Metrica.CES: (ItemVersion.Tipo.ESCALA_1_7,),
    ItemVersion.Metrica.NPS: (ItemVersion.Tipo.ESCALA_0_10,),
    ItemVersion.Metrica.COMENTARIO: (ItemVersion.Tipo.TEXTO,),
    ItemVersion.Metrica.CONTACTO: (ItemVersion.Tipo.CONTACTO,),
    ItemVersion.Metrica.MOTIVO: (ItemVersion.Tipo.ELECCION,),
}


class Encuesta(models.Model):
    codigo = models.SlugField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre"), max_length=150)
    canal = models.ForeignKey(
        Canal,
        verbose_name=_("canal"),
        on_delete=models.PROTECT,
        related_name="encuestas",
        null=True,
        blank=True,
    )
    es_quiosco = models.BooleanField(_("para quiosco"), default=False)
    activa = models.BooleanField(_("activa"), default=True)
    items = models.ManyToManyField(
        ItemVersion,
        verbose_name=_("preguntas"),
        through="EncuestaItem",
        related_name="encuestas",
    )

    class Meta:
        ordering = ["codigo"]
        verbose_name = _("encuesta")
        verbose_name_plural = _("encuestas")

    def __str__(self):
        return self.nombre


class EncuestaItem(models.Model):
    encuesta = models.ForeignKey(
        Encuesta,
        verbose_name=_("encuesta"),
        on_delete=models.CASCADE,
        related_name="lineas",
    )
    item_version = models.ForeignKey(
        ItemVersion,
        verbose_name=_("versión de la pregunta"),
        on_delete=models.PROTECT,
        related_name="lineas",
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    obligatorio = models.BooleanField(_("obligatoria"), default=False)
    # Only shown after a low SAT score (the server decides: the CONTACTO question).
    solo_tras_puntuacion_baja = models.BooleanField(
        _("solo tras una puntuación baja"), default=False
    )

    class Meta:
        ordering = ["encuesta", "orden"]
        verbose_name = _("pregunta de la encuesta")
        verbose_name_plural = _("preguntas de la encuesta")
        constraints = [
            models.UniqueConstraint(
                fields=["encuesta", "item_version"], name="encuesta_item_unico"
            )
        ]

    def __str__(self):
        return f"{self.encuesta_id}#{self.orden} {self.item_version_id}"
