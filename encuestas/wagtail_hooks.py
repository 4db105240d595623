"""«Encuestas» in the Wagtail admin for quality staff: the question-bank editor
(/cms/encuestas/preguntas/, one field per language, phone preview) and, in the
Django admin, surveys, sampling rules, kiosks and API integrations."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import views_editor

urls_editor = [
    path("", views_editor.lista, name="lista"),
    path("nueva/", views_editor.crear, name="crear"),
    path("nueva/vista-previa/", views_editor.vista_previa, name="vista_previa_nueva"),
    path("<int:pk>/", views_editor.editar, name="editar"),
    path("<int:pk>/vista-previa/", views_editor.vista_previa, name="vista_previa"),
]


@hooks.register("register_admin_urls")
def urls_del_editor():
    return [
        path(
            "encuestas/preguntas/",
            include((urls_editor, "encuestas_editor"), namespace="encuestas_editor"),
        )
    ]


class ConPermiso(MenuItem):
    def __init__(self, *args, permiso: str, **kwargs):
        self.permiso = permiso
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permiso)


class MenuEncuestas(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("encuestas.view_itemversion")


@hooks.register("register_admin_menu_item")
def menu_encuestas():
    return MenuEncuestas(
        _("Encuestas"),
        Menu(
            items=[
                ConPermiso(
                    _("Banco de preguntas"),
                    reverse("encuestas_editor:lista"),
                    icon_name="form",
                    order=1,
                    permiso="encuestas.view_itemversion",
                ),
                ConPermiso(
                    _("Encuestas, quioscos e integraciones"),
                    reverse("admin:app_list", args=["encuestas"]),
                    icon_name="list-ul",
                    order=2,
                    permiso="encuestas.change_encuesta",
                ),
            ]
        ),
        icon_name="form",
        order=900,
    )
