"""The dashboard, one indicator with its targets, manual values and the
recomputation of the rollup."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .. import forms, selectors, services
from .. import informe as documento
from ..models import Indicador, MetaIndicador, ValorManual
from ..periodos import Periodo
from .comun import error, mejora_requerido, primer_error


@mejora_requerido
@require_safe
def tablero(request):
    filtro = forms.FiltroForm(request.GET)
    if not filtro.is_valid():
        return error(request, primer_error(filtro))
    periodo = filtro.cleaned_data["periodo"]
    ambito, nombre_ambito = filtro.cleaned_data["ambito"]
    tarjetas = [
        documento._tarjeta(t) for t in selectors.analisis_indicadores(periodo, ambito)
    ]
    return render(
        request,
        "mejora/tablero.html",
        {
            "periodo": periodo,
            "ambito": ambito,
            "nombre_ambito": nombre_ambito,
            # The quarter in course is partial: said so, as in the report.
            "en_curso": periodo.en_curso(timezone.localdate()),
            "calculo": selectors.estado_calculo(periodo.clave),
            "tarjetas": tarjetas,
            "ambitos": selectors.ambitos_disponibles(),
            "periodos": [
                p.clave
                for p in reversed(Periodo.trimestre_de(timezone.localdate()).serie(8))
            ],
        },
    )


@mejora_requerido
def indicador(request, codigo):
    ind = get_object_or_404(Indicador, codigo=codigo)
    filtro = forms.FiltroForm(request.GET)
    if not filtro.is_valid():
        return error(request, primer_error(filtro))
    periodo = filtro.cleaned_data["periodo"]
    ambito, nombre_ambito = filtro.cleaned_data["ambito"]
    form = forms.MetaForm(request.POST or None, initial={"anio": periodo.anio})
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.fijar_meta(
                    indicador=ind,
                    anio=d["anio"],
                    trimestre=d["trimestre"],
                    objetivo=d["objetivo"],
                    umbral=d["umbral"],
                    ambito=d["ambito"],
                    oficina=d["oficina"],
                    canal=d["canal"],
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(request, _("Meta guardada."))
                return redirect(
                    reverse("mejora:indicador", args=[ind.codigo])
                    + f"?periodo={periodo.clave}"
                )
    tarjeta = documento._tarjeta(
        selectors.analisis_indicadores(periodo, ambito, [ind])[0]
    )
    return render(
        request,
        "mejora/indicador.html",
        {
            "ind": ind,
            "t": tarjeta,
            "periodo": periodo,
            "en_curso": periodo.en_curso(timezone.localdate()),
            "calculo": selectors.estado_calculo(periodo.clave),
            "ambito": ambito,
            "nombre_ambito": nombre_ambito,
            "segmentos": selectors.segmentacion(ind, periodo),
            "metas": MetaIndicador.objects.filter(indicador=ind)
            .select_related("oficina")
            .order_by("-anio", "trimestre", "ambito_clave"),
            "form": form,
            "status": 400 if request.method == "POST" else 200,
        },
        status=400 if request.method == "POST" else 200,
    )


@mejora_requerido
def valores_manuales(request):
    # Two forms on the page: a hidden `accion` says which one was sent.
    es_csv = request.POST.get("accion") == "csv"
    form = forms.ValorManualForm(
        request.POST if request.method == "POST" and not es_csv else None
    )
    form_csv = (
        forms.ImportarCSVForm(request.POST, request.FILES)
        if es_csv
        else forms.ImportarCSVForm()
    )
    if request.method == "POST":
        if not es_csv and form.is_valid():
            d = form.cleaned_data
            try:
                services.registrar_valor_manual(
                    indicador=d["indicador"],
                    periodo=d["periodo"],
                    valor=d["valor"],
                    n=d["n"],
                    nota=d["nota"],
                    ambito=d["ambito"],
                    oficina=d["oficina"],
                    canal=d["canal"],
                    por=request.user,
                )
            except ValidationError as e:
                form.add_error(None, e)
            else:
                messages.success(
                    request,
                    _("Valor guardado; el indicador se recalcula en segundo plano."),
                )
                return redirect("mejora:valores")
        elif es_csv and form_csv.is_valid():
            try:
                n = services.importar_valores_csv(
                    contenido=form_csv.cleaned_data["archivo"], por=request.user
                )
            except ValidationError as e:
                form_csv.add_error("archivo", e)
            else:
                messages.success(request, _("%(n)d valores importados.") % {"n": n})
                return redirect("mejora:valores")
    return render(
        request,
        "mejora/valores.html",
        {
            "form": form,
            "form_csv": form_csv,
            "valores": ValorManual.objects.select_related(
                "indicador", "oficina"
            ).order_by("-periodo", "indicador__orden")[:100],
        },
        status=400 if request.method == "POST" else 200,
    )


@mejora_requerido
@require_POST
def recalcular(request):
    services.encargar_recalculo(hoy=timezone.localdate())
    messages.success(request, _("Recálculo de indicadores encargado."))
    return redirect("mejora:tablero")
