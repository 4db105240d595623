"""Every concrete model of the apps, and every field it declares, has an explicit,
translatable name (gettext_lazy): admin pages, forms and the data-protection
register never show a class or field identifier.

Comparing with what Django would generate (`camel_case_to_spaces(Model.__name__)`,
`field.name.replace("_", " ")`) cannot tell a missing name from a right one that
happens to be the identifier (Canal: "canal", oficina: "oficina"). Django never
generates a lazy string for those, so a lazy one is both explicit and translatable;
the plural must be declared in Meta (Django's default, name + "s", is lazy too).
Fields inherited from Wagtail's abstract bases (Page, Orderable) are Wagtail's."""

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

APPS = (
    "accesibilidad",
    "auditoria",
    "encuestas",
    "evaluacion",
    "formacion",
    "mejora",
    "organizacion",
)


def _heredados_de_fuera(modelo) -> set[str]:
    """The fields the model takes from abstract bases outside our apps."""
    nombres = set()
    for base in modelo.__mro__[1:]:
        opciones = getattr(base, "_meta", None)
        if opciones and opciones.abstract and base.__module__.split(".")[0] not in APPS:
            nombres |= {
                campo.name
                for campo in [*opciones.local_fields, *opciones.local_many_to_many]
            }
    return nombres


def sin_nombre(modelo) -> list[str]:
    """What of the model has no explicit, translatable name."""
    opciones = modelo._meta
    faltan = [
        atributo
        for atributo, valor in (
            ("Meta.verbose_name", opciones.verbose_name),
            (
                "Meta.verbose_name_plural",
                opciones.original_attrs.get("verbose_name_plural"),
            ),
        )
        if not isinstance(valor, Promise)
    ]
    ajenos = _heredados_de_fuera(modelo)
    faltan += [
        campo.name
        for campo in [*opciones.local_fields, *opciones.local_many_to_many]
        if not campo.auto_created
        and campo.name not in ajenos
        and not isinstance(campo.verbose_name, Promise)
    ]
    return faltan


def test_cada_modelo_y_campo_tiene_nombre_traducible():
    # get_models() leaves out the auto-created many-to-many tables.
    faltan = {
        modelo._meta.label: nombres
        for app in APPS
        for modelo in apps.get_app_config(app).get_models()
        if (nombres := sin_nombre(modelo))
    }
    assert faltan == {}


@isolate_apps("organizacion")
def test_un_nombre_que_falta_se_detecta():
    class Prueba(models.Model):
        oficina = models.CharField(_("oficina"), max_length=10)  # the identifier: fine
        nombre = models.CharField(max_length=10)  # none
        alias = models.CharField("alias visible", max_length=10)  # untranslatable

        class Meta:
            app_label = "organizacion"
            verbose_name = _("prueba")

        def __str__(self):
            return self.nombre

    assert sin_nombre(Prueba) == ["Meta.verbose_name_plural", "nombre", "alias"]
