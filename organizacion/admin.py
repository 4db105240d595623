from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from comun.acceso_admin import ConReglaAdmin

from .forms import ImportarPlantillaForm
from .importacion import COLUMNAS, NOMBRES_TIPO, InformeImportacion
from .models import (
    Canal,
    Competencia,
    CompetenciaMarco,
    DescriptorNivel,
    Empleado,
    Importacion,
    MarcoCompetencial,
    NivelEscala,
    NivelRequerido,
    Oficina,
    Puesto,
    Servicio,
)
from .permissions import ADMIN_EMPLEADO, ADMIN_ORGANIZACION, puede_importar_plantilla
from .selectors import importacion_interrumpida
from .services import solicitar_importacion


class EnlaceImportarMixin:
    """Offers the import page from the change lists of what it loads."""

    change_list_template = "admin/organizacion/change_list_importar.html"
    tipo_importacion = "auto"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "puede_importar": puede_importar_plantilla(request.user),
            "tipo_importacion": self.tipo_importacion,
        }
        return super().changelist_view(request, extra_context)


@admin.register(Canal)
class CanalAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_ORGANIZACION
    list_display = ["nombre", "codigo", "orden"]


@admin.register(Oficina)
class OficinaAdmin(ConReglaAdmin, EnlaceImportarMixin, admin.ModelAdmin):
    regla = ADMIN_ORGANIZACION
    tipo_importacion = "oficinas"
    list_display = ["nombre", "codigo_dir3", "municipio", "provincia", "activa"]
    list_filter = ["activa", "provincia", "canales"]
    search_fields = ["nombre", "codigo_dir3", "municipio"]
    filter_horizontal = ["canales"]
    autocomplete_fields = ["unidad_superior", "responsable"]


@admin.register(Servicio)
class ServicioAdmin(ConReglaAdmin, EnlaceImportarMixin, admin.ModelAdmin):
    regla = ADMIN_ORGANIZACION
    tipo_importacion = "servicios"
    list_display = ["nombre", "codigo", "codigo_sia", "activo"]
    list_filter = ["activo", "canales"]
    search_fields = ["nombre", "codigo", "codigo_sia"]
    filter_horizontal = ["canales"]


class NivelRequeridoInline(admin.TabularInline):
    model = NivelRequerido
    extra = 0


@admin.register(Puesto)
class PuestoAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_ORGANIZACION
    list_display = ["nombre", "codigo"]
    search_fields = ["nombre", "codigo"]
    inlines = [NivelRequeridoInline]


@admin.register(Empleado)
class EmpleadoAdmin(ConReglaAdmin, EnlaceImportarMixin, admin.ModelAdmin):
    regla = ADMIN_EMPLEADO
    tipo_importacion = "empleados"
    list_display = [
        "apellidos",
        "nombre",
        "identificador",
        "oficina",
        "puesto",
        "supervisor",
        "fecha_baja",
    ]
    list_filter = ["oficina__provincia", "puesto", "canales"]
    search_fields = [
        "nombre",
        "apellidos",
        "identificador",
        "usuario__username",
        "usuario__email",
    ]
    list_select_related = ["oficina", "puesto", "supervisor"]
    autocomplete_fields = ["usuario", "oficina", "supervisor"]
    filter_horizontal = ["canales"]

    def get_urls(self):
        vista = self.admin_site.admin_view(self.importar_plantilla_view)
        seguimiento = self.admin_site.admin_view(self.importacion_view)
        return [
            path("importar/", vista, name="organizacion_empleado_importar"),
            path(
                "importar/<int:pk>/",
                seguimiento,
                name="organizacion_empleado_importacion",
            ),
            *super().get_urls(),
        ]

    def importar_plantilla_view(self, request):
        """Upload a staff file: it is queued and the import's page follows it."""
        if not puede_importar_plantilla(request.user):
            raise PermissionDenied
        if request.method == "POST":
            formulario = ImportarPlantillaForm(request.POST, request.FILES)
            if formulario.is_valid():
                fichero = formulario.cleaned_data["fichero"]
                importacion = solicitar_importacion(
                    contenido=fichero,
                    nombre=fichero.name,
                    tipo=formulario.cleaned_data["tipo"],
                    por=request.user,
                    simular=formulario.cleaned_data["simular"],
                )
                return redirect(
                    "admin:organizacion_empleado_importacion", importacion.pk
                )
            estado = 400
        else:
            tipo = request.GET.get("tipo", "auto")
            formulario = ImportarPlantillaForm(
                initial={
                    "tipo": tipo
                    if tipo in ("oficinas", "servicios", "empleados")
                    else "auto"
                }
            )
            estado = 200
        return self._pagina_importar(request, formulario, estado=estado)

    def importacion_view(self, request, pk: int):
        """One import: its progress while it runs, its report (every refused cell
        by line and column) when it ends, "interrupted" if its worker died."""
        if not puede_importar_plantilla(request.user):
            raise PermissionDenied
        importacion = get_object_or_404(Importacion, pk=pk)
        informe, estado = None, 200
        if importacion.estado == Importacion.Estado.TERMINADA:
            informe = InformeImportacion.desde_dict(importacion.informe)
            estado = 200 if informe.ok else 422
        return self._pagina_importar(
            request,
            ImportarPlantillaForm(initial={"tipo": importacion.tipo}),
            estado=estado,
            importacion=importacion,
            interrumpida=importacion_interrumpida(importacion),
            informe=informe,
        )

    def _pagina_importar(self, request, formulario, *, estado, **extra):
        contexto = {
            **self.admin_site.each_context(request),
            "title": _("Importar plantilla"),
            "opts": self.model._meta,
            "formulario": formulario,
            "columnas": [(NOMBRES_TIPO[t], cols) for t, cols in COLUMNAS.items()],
            **extra,
        }
        return TemplateResponse(
            request,
            "admin/organizacion/importar_plantilla.html",
            contexto,
            status=estado,
        )


@admin.register(Competencia)
class CompetenciaAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_ORGANIZACION
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
class MarcoCompetencialAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_ORGANIZACION
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
class CompetenciaMarcoAdmin(ConReglaAdmin, admin.ModelAdmin):
    regla = ADMIN_ORGANIZACION
    list_display = ["competencia", "nombre", "marco"]
    list_filter = ["marco"]
    inlines = [DescriptorNivelInline]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.marco.congelado:
            return False
        return super().has_change_permission(request, obj)


admin.site.site_header = _("Administración de Ventanilla")
admin.site.site_title = _("Ventanilla")
