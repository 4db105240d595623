"""Panels of the role home page (/inicio/)."""

from django.db.models import Count, Q

from .models import ESTADOS_ENVIADA, Evaluacion

E = Evaluacion.Estado


def mis_evaluaciones(request, empleado):
    if empleado is None:
        return None
    ultima = (
        Evaluacion.objects.filter(empleado=empleado)
        .select_related("campana")
        .order_by("-campana__periodo_fin")
        .first()
    )
    if ultima is None:
        return None
    return {
        "ultima": ultima,
        "por_responder": ultima.estado == E.ENVIADA,
        "puede_alegar": ultima.en_plazo_de_alegar(),
    }


def equipo(request, empleado):
    if empleado is None:
        return None
    datos = Evaluacion.objects.filter(
        evaluador=empleado, campana__estado__in=["abierta", "en_cierre"]
    ).aggregate(
        total=Count("id"),
        hechas=Count("id", filter=Q(estado__in=ESTADOS_ENVIADA)),
        alegadas=Count("id", filter=Q(estado=E.ALEGADA)),
    )
    datos["a_revisar"] = Evaluacion.objects.filter(
        revisor=empleado, estado=E.ALEGADA
    ).count()
    if not datos["total"] and not datos["a_revisar"]:
        return None
    datos["pendientes"] = datos["total"] - datos["hechas"]
    return datos
