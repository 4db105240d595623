"""The access log in the Django admin: read-only, and only for the DPD and
superusers (staff of other roles do not even see the model)."""

from django.contrib import admin

from .models import AccesoDatos
from .permissions import puede_ver_registro


@admin.register(AccesoDatos)
class AccesoDatosAdmin(admin.ModelAdmin):
    list_display = (
        "fecha",
        "usuario_nombre",
        "roles",
        "accion",
        "categoria",
        "sujeto_identificador",
        "ruta",
    )
    list_filter = ("categoria", "accion")
    # Exact matches: they walk the indexes, a substring search would not.
    search_fields = ("=usuario_nombre", "=sujeto_identificador")
    show_full_result_count = False
    actions = None

    def has_module_permission(self, request):
        return puede_ver_registro(request.user)

    def has_view_permission(self, request, obj=None):
        return puede_ver_registro(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
