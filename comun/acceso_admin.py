"""Both admins ask the app's own rules before Django's model permissions.

A model permission granted to a group (``view_evaluacion`` to calidad, say) must
never open records that the app's pages would not show that role: each app
declares, in its ``permissions.py``, a `ReglaAdmin` per model built from the
same functions its views use, and the Django ``ModelAdmin`` (`ConReglaAdmin`),
the Wagtail permission policy (`PoliticaConRegla`) and snippet viewsets
(`ConReglaViewSet`) consult it first. Django's permissions still apply, but
only where the rule allows. Imports no app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import PageLogEntry
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

VER = "view"


class ReglaAdmin(Protocol):
    """What a role may do with a model in the admins."""

    def permite(self, usuario, accion: str, obj: Any = None) -> bool:
        """`accion` is Django's/Wagtail's: view, add, change, delete (or others)."""

    def visibles(self, usuario, queryset: QuerySet) -> QuerySet:
        """The rows of `queryset` the user may read."""


def nadie(usuario) -> bool:
    return False


@dataclass(frozen=True)
class Regla:
    """A `ReglaAdmin` made of an app's permission functions.

    `ver` and `configurar` answer for the model; `ver_objeto` (optional) for one
    row and `filtrar` (optional) for a listing, so a supervisor with
    ``view_empleado`` sees her team and not the whole staff. Superusers pass.
    """

    ver: Callable[[Any], bool]
    configurar: Callable[[Any], bool] = nadie
    ver_objeto: Callable[[Any, Any], bool] | None = None
    filtrar: Callable[[Any, QuerySet], QuerySet] | None = None

    def permite(self, usuario, accion: str, obj: Any = None) -> bool:
        if not getattr(usuario, "is_authenticated", False):
            return False
        if usuario.is_superuser:
            return True
        permitido = self.ver(usuario) if accion == VER else self.configurar(usuario)
        if permitido and obj is not None and self.ver_objeto is not None:
            return self.ver_objeto(usuario, obj)
        return permitido

    def visibles(self, usuario, queryset: QuerySet) -> QuerySet:
        if getattr(usuario, "is_superuser", False):
            return queryset
        if not self.permite(usuario, VER):
            return queryset.none()
        return queryset if self.filtrar is None else self.filtrar(usuario, queryset)


SOLO_SUPERUSUARIO = Regla(ver=nadie)

_reglas: dict[type[Model], ReglaAdmin] = {}


def registrar(modelo: type[Model], regla: ReglaAdmin) -> None:
    _reglas[modelo] = regla


def regla_de(modelo: type[Model] | None) -> ReglaAdmin | None:
    """The rule the admins apply to `modelo` (None: no admin shows it)."""
    return _reglas.get(modelo) if modelo is not None else None


class ConReglaAdmin:
    """ModelAdmin (or inline) mixin: set `regla`; put it before ``admin.ModelAdmin``."""

    regla: ReglaAdmin = SOLO_SUPERUSUARIO

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        registrar(self.model, self.regla)

    def get_queryset(self, request):
        return self.regla.visibles(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        return self.regla.permite(
            request.user, VER, obj
        ) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self.regla.permite(request.user, "add") and super().has_add_permission(
            request, *args
        )

    def has_change_permission(self, request, obj=None):
        return self.regla.permite(
            request.user, "change", obj
        ) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.regla.permite(
            request.user, "delete", obj
        ) and super().has_delete_permission(request, obj)


class PoliticaConRegla(ModelPermissionPolicy):
    """Wagtail permission policy: the rule first, then the model permission.

    Register it with ``wagtail.permissions.register_permission_policy`` before
    the snippet viewset is registered."""

    def __init__(self, model, regla: ReglaAdmin, **kwargs):
        super().__init__(model, **kwargs)
        self.regla = regla
        registrar(model, regla)

    def user_has_permission(self, user, action):
        return self.regla.permite(user, action) and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.regla.permite(
            user, action, instance
        ) and super().user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.regla.visibles(user, self.model._default_manager.all())


class _ElegirConRegla:
    """A chooser shows only what the user may read (Wagtail's checks nothing)."""

    def dispatch(self, request, *args, **kwargs):
        regla = regla_de(self.model_class)
        if regla is None or not regla.permite(request.user, VER):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _visibles(self, queryset):
        return regla_de(self.model_class).visibles(self.request.user, queryset)

    def get_object_list(self):
        return self._visibles(super().get_object_list())

    def get_object(self, pk):
        return self._visibles(self.model_class.objects.all()).get(pk=pk)

    def get_objects(self, pks):
        return self._visibles(self.model_class.objects.filter(pk__in=pks))


class _ElegirVista(_ElegirConRegla, ChooseView):
    pass


class _ElegirResultados(_ElegirConRegla, ChooseResultsView):
    pass


class _Elegido(_ElegirConRegla, SnippetChosenView):
    pass


class _ElegidosVarios(_ElegirConRegla, SnippetChosenMultipleView):
    pass


class ChooserConRegla(SnippetChooserViewSet):
    choose_view_class = _ElegirVista
    choose_results_view_class = _ElegirResultados
    chosen_view_class = _Elegido
    chosen_multiple_view_class = _ElegidosVarios


class ConReglaViewSet:
    """SnippetViewSet mixin: listing and chooser filtered by the model's rule
    (registered through `PoliticaConRegla`)."""

    chooser_viewset_class = ChooserConRegla

    def get_queryset(self, request):
        regla = regla_de(self.model)
        if regla is None:
            return self.model._default_manager.none()
        return regla.visibles(request.user, self.model._default_manager.all())


class HistorialConRegla(LogEntriesView):
    """Wagtail's site history lists an entry when the user holds any permission
    on its model, titles included: here a log of a model shows only to whom
    its rule lets read it (and only the rows the rule lets read). Page logs
    keep Wagtail's page permissions."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        usuario = self.request.user
        if usuario.is_superuser or issubclass(queryset.model, PageLogEntry):
            return queryset
        condicion = Q(pk__in=[])
        tipos = queryset.values_list("content_type_id", flat=True).distinct()
        for tipo in ContentType.objects.filter(pk__in=list(tipos)):
            modelo = tipo.model_class()
            regla = regla_de(modelo)
            if regla is None or not regla.permite(usuario, VER):
                continue
            visibles = regla.visibles(usuario, modelo._default_manager.all())
            ids = visibles.annotate(_id=Cast("pk", CharField())).values("_id")
            condicion |= Q(content_type_id=tipo.pk, object_id__in=ids)
        return queryset.filter(condicion)


urls_historial = [
    path("", require_admin_access(HistorialConRegla.as_view()), name="site_history"),
    path(
        "results/",
        require_admin_access(HistorialConRegla.as_view(results_only=True)),
        name="site_history_results",
    ),
]
