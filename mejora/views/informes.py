"""Reports: request, follow the generation, read, download, approve, regenerate."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from comun.ficheros import respuesta_privada
from organizacion.models import Rol
from organizacion.permissions import rol_requerido

from .. import forms, selectors, services
from ..models import Informe
from ..periodos import Periodo
from ..permissions import puede_aprobar_informe
from .comun import error, mejora_requerido


@mejora_requerido
def informes(request):
    form = forms.InformeForm(
        request.POST or None,
        initial={"periodo": Periodo.trimestre_de(timezone.localdate()).anterior.clave},
    )
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                inf = services.solicitar_informe(
                    tipo=d["tipo"],
                    periodo=d["periodo"],
                    modelo=d["modelo"],
                    por=request.user,
                    ambito=d["ambito"],
                    oficina=d["oficina"],
                    canal=d["canal"],
                )
            except ValidationError as e:
                form.adderror(None, e)
            else:
                return redirect(inf)
    lista = Informe.objects.select_related("modelo", "oficina").order_by(
        "-periodo", "ambito_clave", "pk"
    )[:50]
    return render(
        request,
        "mejora/informes.html",
        {"form": form, "informes": lista},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@mejora_requerido
@require_safe
def informe(request, pk):
    inf = get_object_or_404(
        Informe.objects.select_related("modelo", "oficina", "aprobado_por"), pk=pk
    )
    interrumpido = selectors.informe_interrumpido(inf)
    en_curso = not interrumpido and inf.estado in (
        Informe.Estado.PENDIENTE,
        Informe.Estado.GENERANDO,
    )
    return render(
        request,
        "mejora/informe.html",
        {
            "inf": inf,
            "en_curso": en_curso,
            "interrumpido": interrumpido,
            "d": inf.datos if inf.datos else None,
            # A failed final PDF of an approval may be approved again (retry).
            "puede_aprobar": puede_aprobar_informe(request.user)
            and (
                (inf.estado == Informe.Estado.LISTO and not inf.aprobado_por_id)
                or (inf.estado == Informe.Estado.ERROR and inf.aprobado_por_id)
            ),
        },
    )


@never_cache
@mejora_requerido
@require_safe
def informe_estado(request, pk):
    inf = get_object_or_404(Informe, pk=pk)
    return JsonResponse(
        {
            "estado": inf.estado,
            "estado_texto": inf.get_estado_display(),
            "progreso": inf.progreso,
            "etapa": inf.etapa,
            "listo": inf.estado in (Informe.Estado.LISTO, Informe.Estado.APROBADO),
            "interrumpido": selectors.informe_interrumpido(inf),
        }
    )


@mejora_requerido
@require_safe
def informe_pdf(request, pk):
    inf = get_object_or_404(Informe, pk=pk)
    if not inf.archivo:
        return error(request, _("El PDF aún no está generado."), status=409)
    ambito = inf.ambito_clave.replace(":", "_")
    respuesta = respuesta_privada(
        request, inf.archivo, f"informe-mejora-{inf.periodo}-{ambito}.pdf"
    )
    respuesta["X-Content-SHA256"] = inf.sha256
    return respuesta


@rol_requerido(Rol.DIRECCION)
@require_POST
def informe_aprobar(request, pk):
    inf = get_object_or_404(Informe, pk=pk)
    try:
        services.aprobar_informe(informe=inf, por=request.user)
    except ValidationError as e:
        return error(request, e.messages[0], status=409)
    messages.success(
        request,
        _(
            "Aprobación registrada: se genera el PDF definitivo con la aprobación "
            "y el informe queda congelado."
        ),
    )
    return redirect(inf)


@mejora_requerido
@require_POST
def informe_regenerar(request, pk):
    inf = get_object_or_404(Informe, pk=pk)
    try:
        services.solicitar_informe(
            tipo=inf.tipo,
            periodo=inf.periodo,
            modelo=inf.modelo,
            por=request.user,
            ambito=inf.ambito,
            oficina=inf.oficina,
            canal=inf.canal,
        )
    except ValidationError as e:
        return error(request, e.messages[0], status=409)
    return redirect(inf)
