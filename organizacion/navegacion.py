"""Menu entries and home-page panels that each app registers in its AppConfig.ready().

organizacion owns the registry; apps add to it, so the shared base template
never has to import them (the dependency arrow stays pointing here).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class ItemMenu:
    etiqueta: str
    url_name: str
    roles: frozenset[str]
    orden: int = 50


@dataclass(frozen=True)
class PanelInicio:
    """A block of the role home page: a template and the function that feeds it.

    `contexto(request, empleado)` returns a dict or None (None hides the panel).
    """

    plantilla: str
    roles: frozenset[str]
    contexto: Callable = field(compare=False)
    orden: int = 50


_menu: list[ItemMenu] = []
_paneles: list[PanelInicio] = []


def registrar_item(etiqueta, url_name, roles, orden=50) -> None:
    item = ItemMenu(etiqueta, url_name, frozenset(roles), orden)
    if item not in _menu:
        _menu.append(item)


def registrar_panel(plantilla, roles, contexto, orden=50) -> None:
    panel = PanelInicio(plantilla, frozenset(roles), contexto, orden)
    if panel not in _paneles:
        _paneles.append(panel)


def menu_para(roles: set[str], es_superusuario: bool = False) -> list[dict]:
    items = []
    for item in sorted(_menu, key=lambda i: (i.orden, str(i.etiqueta))):
        if es_superusuario or item.roles & roles:
            try:
                items.append({"etiqueta": item.etiqueta, "url": reverse(item.url_name)})
            except NoReverseMatch:
                continue
    return items


def paneles_para(roles: set[str], es_superusuario: bool = False) -> list[PanelInicio]:
    return [
        p
        for p in sorted(_paneles, key=lambda p: p.orden)
        if es_superusuario or p.roles & roles
    ]
