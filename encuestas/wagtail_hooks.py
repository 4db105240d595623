"""A «Encuestas» entry in the Wagtail admin for quality staff: the question bank
and surveys are edited in the model admin, which turns an edit of an answered
item into a new version (services.editar_item)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class MenuEncuestas(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("encuestas.change_itemversion")


@hooks.register("register_admin_menu_item")
def menu_encuestas():
    return MenuEncuestas(_("Banco de preguntas y encuestas"), reverse("admin:app_list", args=["encuestas"]),
                         icon_name="form", order=900)
