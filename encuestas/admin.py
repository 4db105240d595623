"""Django admin for quality staff: surveys, sampling rules, kiosks and API keys
(secrets shown once). The question bank has its own editor in the Wagtail admin
(encuestas/views_editor.py): one field per language instead of raw JSON."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comun.acceso_admin import ConReglaAdmin

from . import sede, services
from .models import (
    Alerta,
    Encuesta,
    EncuestaItem,
    IntegracionAPI,
    Kiosco,
    ReglaMuestreo,
)
from .permissions import ADMIN_ALERTA, ADMIN_CONFIGURACION


def _si_no(campo: str, etiqueta):
    """A yes/no column in words: Django's boolean icon says "True" to a screen reader."""

    @admin.display(description=etiqueta, ordering=campo)
    def mostrar(obj):
        return _("Sí") if getattr(obj, campo) else _("No")

    return mostrar


class LineaInline(admin.TabularInline):
    model = EncuestaItem
    extra = 0


@admin.register(Encuesta)
class EncuestaAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_CONFIGURACION
    list_display = (
        "codigo",
        "nombre",
        "canal",
        _si_no("es_quiosco", gettext_lazy("Quiosco")),
        _si_no("activa", gettext_lazy("Activa")),
    )
    inlines = [LineaInline]


@admin.register(ReglaMuestreo)
class ReglaMuestreoAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_CONFIGURACION
    list_display = ("canal", "oficina", "tasa", "caducidad_dias")


@admin.register(Kiosco)
class KioscoAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_CONFIGURACION
    list_display = (
        "nombre",
        "oficina",
        "canal",
        _si_no("activo", gettext_lazy("Activo")),
    )
    exclude = ("secreto_hash",)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        kiosco, secreto = services.crear_kiosco(
            oficina=obj.oficina, canal=obj.canal, nombre=obj.nombre
        )
        obj.pk = kiosco.pk
        messages.warning(
            request,
            f"Registre la tableta abriendo /quiosco/{kiosco.pk}/registrar/ con el secreto {secreto} (no se volverá a mostrar).",
        )


@admin.register(IntegracionAPI)
class IntegracionAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_CONFIGURACION
    list_display = (
        "nombre",
        "prefijo",
        _si_no("activa", gettext_lazy("Activa")),
        "creada_en",
        "revocada_en",
    )
    exclude = ("clave_hash", "prefijo", "revocada_en")
    actions = ["revocar"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        integracion, clave = services.crear_integracion(
            nombre=obj.nombre, oficinas=[], canales=[]
        )
        obj.pk = integracion.pk
        obj.prefijo, obj.clave_hash = integracion.prefijo, integracion.clave_hash
        # The form then saves the offices and channels on `obj`: it must count as saved.
        obj._state.adding, obj._state.db = False, integracion._state.db
        messages.warning(request, f"Clave de la API (no se volverá a mostrar): {clave}")
        messages.warning(
            request,
            _(
                "Secreto para firmar los enlaces de encuesta de la sede electrónica "
                "(docs/enlace_sede.md; no se volverá a mostrar): %(secreto)s"
            )
            % {"secreto": sede.secreto_de(integracion.prefijo)},
        )

    @admin.action(description="Revocar las claves seleccionadas")
    def revocar(self, request, queryset):
        for integracion in queryset:
            services.revocar_integracion(integracion=integracion)


@admin.register(Alerta)
class AlertaAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_ALERTA
    list_display = ("pk", "oficina", "estado", "plazo")
    list_filter = ("estado",)
    readonly_fields = ("respuesta", "contacto")
