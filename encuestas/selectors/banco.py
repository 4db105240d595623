"""Reads of the question bank for its editor."""

from collections import defaultdict

from django.db.models import Q

from ..models import EncuestaItem, Item, ItemVersion, RespuestaItem


def preguntas_del_banco(busqueda: str = "") -> list[dict]:
    """The question bank as the editor lists it: each item with its current
    version, whether that version has answers and the surveys that use it.
    Four queries whatever the size of the bank."""
    items = Item.objects.order_by("codigo")
    if busqueda:
        items = items.filter(
            Q(codigo__icontains=busqueda)
            | Q(descripcion__icontains=busqueda)
            | Q(versiones__textos__es__icontains=busqueda)
        ).distinct()
    items = list(items)
    vigentes = {}
    for version in ItemVersion.objects.filter(item__in=items).order_by(
        "item_id", "version"
    ):
        vigentes[version.item_id] = version  # the last one wins: the highest
    respondidas = set(
        RespuestaItem.objects.filter(item_version__in=vigentes.values())
        .values_list("item_version_id", flat=True)
        .distinct()
    )
    encuestas = defaultdict(list)
    for linea in EncuestaItem.objects.filter(
        item_version__in=vigentes.values()
    ).select_related("encuesta"):
        encuestas[linea.item_version_id].append(linea.encuesta.nombre)
    return [
        {
            "item": item,
            "version": vigentes[item.pk],
            "respondida": vigentes[item.pk].pk in respondidas,
            "encuestas": encuestas[vigentes[item.pk].pk],
        }
        for item in items
        if item.pk in vigentes
    ]
