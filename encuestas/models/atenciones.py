"""Attention events, their invitations and what produces them: API clients,
sampling rules, kiosks; contacts only as keyed hashes."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Canal, Empleado, Oficina, Servicio

from .banco import Encuesta


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
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.PROTECT,
        related_name="atenciones",
    )
    canal = models.ForeignKey(
        Canal,
        verbose_name=_("canal"),
        on_delete=models.PROTECT,
        related_name="atenciones",
    )
    servicio = models.ForeignKey(
        Servicio,
        verbose_name=_("servicio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="atenciones",
    )
    empleado = models.ForeignKey(
        Empleado,
        verbose_name=_("empleado/a"),
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
        verbose_name=_("integración"),
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
        verbose_name=_("atención"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitacion",
    )
    encuesta = models.ForeignKey(
        Encuesta,
        verbose_name=_("encuesta"),
        on_delete=models.PROTECT,
        related_name="invitaciones",
    )
    oficina = models.ForeignKey(
        Oficina, verbose_name=_("oficina"), on_delete=models.PROTECT, related_name="+"
    )
    canal = models.ForeignKey(
        Canal, verbose_name=_("canal"), on_delete=models.PROTECT, related_name="+"
    )
    # Unique through Meta.constraints: a plain unique index, without the
    # varchar_pattern_ops copy Django adds to a unique=True CharField for LIKE.
    # NULL, not "", for kiosk invitations (no token): NULLs never collide.
    token_hash = models.CharField(  # noqa: DJ001
        _("hash del token"), max_length=64, null=True, blank=True
    )
    # Only when the server must re-issue the link (API replays, sending by a
    # worker); blanked when the token is burnt.
    semilla = models.CharField(_("semilla del enlace"), max_length=32, blank=True)
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

    hash = models.CharField(_("hash del contacto"), max_length=64, unique=True)
    ultima_invitacion_el = models.DateField(
        _("última invitación (día)"), null=True, blank=True
    )
    baja = models.BooleanField(_("no desea invitaciones"), default=False)
    # An opt-out hashed with the old key derived from SECRET_KEY: matched once
    # more by that derivation and rewritten with the new key on the contact's
    # next appearance.
    clave_antigua = models.BooleanField(_("con la clave antigua"), default=False)
    # HMAC of the random token in the unsubscribe link of the last invitation
    # sent to this contact (/e/b/<token>/). It leads to this row only: never to
    # an invitation, an attention or a response.
    baja_token_hash = models.CharField(  # noqa: DJ001
        _("hash del enlace de baja"),
        max_length=64,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("contacto (hash)")
        verbose_name_plural = _("contactos (hash)")
        constraints = [
            models.UniqueConstraint(
                fields=["baja_token_hash"], name="contacto_baja_token_unico"
            )
        ]

    def __str__(self):
        return self.hash[:12]


class ReglaMuestreo(models.Model):
    """Share of attention events that get an invitation, per channel and optionally office."""

    canal = models.ForeignKey(
        Canal, verbose_name=_("canal"), on_delete=models.CASCADE, related_name="+"
    )
    oficina = models.ForeignKey(
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
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
        Oficina,
        verbose_name=_("oficina"),
        on_delete=models.PROTECT,
        related_name="quioscos",
    )
    canal = models.ForeignKey(
        Canal, verbose_name=_("canal"), on_delete=models.PROTECT, related_name="+"
    )
    nombre = models.CharField(_("nombre"), max_length=100)
    secreto_hash = models.CharField(_("hash del secreto"), max_length=64)
    activo = models.BooleanField(_("activo"), default=True)
    creado_en = models.DateTimeField(_("creado el"), default=timezone.now)

    class Meta:
        ordering = ["oficina", "nombre"]
        verbose_name = _("quiosco")
        verbose_name_plural = _("quioscos")

    def __str__(self):
        return self.nombre
