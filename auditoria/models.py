"""One row per access to someone else's personal data, never changed or removed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizacion.models import Empleado, Rol


class RegistroInalterable(Exception):
    """An attempt to change or remove a row of the access log."""


class AccesoDatosQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise RegistroInalterable(_("El registro de accesos no se modifica."))

    def delete(self):
        raise RegistroInalterable(_("El registro de accesos no se borra."))


class AccesoDatos(models.Model):
    class Accion(models.TextChoices):
        VER = "ver", _("Ver")
        DESCARGAR = "descargar", _("Descargar")
        EXPORTAR = "exportar", _("Exportar")

    class Categoria(models.TextChoices):
        EVALUACION = "evaluacion", _("Evaluación")
        ALEGACION = "alegacion", _("Alegación")
        CAMPANA = "campana", _("Evaluaciones de una campaña")
        EXPEDIENTE = "expediente", _("Expediente formativo")
        CERTIFICADO = "certificado", _("Certificado")
        COMENTARIOS = "comentarios", _("Comentarios de encuestas")
        ALERTA = "alerta", _("Alerta con datos de contacto")
        EXPORTACION = "exportacion", _("Exportación")
        REGISTRO = "registro", _("Registro de accesos")

    fecha = models.DateTimeField(_("fecha"), default=timezone.now)
    # Plain ids, no foreign-key constraint and no SET_NULL: deleting a user or an
    # employee must not UPDATE a row the database refuses to change. The
    # snapshots below keep who it was.
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuario"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
    )
    usuario_nombre = models.CharField(_("nombre de usuario"), max_length=150)
    roles = models.CharField(_("roles"), max_length=200, blank=True)
    accion = models.CharField(_("acción"), max_length=12, choices=Accion.choices)
    categoria = models.CharField(
        _("categoría"), max_length=20, choices=Categoria.choices
    )
    objeto_tipo = models.CharField(_("tipo de objeto"), max_length=100, blank=True)
    objeto_id = models.CharField(_("id del objeto"), max_length=64, blank=True)
    sujeto = models.ForeignKey(
        Empleado,
        verbose_name=_("persona"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
    )
    sujeto_identificador = models.CharField(
        _("identificador de la persona"), max_length=30, blank=True
    )
    ruta = models.CharField(_("ruta"), max_length=500)
    metodo = models.CharField(_("método"), max_length=10)

    objects = AccesoDatosQuerySet.as_manager()

    class Meta:
        ordering = ["-fecha", "-id"]
        verbose_name = _("acceso a datos personales")
        verbose_name_plural = _("accesos a datos personales")
        # Each filter of the DPD's page walks one of these, newest first.
        indexes = [
            models.Index(fields=["fecha", "id"], name="acceso_fecha"),
            models.Index(fields=["usuario_nombre", "fecha"], name="acceso_usuario"),
            models.Index(
                fields=["sujeto_identificador", "fecha"], name="acceso_sujeto_ident"
            ),
            models.Index(fields=["sujeto", "fecha"], name="acceso_sujeto"),
            models.Index(fields=["categoria", "fecha"], name="acceso_categoria"),
        ]

    def __str__(self):
        return f"{self.fecha:%Y-%m-%d %H:%M} {self.usuario_nombre} {self.accion} {self.categoria}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise RegistroInalterable(_("El registro de accesos no se modifica."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RegistroInalterable(_("El registro de accesos no se borra."))

    @property
    def roles_legibles(self) -> str:
        """The stored role codes (as they were at the access) named in the
        reader's language."""
        nombres = {**dict(Rol.choices), "superusuario": _("Superusuario/a")}
        return ", ".join(
            str(nombres.get(codigo, codigo))
            for codigo in self.roles.split(",")
            if codigo
        )
