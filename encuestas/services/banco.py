"""The question bank and the survey definitions: which items a survey asks, cached
for the hot path, and editing an item without rewriting answered versions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizacion.models import Canal

from ..models import Encuesta, EncuestaItem, Item, ItemVersion

_CACHE_LINEAS: dict[int, tuple[float, list[EncuestaItem]]] = {}


def lineas_de(encuesta_id: int) -> list[EncuestaItem]:
    """A survey's items, cached in process for a minute (hot path of every submit)."""
    ahora = timezone.now().timestamp()
    guardado = _CACHE_LINEAS.get(encuesta_id)
    if guardado and ahora - guardado[0] < 60:
        return guardado[1]
    lineas = list(
        EncuestaItem.objects.filter(encuesta_id=encuesta_id)
        .select_related("item_version__item")
        .order_by("orden")
    )
    if lineas:  # an id from a public form may be made up: never cache those
        _CACHE_LINEAS[encuesta_id] = (ahora, lineas)
    return lineas


def encuestas_para(canal_ids) -> dict[int, Encuesta]:
    """The survey each channel's invitations get (its first active one, not the
    kiosk's), with one query; a channel without one is left out."""
    encuestas: dict[int, Encuesta] = {}
    for encuesta in Encuesta.objects.filter(
        canal_id__in=canal_ids, activa=True, es_quiosco=False
    ).order_by("-pk"):
        encuestas[encuesta.canal_id] = encuesta
    return encuestas


def encuesta_para(canal: Canal) -> Encuesta:
    encuesta = encuestas_para([canal.pk]).get(canal.pk)
    if encuesta is None:
        raise ValidationError(
            _("No hay encuesta activa para el canal %(canal)s.") % {"canal": canal}
        )
    return encuesta


def encuesta_de_quiosco() -> Encuesta | None:
    """The active kiosk survey (the first, if several)."""
    return Encuesta.objects.filter(es_quiosco=True, activa=True).order_by("pk").first()


@transaction.atomic
def editar_item(
    *, item_version: ItemVersion, textos: dict | None = None, **campos
) -> ItemVersion:
    """Editing an item that has been answered makes a new version, swapped into
    every survey that used the old one; answers keep the version they answered."""
    textos = textos if textos is not None else item_version.textos
    if not item_version.respuestas.exists():
        item_version.textos = textos
        for campo, valor in campos.items():
            setattr(item_version, campo, valor)
        item_version.full_clean()
        item_version.save()
        _CACHE_LINEAS.clear()
        return item_version
    ultima = item_version.item.versiones.order_by("-version").first()
    nueva = ItemVersion(
        item=item_version.item,
        version=ultima.version + 1,
        tipo=campos.get("tipo", item_version.tipo),
        textos=textos,
        estado_traduccion=campos.get(
            "estado_traduccion", item_version.estado_traduccion
        ),
        opciones=campos.get("opciones", item_version.opciones),
        driver=campos.get("driver", item_version.driver),
        servqual=campos.get("servqual", item_version.servqual),
        metrica=campos.get("metrica", item_version.metrica),
    )
    nueva.full_clean()
    nueva.save()
    EncuestaItem.objects.filter(item_version=item_version).update(item_version=nueva)
    _CACHE_LINEAS.clear()
    return nueva


@transaction.atomic
def crear_pregunta(
    *, codigo: str, descripcion: str = "", activo: bool = True, **version
) -> ItemVersion:
    """A new item of the question bank with its first version."""
    item = Item(codigo=codigo, descripcion=descripcion, activo=activo)
    item.full_clean()
    item.save()
    primera = ItemVersion(item=item, version=1, **version)
    primera.full_clean()
    primera.save()
    return primera


@transaction.atomic
def editar_pregunta(
    *, item_version: ItemVersion, descripcion: str, activo: bool, **version
) -> ItemVersion:
    """The editor's save: the item's own fields, then its wording (a new version
    when the current one has been answered, see editar_item)."""
    item = item_version.item
    if (item.descripcion, item.activo) != (descripcion, activo):
        item.descripcion, item.activo = descripcion, activo
        item.full_clean()
        item.save(update_fields=["descripcion", "activo"])
    cambios = {
        campo: valor
        for campo, valor in version.items()
        if getattr(item_version, campo) != valor
    }
    if not cambios:
        return item_version
    if set(cambios) == {"estado_traduccion"}:
        # Reviewing a translation changes no wording: no new version for it.
        item_version.estado_traduccion = cambios["estado_traduccion"]
        item_version.save(update_fields=["estado_traduccion"])
        return item_version
    return editar_item(item_version=item_version, **cambios)
