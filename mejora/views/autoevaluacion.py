"""Self-assessments: the list, and one with individual and consensus scores."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import forms, selectors, services
from ..models import Autoevaluacion, PuntuacionFinal, PuntuacionIndividual
from ..permissions import puede_puntuar
from .comun import error, mejora_requerido


@mejora_requerido
@require_safe
def autoevaluaciones(request):
    return render(
        request,
        "mejora/autoevaluaciones.html",
        {
            "lista": Autoevaluacion.objects.select_related(
                "modelo", "oficina"
            ).order_by("-periodo", "pk"),
        },
    )


@mejora_requerido
def autoevaluacion(request, pk):
    a = get_object_or_404(Autoevaluacion.objects.select_related("modelo"), pk=pk)
    if request.method == "POST":
        # Each subcriterion has two forms: a member's score and the consensus.
        final = "final" in request.POST
        form = (forms.PuntuacionFinalForm if final else forms.PuntuacionForm)(
            request.POST, modelo=a.modelo
        )
        valido = form.is_valid()
        if "subcriterio" in form.errors:
            raise Http404
        if not final and not puede_puntuar(request.user, a):
            raise PermissionDenied
        if not valido:
            return error(request, _("La puntuación debe estar entre 0 y 100."))
        try:
            if final:
                services.fijar_puntuacion_final(autoevaluacion=a, **form.cleaned_data)
            else:
                services.puntuar(
                    autoevaluacion=a, miembro=request.user, **form.cleaned_data
                )
        except ValidationError as e:
            return error(request, e.messages[0])
        messages.success(request, _("Puntuación guardada."))
        sub = form.cleaned_data["subcriterio"]
        return redirect(reverse("mejora:autoevaluacion", args=[a.pk]) + f"#s{sub.pk}")
    mias = {
        p.subcriterio_id: p
        for p in PuntuacionIndividual.objects.filter(
            autoevaluacion=a, miembro=request.user
        )
    }
    finales = {
        f.subcriterio_id: f for f in PuntuacionFinal.objects.filter(autoevaluacion=a)
    }
    return render(
        request,
        "mejora/autoevaluacion.html",
        {
            "a": a,
            "estructura": selectors.estructura_modelo(a.modelo),
            "mias": mias,
            "finales": finales,
            "consenso": selectors.consenso(a)[:10],
            "puntuacion": selectors.puntuacion_modelo(a),
            "es_miembro": puede_puntuar(request.user, a),
            "paneles": a.modelo.paneles.order_by("tipo", "atributo", "orden"),
        },
    )
