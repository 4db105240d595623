"""Configuration screens for quality staff: indicators, targets, models, cartas,
self-assessments and plans (the daily work happens in /mejora/)."""

from django.contrib import admin

from comun.acceso_admin import ConReglaAdmin

from .models import (
    AccionMejora,
    Autoevaluacion,
    CartaServicios,
    Compromiso,
    Criterio,
    Hallazgo,
    Indicador,
    Informe,
    MetaIndicador,
    ModeloCalidad,
    PanelPuntuacion,
    PlanMejora,
    Subcriterio,
    ValorManual,
)
from .permissions import ADMIN_MEJORA


class SubcriterioInline(admin.TabularInline):
    model = Subcriterio
    extra = 0


@admin.register(Criterio)
class CriterioAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = ["modelo", "identificador", "titulo", "bloque", "puntos"]
    list_filter = ["modelo"]
    inlines = [SubcriterioInline]


class PanelInline(admin.TabularInline):
    model = PanelPuntuacion
    extra = 0


@admin.register(ModeloCalidad)
class ModeloCalidadAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = ["codigo", "nombre", "version", "reglas", "puntos_totales", "activo"]
    inlines = [PanelInline]


@admin.register(Indicador)
class IndicadorAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = [
        "codigo",
        "nombre",
        "unidad",
        "direccion",
        "fuente",
        "selector",
        "clave",
        "activo",
    ]
    list_filter = ["fuente", "clave", "activo"]
    filter_horizontal = ["criterios", "subcriterios"]
    search_fields = ["codigo", "nombre"]


@admin.register(MetaIndicador)
class MetaAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = [
        "indicador",
        "anio",
        "trimestre",
        "ambito",
        "oficina",
        "canal",
        "objetivo",
        "umbral",
    ]
    list_filter = ["anio", "ambito"]
    list_select_related = ["indicador", "oficina"]


@admin.register(ValorManual)
class ValorManualAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = ["indicador", "periodo", "ambito", "oficina", "valor", "n"]
    list_select_related = ["indicador", "oficina"]


class CompromisoInline(admin.TabularInline):
    model = Compromiso
    extra = 1


@admin.register(CartaServicios)
class CartaServiciosAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = ["nombre", "oficina", "vigente_desde", "vigente_hasta"]
    inlines = [CompromisoInline]


@admin.register(Autoevaluacion)
class AutoevaluacionAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = ["titulo", "modelo", "periodo", "ambito", "estado"]
    filter_horizontal = ["miembros"]


class AccionInline(admin.StackedInline):
    model = AccionMejora
    extra = 0


@admin.register(PlanMejora)
class PlanMejoraAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = ["nombre", "anio", "plan_anterior"]
    inlines = [AccionInline]


@admin.register(Hallazgo)
class HallazgoAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = ["tipo", "periodo", "indicador", "estado", "automatico"]
    list_filter = ["tipo", "estado", "periodo"]


@admin.register(Informe)
class InformeAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_MEJORA
    list_display = [
        "periodo",
        "tipo",
        "ambito_clave",
        "modelo",
        "estado",
        "progreso",
        "sha256",
    ]
    readonly_fields = [f.name for f in Informe._meta.fields]

    def has_add_permission(self, request):
        return False  # reports are requested from /mejora/informes/ (task + progress)
