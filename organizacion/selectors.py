"""Read queries about the organisation: hierarchy, teams, figures."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from comun.latido import caducado, limite

from .models import Canal, Empleado, Importacion, Oficina, Rol, Servicio

# Deeper than any real administration; stops a corrupt hierarchy from looping.
PROFUNDIDAD_MAXIMA = 50


def empleado_de(usuario) -> Empleado | None:
    """The `Empleado` behind a user, or None (superusers may have none)."""
    if not getattr(usuario, "is_authenticated", False):
        return None
    try:
        return usuario.empleado
    except Empleado.DoesNotExist:
        return None


def roles_de(usuario) -> set[str]:
    if not getattr(usuario, "is_authenticated", False):
        return set()
    cache = getattr(usuario, "_roles_ventanilla", None)
    if cache is None:
        cache = set(usuario.groups.values_list("name", flat=True)) & set(Rol.values)
        usuario._roles_ventanilla = cache
    return cache


def cadena_de_mando(empleado_id: int) -> list[int]:
    """Ids from the employee's supervisor upwards, one query per level."""
    cadena: list[int] = []
    actual = (
        Empleado.objects.filter(pk=empleado_id)
        .values_list("supervisor_id", flat=True)
        .first()
    )
    while (
        actual is not None and actual not in cadena and len(cadena) < PROFUNDIDAD_MAXIMA
    ):
        cadena.append(actual)
        actual = (
            Empleado.objects.filter(pk=actual)
            .values_list("supervisor_id", flat=True)
            .first()
        )
    return cadena


def ids_del_equipo(
    supervisor: Empleado | int, *, solo_directos: bool = False
) -> set[int]:
    """Direct and indirect reports of a supervisor, one query per level."""
    raiz = supervisor.pk if isinstance(supervisor, Empleado) else supervisor
    equipo: set[int] = set()
    frontera = {raiz}
    for _nivel in range(PROFUNDIDAD_MAXIMA):
        siguientes = (
            set(
                Empleado.objects.filter(supervisor_id__in=frontera).values_list(
                    "pk", flat=True
                )
            )
            - equipo
            - {raiz}
        )
        if not siguientes:
            break
        equipo |= siguientes
        if solo_directos:
            break
        frontera = siguientes
    return equipo


def equipo_de(supervisor: Empleado, *, solo_activos: bool = True) -> QuerySet[Empleado]:
    qs = Empleado.objects.filter(pk__in=ids_del_equipo(supervisor))
    if solo_activos:
        qs = qs.activos()
    return qs.select_related("oficina", "puesto", "supervisor").order_by(
        "apellidos", "nombre"
    )


def es_de_su_equipo(supervisor: Empleado, empleado: Empleado | int) -> bool:
    empleado_id = empleado.pk if isinstance(empleado, Empleado) else empleado
    return supervisor.pk in cadena_de_mando(empleado_id)


def resumen_organizacion() -> dict:
    """Headline figures of the whole organisation, aggregated in the database."""
    hoy = timezone.localdate()
    empleados = Empleado.objects.activos(hoy)
    oficinas = Oficina.objects.activas()
    return {
        "oficinas": oficinas.count(),
        "provincias": oficinas.values("provincia").distinct().count(),
        "empleados": empleados.count(),
        "supervisores": empleados.filter(subordinados__isnull=False).distinct().count(),
        "servicios": Servicio.objects.filter(activo=True).count(),
        "por_canal": _por_canal(oficinas, empleados),
    }


def _por_canal(oficinas, empleados) -> list[dict]:
    """Active offices and people per channel, each counted on its own link
    table: both joins in one query multiplied offices by people (5 s at 300
    offices and 5,000 people, issue 14)."""
    n_oficinas = dict(
        Oficina.canales.through.objects.filter(oficina__in=oficinas)
        .values("canal_id")
        .annotate(n=Count("oficina_id"))
        .order_by()
        .values_list("canal_id", "n")
    )
    n_empleados = dict(
        Empleado.canales.through.objects.filter(empleado__in=empleados)
        .values("canal_id")
        .annotate(n=Count("empleado_id"))
        .order_by()
        .values_list("canal_id", "n")
    )
    return [
        {
            "codigo": c["codigo"],
            "nombre": c["nombre"],
            "n_oficinas": n_oficinas.get(c["id"], 0),
            "n_empleados": n_empleados.get(c["id"], 0),
        }
        for c in Canal.objects.values("id", "codigo", "nombre")
    ]


def oficinas_con_plantilla() -> QuerySet[Oficina]:
    hoy = timezone.localdate()
    return (
        Oficina.objects.activas()
        .annotate(
            n_empleados=Count(
                "empleados",
                filter=Q(empleados__fecha_baja__isnull=True)
                | Q(empleados__fecha_baja__gte=hoy),
            )
        )
        .order_by("provincia", "nombre")
    )


def ficha_empleado(empleado_id: int) -> Empleado:
    return (
        Empleado.objects.select_related("oficina", "puesto", "supervisor", "usuario")
        .prefetch_related("canales", "oficina__canales")
        .get(pk=empleado_id)
    )


def companeros_de_oficina(empleado: Empleado) -> QuerySet[Empleado]:
    return (
        Empleado.objects.activos()
        .filter(oficina_id=empleado.oficina_id)
        .exclude(pk=empleado.pk)
        .select_related("puesto")
    )


def importacion_interrumpida(importacion: Importacion) -> bool:
    """Importing, but its heartbeat stopped: the worker died (comun.latido)."""
    return importacion.estado == Importacion.Estado.PROCESANDO and caducado(
        importacion.latido
    )


def importaciones_interrumpidas() -> QuerySet[Importacion]:
    return Importacion.objects.filter(estado=Importacion.Estado.PROCESANDO).filter(
        Q(latido__isnull=True) | Q(latido__lt=limite())
    )


def buscar_empleados(texto: str, *, limite: int = 25) -> list[Empleado]:
    """Employees (current or former) whose name, surnames, identifier or user
    name contain `texto`: for answering a data-subject request."""
    filtro = Q()
    for palabra in texto.split()[:5]:
        filtro &= (
            Q(nombre__icontains=palabra)
            | Q(apellidos__icontains=palabra)
            | Q(identificador__icontains=palabra)
            | Q(usuario__username__icontains=palabra)
        )
    return list(
        Empleado.objects.filter(filtro)
        .select_related("oficina", "puesto")
        .order_by("apellidos", "nombre", "pk")[:limite]
    )
