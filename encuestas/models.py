"""Citizen surveys: question bank, surveys, attention events, invitations,
anonymous responses, rollups, kiosks, alerts, complaints and API keys.

Anonymity by construction: a response keeps no link to the citizen (no IP, no
contact, time coarsened to the hour) nor to its invitation or attention event:
burning a token cuts the invitation's link to its event and coarsens its times
to the day. Contacts live only until the invitation is sent and are then
replaced by keyed hashes.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Canal, Empleado, Oficina, Servicio

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
        Canal, on_delete=models.PROTECT, related_name="encuestas", null=True, blank=True
    )
    es_quiosco = models.BooleanField(_("para quiosco"), default=False)
    activa = models.BooleanField(_("activa"), default=True)
    items = models.ManyToManyField(
        ItemVersion, through="EncuestaItem", related_name="encuestas"
    )

    class Meta:
        ordering = ["codigo"]
        verbose_name = _("encuesta")
        verbose_name_plural = _("encuestas")

    def __str__(self):
        return self.nombre


class EncuestaItem(models.Model):
    encuesta = models.ForeignKey(
        Encuesta, on_delete=models.CASCADE, related_name="lineas"
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


class IntegracionAPI(models.Model):
    """A client of the API (queue manager, call centre, online office)."""

    nombre = models.CharField(_("nombre"), max_length=120)
    prefijo = models.CharField(_("prefijo de la clave"), max_length=12, unique=True)
    clave_hash = models.CharField(_("hash de la clave"), max_length=64, unique=True)
    oficinas = models.ManyToManyField(Oficina, verbose_name=_("oficinas"), blank=True)
    canales = models.ManyToManyField(Canal, verbose_name=_("canales"), blank=True)
    activa = models.BooleanField(_("activa"), default=True)
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)
    revocada_en = models.DateTimeField(_("revocada el"), null=True, blank=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = _("integración (API)")
        verbose_name_plural = _("integraciones (API)")

    def __str__(self):
        return f"{self.nombre} ({self.prefijo}…)"


class Atencion(models.Model):
    class Resultado(models.TextChoices):
        RESUELTA = "resuelta", _("Resuelta")
        DERIVADA = "derivada", _("Derivada")
        NO_PROCEDE = "no_procede", _("No procede")
        ERROR = "error", _("Error")
        ABANDONADA = "abandonada", _("Abandonada")

    oficina = models.ForeignKey(
        Oficina, on_delete=models.PROTECT, related_name="atenciones"
    )
    canal = models.ForeignKey(
        Canal, on_delete=models.PROTECT, related_name="atenciones"
    )
    servicio = models.ForeignKey(
        Servicio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="atenciones",
    )
    empleado = models.ForeignKey(
        Empleado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="atenciones",
    )
    fecha = models.DateTimeField(_("fecha y hora"))
    referencia_externa = models.CharField(
        _("referencia externa"), max_length=80, blank=True
    )
    integracion = models.ForeignKey(
        IntegracionAPI,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="atenciones",
    )
    resultado = models.CharField(
        _("resultado"),
        max_length=20,
        choices=Resultado.choices,
        default=Resultado.RESUELTA,
    )
    espera_segundos = models.PositiveIntegerField(
        _("espera (s)"), null=True, blank=True
    )
    gestion_segundos = models.PositiveIntegerField(
        _("gestión (s)"), null=True, blank=True
    )
    idioma = models.CharField(_("idioma"), max_length=5, blank=True)
    # An invitation was issued for this event. Once answered, the invitation loses
    # its link to the event (anonymity); this flag alone stops a replay of the same
    # procedure from minting a second one.
    invitada = models.BooleanField(_("invitada"), default=False)
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)

    class Meta:
        ordering = ["-fecha"]
        verbose_name = _("atención")
        verbose_name_plural = _("atenciones")
        indexes = [models.Index(fields=["oficina", "fecha"])]
        constraints = [
            models.UniqueConstraint(
                fields=["integracion", "oficina", "referencia_externa"],
                condition=~Q(referencia_externa="") & Q(integracion__isnull=False),
                name="atencion_referencia_unica_por_integracion",
            ),
            models.UniqueConstraint(
                fields=["oficina", "referencia_externa"],
                condition=~Q(referencia_externa="") & Q(integracion__isnull=True),
                name="atencion_referencia_unica_por_oficina",
            ),
        ]

    def __str__(self):
        return f"{self.oficina_id}/{self.canal_id} {self.fecha:%Y-%m-%d %H:%M}"


class Invitacion(models.Model):
    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente de envío")
        ENVIADA = "enviada", _("Enviada")
        ABIERTA = "abierta", _("Abierta")
        RESPONDIDA = "respondida", _("Respondida")
        ERROR = "error", _("Error de envío")

    class Medio(models.TextChoices):
        QR = "qr", _("Código QR")
        SMS = "sms", _("SMS")
        EMAIL = "email", _("Correo electrónico")
        ENLACE = "enlace", _("Enlace incrustado")
        QUIOSCO = "quiosco", _("Quiosco")

    # Cut (NULL) when the token is burnt: an answered invitation says nothing
    # about which attention it came from.
    atencion = models.OneToOneField(
        Atencion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitacion",
    )
    encuesta = models.ForeignKey(
        Encuesta, on_delete=models.PROTECT, related_name="invitaciones"
    )
    oficina = models.ForeignKey(Oficina, on_delete=models.PROTECT, related_name="+")
    canal = models.ForeignKey(Canal, on_delete=models.PROTECT, related_name="+")
    # Unique through Meta.constraints: a plain unique index, without the
    # varchar_pattern_ops copy Django adds to a unique=True CharField for LIKE.
    # NULL, not "", for kiosk invitations (no token): NULLs never collide.
    token_hash = models.CharField(  # noqa: DJ001
        _("hash del token"), max_length=64, null=True, blank=True
    )
    # Only when the server must re-issue the link (API replays, sending by a
    # worker); blanked when the token is burnt.
    semilla = models.CharField(max_length=32, blank=True)
    medio = models.CharField(_("medio"), max_length=10, choices=Medio.choices)
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE
    )
    # Exact while pending; once answered, the start of their local day (so no
    # timestamp matches the attention's or the response's).
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)
    caduca_en = models.DateTimeField(_("caduca el"))
    abierta_en = models.DateTimeField(_("abierta el"), null=True, blank=True)
    # Raw contact only until the message is sent; then blanked (the hash stays in ContactoHash).
    contacto = models.CharField(_("contacto"), max_length=254, blank=True)
    enviada_en = models.DateTimeField(_("enviada el"), null=True, blank=True)

    class Meta:
        ordering = ["-creada_en"]
        verbose_name = _("invitación")
        verbose_name_plural = _("invitaciones")
        constraints = [
            models.UniqueConstraint(
                fields=["token_hash"], name="invitacion_token_unico"
            )
        ]

    def __str__(self):
        return f"Invitación {self.pk} ({self.get_estado_display()})"

    @property
    def caducada(self) -> bool:
        return timezone.now() >= self.caduca_en


class ContactoHash(models.Model):
    """Keyed hash of a phone/e-mail (key ENCUESTAS_CLAVE_CONTACTO): the fatigue
    rule and opt-out, without the contact. Only the day of the last invitation is
    kept, and only for the fatigue window (`purgar_contactos`); opt-outs stay."""

    hash = models.CharField(max_length=64, unique=True)
    ultima_invitacion_el = models.DateField(
        _("última invitación (día)"), null=True, blank=True
    )
    baja = models.BooleanField(_("no desea invitaciones"), default=False)
    # An opt-out hashed with the old key derived from SECRET_KEY: matched once
    # more by that derivation and rewritten with the new key on the contact's
    # next appearance.
    clave_antigua = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("contacto (hash)")
        verbose_name_plural = _("contactos (hash)")

    def __str__(self):
        return self.hash[:12]


class ReglaMuestreo(models.Model):
    """Share of attention events that get an invitation, per channel and optionally office."""

    canal = models.ForeignKey(Canal, on_delete=models.CASCADE, related_name="+")
    oficina = models.ForeignKey(
        Oficina, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    tasa = models.DecimalField(
        _("tasa de muestreo"), max_digits=4, decimal_places=3, default=1
    )
    caducidad_dias = models.PositiveSmallIntegerField(_("caducidad (días)"), default=7)

    class Meta:
        verbose_name = _("regla de muestreo")
        verbose_name_plural = _("reglas de muestreo")
        constraints = [
            models.UniqueConstraint(fields=["canal", "oficina"], name="muestreo_unico"),
            models.UniqueConstraint(
                fields=["canal"],
                condition=Q(oficina__isnull=True),
                name="muestreo_canal_unico",
            ),
            models.CheckConstraint(
                condition=Q(tasa__gte=0, tasa__lte=1), name="muestreo_tasa_0_1"
            ),
        ]

    def __str__(self):
        return f"{self.canal_id}/{self.oficina_id or '*'}: {self.tasa}"


class Kiosco(models.Model):
    oficina = models.ForeignKey(
        Oficina, on_delete=models.PROTECT, related_name="quioscos"
    )
    canal = models.ForeignKey(Canal, on_delete=models.PROTECT, related_name="+")
    nombre = models.CharField(_("nombre"), max_length=100)
    secreto_hash = models.CharField(max_length=64)
    activo = models.BooleanField(_("activo"), default=True)
    creado_en = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["oficina", "nombre"]
        verbose_name = _("quiosco")
        verbose_name_plural = _("quioscos")

    def __str__(self):
        return self.nombre


class Respuesta(models.Model):
    """One anonymous response: coarse dimensions only, no link to its invitation or
    attention event. One per invitation is enforced when the token is burnt (a
    conditional UPDATE of the invitation in the same transaction as the insert)."""

    encuesta = models.ForeignKey(
        Encuesta, on_delete=models.PROTECT, related_name="respuestas"
    )
    # oficina and empleado lead the (…, fecha) indexes below: no index of their own,
    # one index write less per submit.
    oficina = models.ForeignKey(
        Oficina, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    canal = models.ForeignKey(Canal, on_delete=models.PROTECT, related_name="+")
    servicio = models.ForeignKey(
        Servicio, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept for the per-person aggregates (shown only at n >= the employee minimum);
    # copied from the event when the token is burnt, never a path back to it.
    empleado = models.ForeignKey(
        Empleado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="respuestas_encuesta",
        db_index=False,
    )
    medio = models.CharField(
        _("medio"), max_length=10, choices=Invitacion.Medio.choices
    )
    hora = models.DateTimeField(_("hora (truncada)"))
    fecha = models.DateField(_("fecha"))
    idioma = models.CharField(_("idioma"), max_length=5, default="es")
    reportable = models.BooleanField(_("cuenta en las métricas"), default=True)
    motivo_no_reportable = models.CharField(max_length=40, blank=True)
    comentario = models.TextField(_("comentario (anonimizado)"), blank=True)

    class Meta:
        ordering = ["-hora"]
        verbose_name = _("respuesta")
        verbose_name_plural = _("respuestas")
        indexes = [
            models.Index(fields=["oficina", "fecha"]),
            models.Index(fields=["empleado", "fecha"]),
        ]

    def __str__(self):
        return f"Respuesta {self.pk}"


class RespuestaItem(models.Model):
    # Indexed by the unique (respuesta, codigo) constraint, which it leads.
    respuesta = models.ForeignKey(
        Respuesta, on_delete=models.CASCADE, related_name="valores", db_index=False
    )
    item_version = models.ForeignKey(
        ItemVersion,
        verbose_name=_("versión de la pregunta"),
        on_delete=models.PROTECT,
        related_name="respuestas",
    )
    codigo = models.CharField(max_length=20)
    valor = models.SmallIntegerField(null=True, blank=True)
    texto = models.TextField(blank=True)

    class Meta:
        verbose_name = _("valor de respuesta")
        verbose_name_plural = _("valores de respuesta")
        constraints = [
            models.UniqueConstraint(
                fields=["respuesta", "codigo"], name="respuesta_item_unico"
            )
        ]

    def __str__(self):
        return f"{self.codigo}={self.valor}"


class ResumenPendiente(models.Model):
    """A survey response not yet added to the rollups. A submit only appends a row
    here; `resumenes.consolidar` (Celery beat, every ENCUESTAS_CONSOLIDAR_SEGUNDOS)
    adds a whole batch with one GROUP BY and deletes it, so concurrent submits
    never queue on the hot rollup rows."""

    respuesta = models.OneToOneField(
        Respuesta,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pendiente",
    )
    # The invitation was first opened by this submit (no GET before): the funnel
    # counts it as opened too.
    abierta = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("respuesta pendiente de resumir")
        verbose_name_plural = _("respuestas pendientes de resumir")

    def __str__(self):
        return f"pendiente {self.respuesta_id}"


class ResumenDiario(models.Model):
    """Rollup: how many reportable answers had `valor` for item `codigo` on a day
    and dimension cell. Dimensions are plain ids (0 = none) so the upsert key has
    no NULLs; every results page and indicator reads this table only."""

    fecha = models.DateField()
    oficina_id = models.IntegerField()
    canal_id = models.IntegerField()
    servicio_id = models.IntegerField(default=0)
    empleado_id = models.IntegerField(default=0)
    codigo = models.CharField(max_length=20)
    valor = models.SmallIntegerField()
    # Sharded counter: concurrent responses for the same cell update different
    # rows (chosen at random), so they do not queue on one row lock. Readers sum.
    fragmento = models.SmallIntegerField(default=0)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("resumen diario")
        verbose_name_plural = _("resúmenes diarios")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "fecha",
                    "oficina_id",
                    "canal_id",
                    "servicio_id",
                    "empleado_id",
                    "codigo",
                    "valor",
                    "fragmento",
                ],
                name="resumen_diario_celda_fragmento",
            )
        ]
        indexes = [
            models.Index(fields=["codigo", "fecha", "oficina_id"]),
            models.Index(fields=["empleado_id", "codigo", "fecha"]),
        ]

    def __str__(self):
        return f"{self.fecha} {self.codigo}={self.valor}: {self.n}"


class EmbudoDiario(models.Model):
    """Rollup of invitations: offered, opened, completed per day and cell."""

    fecha = models.DateField()
    oficina_id = models.IntegerField()
    canal_id = models.IntegerField()
    servicio_id = models.IntegerField(default=0)
    ofrecidas = models.IntegerField(default=0)
    abiertas = models.IntegerField(default=0)
    completadas = models.IntegerField(default=0)
    fragmento = models.SmallIntegerField(default=0)

    class Meta:
        verbose_name = _("embudo diario")
        verbose_name_plural = _("embudos diarios")
        constraints = [
            models.UniqueConstraint(
                fields=["fecha", "oficina_id", "canal_id", "servicio_id", "fragmento"],
                name="embudo_diario_celda_fragmento",
            )
        ]
        indexes = [models.Index(fields=["fecha", "oficina_id"])]

    def __str__(self):
        return f"{self.fecha} {self.oficina_id}/{self.canal_id}"


class Alerta(models.Model):
    class Estado(models.TextChoices):
        NUEVA = "nueva", _("Nueva")
        EN_CURSO = "en_curso", _("En curso")
        CONTACTADO = "contactado", _("Contactado")
        CERRADA = "cerrada", _("Cerrada")

    respuesta = models.OneToOneField(
        Respuesta, on_delete=models.CASCADE, related_name="alerta"
    )
    oficina = models.ForeignKey(
        Oficina, on_delete=models.PROTECT, related_name="alertas_encuesta"
    )
    responsable = models.ForeignKey(
        Empleado,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alertas_encuesta",
    )
    estado = models.CharField(
        _("estado"), max_length=12, choices=Estado.choices, default=Estado.NUEVA
    )
    plazo = models.DateTimeField(_("plazo"))
    contacto = models.CharField(_("contacto"), max_length=254, blank=True)
    puntuacion = models.SmallIntegerField(_("puntuación"))
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now)
    cerrada_en = models.DateTimeField(_("cerrada el"), null=True, blank=True)

    class Meta:
        ordering = ["estado", "plazo"]
        verbose_name = _("alerta")
        verbose_name_plural = _("alertas")
        indexes = [models.Index(fields=["oficina", "estado"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(estado="cerrada") | Q(contacto=""),
                name="alerta_cerrada_sin_contacto",
            )
        ]

    def __str__(self):
        return f"Alerta {self.pk} ({self.estado})"

    @property
    def vencida(self) -> bool:
        return self.estado != self.Estado.CERRADA and timezone.now() > self.plazo


class NotaAlerta(models.Model):
    alerta = models.ForeignKey(Alerta, on_delete=models.CASCADE, related_name="notas")
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    texto = models.TextField(_("nota"), max_length=2000)
    estado = models.CharField(max_length=12, choices=Alerta.Estado.choices)
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["creada_en"]

    def __str__(self):
        return self.texto[:40]


class Queja(models.Model):
    """A comment routed to «quejas y sugerencias» with a receipt number."""

    numero = models.CharField(_("número de recibo"), max_length=20, unique=True)
    respuesta = models.OneToOneField(
        Respuesta, on_delete=models.PROTECT, related_name="queja"
    )
    oficina = models.ForeignKey(Oficina, on_delete=models.PROTECT, related_name="+")
    texto = models.TextField(_("texto (anonimizado)"))
    remitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creada_en = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-creada_en"]
        verbose_name = _("queja o sugerencia")
        verbose_name_plural = _("quejas y sugerencias")

    def __str__(self):
        return self.numero
