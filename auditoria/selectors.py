"""Reading the access log: filtered, newest first, by keyset pages."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AccesoDatos


def _inicio_del_dia(dia: date) -> datetime:
    return timezone.make_aware(datetime.combine(dia, time.min))


def accesos(
    *,
    desde: date | None = None,
    hasta: date | None = None,
    usuario: str = "",
    sujeto: str = "",
    categoria: str = "",
) -> QuerySet[AccesoDatos]:
    """The log filtered by day range (both days included), username, the
    identifier of the person whose data it is, and category; newest first.
    Each filter has its own (field, fecha) index."""
    qs = AccesoDatos.objects.all()
    if desde:
        qs = qs.filter(fecha__gte=_inicio_del_dia(desde))
    if hasta:
        qs = qs.filter(fecha__lt=_inicio_del_dia(hasta + timedelta(days=1)))
    if usuario:
        qs = qs.filter(usuario_nombre=usuario)
    if sujeto:
        qs = qs.filter(sujeto_identificador=sujeto)
    if categoria:
        qs = qs.filter(categoria=categoria)
    return qs.order_by("-fecha", "-id")


def pagina(
    qs: QuerySet[AccesoDatos],
    *,
    antes: tuple[datetime, int] | None = None,
    tamano: int = 50,
) -> tuple[list[AccesoDatos], tuple[datetime, int] | None]:
    """One page of `qs` after the cursor `antes` (fecha, id), and the cursor of
    the next page (None at the end). No COUNT over millions of rows: one query
    for `tamano + 1` rows."""
    if antes is not None:
        fecha, pk = antes
        qs = qs.filter(Q(fecha__lt=fecha) | Q(fecha=fecha, id__lt=pk))
    filas = list(qs[: tamano + 1])
    siguiente = None
    if len(filas) > tamano:
        filas = filas[:tamano]
        siguiente = (filas[-1].fecha, filas[-1].pk)
    return filas, siguiente


COLUMNAS = [
    "fecha",
    "usuario",
    "roles",
    "accion",
    "categoria",
    "objeto_tipo",
    "objeto_id",
    "sujeto_identificador",
    "ruta",
    "metodo",
]


def filas_exportacion(qs: QuerySet[AccesoDatos]) -> Iterator[tuple]:
    """Every row of `qs` in COLUMNAS' order, streamed in chunks."""
    return qs.values_list(
        "fecha",
        "usuario_nombre",
        "roles",
        "accion",
        "categoria",
        "objeto_tipo",
        "objeto_id",
        "sujeto_identificador",
        "ruta",
        "metodo",
    ).iterator(chunk_size=2000)
