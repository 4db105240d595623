from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from comun.acceso_admin import ConReglaAdmin

from . import services
from .models import AuditoriaEvaluacion, Campana, Evaluacion, Festivo
from .permissions import ADMIN_CONFIGURACION, ADMIN_EVALUACION


@admin.register(Festivo)
class FestivoAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_CONFIGURACION
    list_display = ["fecha", "nombre", "ambito", "comunidad", "provincia", "municipio"]
    list_filter = ["ambito", "comunidad", "provincia"]
    date_hierarchy = "fecha"


@admin.register(Campana)
class CampanaAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_CONFIGURACION
    list_display = [
        "nombre",
        "marco",
        "periodo_inicio",
        "periodo_fin",
        "fecha_apertura",
        "estado",
    ]
    list_filter = ["estado", "periodicidad"]
    filter_horizontal = ["oficinas", "puestos"]
    readonly_fields = ["estado", "abierta_en", "cerrada_en"]
    actions = ["abrir_ahora"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "nombre",
                    "marco",
                    "periodicidad",
                    "periodo_inicio",
                    "periodo_fin",
                    "estado",
                ]
            },
        ),
        (_("Alcance (vacío: todos)"), {"fields": ["oficinas", "puestos"]}),
        (
            _("Fases"),
            {
                "fields": [
                    "fecha_apertura",
                    "autoevaluacion_hasta",
                    "evaluacion_hasta",
                    "entrevista_hasta",
                    "dias_alegaciones",
                ]
            },
        ),
        (
            _("Opciones"),
            {
                "fields": [
                    "con_autoevaluacion",
                    "peso_autoevaluacion",
                    "media_minima",
                    "minimo_por_competencia",
                ]
            },
        ),
    ]

    def has_change_permission(self, request, obj=None):
        # Once open, the campaign's rules are what evaluations were scored against.
        if obj is not None and obj.estado != Campana.Estado.BORRADOR:
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description=_("Abrir ahora las campañas seleccionadas"))
    def abrir_ahora(self, request, queryset):
        for campana in queryset:
            try:
                r = services.abrir_campana(campana=campana)
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(c)s: %(n)s evaluaciones creadas.")
                    % {"c": campana, "n": r["creadas"]},
                )


class AuditoriaInline(admin.TabularInline):
    model = AuditoriaEvaluacion
    extra = 0
    can_delete = False
    readonly_fields = ["momento", "usuario", "accion", "antes", "despues"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Evaluacion)
class EvaluacionAdmin(ConReglaAdmin, admin.ModelAdmin):
    """Read-only: every change goes through the workflow services (and their audit)."""

    regla = ADMIN_EVALUACION

    list_display = ["empleado", "campana", "evaluador", "estado", "indice"]
    list_filter = ["campana", "estado"]
    search_fields = [
        "empleado__nombre",
        "empleado__apellidos",
        "empleado__identificador",
    ]
    list_select_related = ["empleado", "campana", "evaluador"]
    inlines = [AuditoriaInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
