from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Canal,
    Competencia,
    CompetenciaMarco,
    DescriptorNivel,
    Empleado,
    MarcoCompetencial,
    NivelEscala,
    NivelRequerido,
    Oficina,
    Puesto,
    Servicio,
)


@admin.register(Canal)
class CanalAdmin(admin.ModelAdmin):
    list_display = ["nombre", "codigo", "orden"]


@admin.register(Oficina)
class OficinaAdmin(admin.ModelAdmin):
    list_display = ["nombre", "codigo_dir3", "municipio", "provincia", "activa"]
    list_filter = ["activa", "provincia", "canales"]
    search_fields = ["nombre", "codigo_dir3", "municipio"]
    filter_horizontal = ["canales"]
    autocomplete_fields = ["unidad_superior", "responsable"]


@admin.register(Servicio)
class ServicioAdmin(admin.ModelAdmin):
    list_display = ["nombre", "codigo", "codigo_sia", "activo"]
    list_filter = ["activo", "canales"]
    search_fields = ["nombre", "codigo", "codigo_sia"]
    filter_horizontal = ["canales"]


class NivelRequeridoInline(admin.TabularInline):
    model = NivelRequerido
    extra = 0


@admin.register(Puesto)
class PuestoAdmin(admin.ModelAdmin):
    list_display = ["nombre", "codigo"]
    search_fields = ["nombre", "codigo"]
    inlines = [NivelRequeridoInline]


@admin.register(Empleado)
class EmpleadoAdmin(admin.ModelAdmin):
    list_display = ["apellidos", "nombre", "identificador", "oficina", "puesto", "supervisor", "fecha_baja"]
    list_filter = ["oficina__provincia", "puesto", "canales"]
    search_fields = ["nombre", "apellidos", "identificador", "usuario__username", "usuario__email"]
    list_select_related = ["oficina", "puesto", "supervisor"]
    autocomplete_fields = ["usuario", "oficina", "supervisor"]
    filter_horizontal = ["canales"]


@admin.register(Competencia)
class CompetenciaAdmin(admin.ModelAdmin):
    list_display = ["codigo", "nombre", "orden"]
    search_fields = ["codigo", "nombre"]


class NivelEscalaInline(admin.TabularInline):
    model = NivelEscala
    extra = 0


class CompetenciaMarcoInline(admin.TabularInline):
    model = CompetenciaMarco
    extra = 0
    show_change_link = True


@admin.register(MarcoCompetencial)
class MarcoCompetencialAdmin(admin.ModelAdmin):
    list_display = ["nombre", "version", "vigente", "congelado_en"]
    readonly_fields = ["congelado_en"]
    inlines = [NivelEscalaInline, CompetenciaMarcoInline]

    def has_change_permission(self, request, obj=None):
        # A frozen framework is read-only: closed evaluations point at its wording.
        if obj is not None and obj.congelado:
            return False
        return super().has_change_permission(request, obj)


class DescriptorNivelInline(admin.TabularInline):
    model = DescriptorNivel
    extra = 0


@admin.register(CompetenciaMarco)
class CompetenciaMarcoAdmin(admin.ModelAdmin):
    list_display = ["competencia", "nombre", "marco"]
    list_filter = ["marco"]
    inlines = [DescriptorNivelInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.marco.congelado:
            return False
        return super().has_change_permission(request, obj)


admin.site.site_header = _("Administración de Ventanilla")
admin.site.site_title = _("Ventanilla")
