"""Wagtail admin: quality staff edit the question bank, assignment rules and
extra-time grants in /cms/; every saved question is frozen as a new version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from comun.acceso_admin import ConReglaViewSet, PoliticaConRegla

from . import services
from .models import (
    CursoPage,
    FormacionExterna,
    Matricula,
    Pregunta,
    ReglaAsignacion,
    TiempoExtra,
)
from .permissions import ADMIN_CONFIGURACION, ADMIN_PERSONAL

# Before the viewsets: listings, choosers, edit pages and the site history ask
# the same rules as the app (formacion/permissions.py).
for _modelo, _regla in (
    (Pregunta, ADMIN_CONFIGURACION),
    (ReglaAsignacion, ADMIN_CONFIGURACION),
    (TiempoExtra, ADMIN_PERSONAL),
    (FormacionExterna, ADMIN_PERSONAL),
):
    register_permission_policy(
        _modelo, PoliticaConRegla(_modelo, _regla), exact_class=True
    )


class SiNoColumn(Column):
    """Yes/no in words: a bare boolean would show Python's "True"/"False"."""

    def get_value(self, instance):
        return _("Sí") if super().get_value(instance) else _("No")


class PreguntaViewSet(ConReglaViewSet, SnippetViewSet):
    model = Pregunta
    icon = "help"
    menu_label = _("Preguntas")
    list_display = [
        "enunciado",
        "curso",
        "tipo",
        "etiqueta",
        SiNoColumn("activa", label=_("Activa")),
    ]
    list_filter = ["curso", "tipo", "activa"]
    search_fields = ["enunciado"]


class ReglaViewSet(ConReglaViewSet, SnippetViewSet):
    model = ReglaAsignacion
    icon = "group"
    menu_label = _("Reglas de asignación")
    list_display = [
        "nombre",
        "curso",
        "oficina",
        "canal",
        "puesto",
        SiNoColumn("activa", label=_("Activa")),
        "creada_en",
    ]
    list_filter = ["activa"]


class TiempoExtraViewSet(ConReglaViewSet, SnippetViewSet):
    model = TiempoExtra
    icon = "time"
    menu_label = _("Tiempo adicional")
    list_display = ["empleado", "porcentaje", "motivo"]


class FormacionExternaViewSet(ConReglaViewSet, SnippetViewSet):
    model = FormacionExterna
    icon = "doc-full-inverse"
    menu_label = _("Formación externa")
    list_display = ["empleado", "titulo", "horas", "fecha_fin", "reconocida_en"]
    search_fields = ["titulo", "entidad"]


class FormacionGroup(SnippetViewSetGroup):
    menu_label = _("Formación")
    menu_icon = "doc-full"
    menu_order = 200
    items = (PreguntaViewSet, ReglaViewSet, TiempoExtraViewSet, FormacionExternaViewSet)


register_snippet(FormacionGroup)


def _congelar(request, instancia):
    if isinstance(instancia, Pregunta):
        try:
            version = services.guardar_version_pregunta(pregunta=instancia)
            messages.info(
                request,
                _("Versión %(n)d de la pregunta guardada.") % {"n": version.numero},
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    elif isinstance(instancia, FormacionExterna) and instancia.reconocida_en is None:
        # Whoever records it with the evidence in the admin recognises it.
        services.reconocer_formacion_externa(formacion=instancia, por=request.user)
    elif isinstance(instancia, ReglaAsignacion):
        if instancia.creada_por_id is None:
            ReglaAsignacion.objects.filter(pk=instancia.pk).update(
                creada_por=request.user
            )
        if instancia.activa:
            try:
                registro = services.aplicar_regla(regla=instancia, por=request.user)
            except ValidationError as exc:
                # Saved, not applied (an unpublished course): it applies to
                # newcomers once the course is live.
                messages.warning(request, " ".join(exc.messages))
            else:
                messages.info(
                    request,
                    _("Regla aplicada: %(n)d matrículas nuevas.")
                    % {"n": registro.nuevas},
                )


@hooks.register("before_delete_page")
def no_borrar_cursos_con_matriculas(request, pagina):
    """Enrolments and certificates point to the course: unpublish it instead."""
    if (
        isinstance(pagina.specific, CursoPage)
        and Matricula.objects.filter(curso_id=pagina.pk).exists()
    ):
        messages.error(
            request,
            _("Este curso tiene matrículas y no se puede borrar: despublícalo."),
        )
        return redirect("wagtailadmin_pages:edit", pagina.pk)
    return None


@hooks.register("after_create_snippet")
def despues_de_crear(request, instancia):
    _congelar(request, instancia)


@hooks.register("after_edit_snippet")
def despues_de_editar(request, instancia):
    _congelar(request, instancia)
