"""Cartas de servicios: the list and one carta's compliance with its follow-up."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import forms, selectors, services
from ..models import AccionMejora, CartaServicios
from ..periodos import Periodo
from .comun import error, mejora_requerido, primer_error


@mejora_requerido
@require_safe
def cartas(request):
    return render(
        request,
        "mejora/cartas.html",
        {
            "cartas": CartaServicios.objects.select_related("oficina")
            .annotate(n=Count("compromisos"))
            .order_by("nombre"),
        },
    )


@mejora_requerido
def carta(request, pk):
    c = get_object_or_404(CartaServicios, pk=pk)
    filtro = forms.CartaFiltroForm(request.GET)
    if not filtro.is_valid():
        return error(request, primer_error(filtro))
    if request.method == "POST":
        form = forms.SeguimientoForm(request.POST, carta=c)
        if not form.is_valid():
            if "compromiso" in form.errors:
                raise Http404
            if "periodo" in form.errors:
                return error(request, form.errors["periodo"][0])
            return error(request, _("Revise la causa y las acciones."))
        seguimiento = services.registrar_seguimiento(**form.cleaned_data)
        messages.success(request, _("Causa y acciones guardadas."))
        anio = Periodo.de(seguimiento.periodo).anio
        return redirect(f"{reverse('mejora:carta', args=[c.pk])}?anio={anio}")
    return render(
        request,
        "mejora/carta.html",
        {
            "c": selectors.cumplimiento_carta(c, filtro.cleaned_data["anio"]),
            "acciones": AccionMejora.objects.order_by("-plan__anio", "titulo").only(
                "pk", "titulo"
            ),
        },
    )
