"""Strengths and areas for improvement, the improvement plan and its actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import forms, selectors, services
from ..models import AccionMejora, Hallazgo, PlanMejora
from .comun import error, mejora_requerido, primer_error


@mejora_requerido
def hallazgos(request):
    filtro = forms.FiltroForm(request.GET)
    if not filtro.is_valid():
        return error(request, primer_error(filtro))
    periodo = filtro.cleaned_data["periodo"]
    ambito, nombre_ambito = filtro.cleaned_data["ambito"]
    if request.method == "POST":
        # Two buttons on the page: propose from the data, or save one finding.
        if "proponer" in request.POST:
            n = len(
                services.proponer_hallazgos(periodo=periodo.clave, ambito_clave=ambito)
            )
            messages.success(
                request,
                _(
                    "%(n)d puntos fuertes y áreas de mejora "
                    "propuestos a partir de los datos."
                )
                % {"n": n},
            )
        else:
            form = forms.HallazgoForm(request.POST)
            if not form.is_valid():
                if "hallazgo" in form.errors:
                    raise Http404
                return error(request, _("Revise el texto y el estado."))
            services.editar_hallazgo(**form.cleaned_data, por=request.user)
            messages.success(request, _("Cambios guardados."))
        return redirect(
            f"{reverse('mejora:hallazgos')}?periodo={periodo.clave}&ambito={ambito}"
        )
    lista = list(
        Hallazgo.objects.filter(periodo=periodo.clave, ambito_clave=ambito)
        .select_related("indicador")
        .order_by("tipo", "pk")
    )
    return render(
        request,
        "mejora/hallazgos.html",
        {
            "periodo": periodo,
            "ambito": ambito,
            "nombre_ambito": nombre_ambito,
            "hallazgos": lista,
            "estados": Hallazgo.Estado.choices,
        },
    )


@mejora_requerido
@require_safe
def plan(request):
    filtro = forms.PlanFiltroForm(request.GET)
    if not filtro.is_valid():
        raise Http404
    planes = list(PlanMejora.objects.order_by("-anio", "nombre"))
    elegido = filtro.cleaned_data["plan"] or (planes[0] if planes else None)
    acciones = selectors.acciones_del_plan(elegido) if elegido else []
    hoy = timezone.localdate()
    return render(
        request,
        "mejora/plan.html",
        {
            "planes": planes,
            "plan": elegido,
            "hoy": hoy,
            "acciones": [
                {
                    "a": a,
                    "efecto": selectors.efecto_accion(a),
                    "vencida": a.abierta and a.fecha_fin < hoy,
                }
                for a in acciones
            ],
        },
    )


@mejora_requerido
def accion(request, pk=None):
    instancia = get_object_or_404(AccionMejora, pk=pk) if pk else None
    form = forms.AccionForm(request.POST or None, instance=instancia)
    if request.method == "POST":
        if form.is_valid():
            try:
                a = services.guardar_accion(accion=form.save(commit=False))
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("Acción guardada."))
                return redirect(f"{reverse('mejora:plan')}?plan={a.plan_id}")
    return render(
        request,
        "mejora/accion.html",
        {"form": form, "accion": instancia},
        status=400 if request.method == "POST" else 200,
    )
