"""Learning: the catalogue, enrolling, lessons and quiz attempts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services
from ..forms import RespuestasIntentoForm
from ..models import (
    CursoPage,
    Intento,
    LeccionPage,
    Matricula,
)
from .base import empleado_o_403, mensaje_error


@login_required
def catalogo(request):
    indice = selectors.indice_de_cursos()
    if indice is None:
        raise Http404
    destino = indice.url
    if request.GET:
        destino += "?" + request.GET.urlencode()
    return redirect(destino)


@login_required
@require_POST
def matricularme(request, curso_id: int):
    empleado = empleado_o_403(request)
    curso = get_object_or_404(CursoPage.objects.live(), pk=curso_id)
    services.matricular(
        empleado=empleado, curso=curso, origen=Matricula.Origen.PROPIA, por=request.user
    )
    messages.success(request, _("Te has matriculado en «%(c)s».") % {"c": curso.title})
    return redirect(curso.url)


@login_required
@require_POST
def completar_leccion(request, leccion_id: int):
    empleado = empleado_o_403(request)
    leccion = get_object_or_404(LeccionPage.objects.live(), pk=leccion_id)
    curso = leccion.get_parent().specific
    matricula = selectors.matricula_actual(empleado, curso)
    if matricula is None or not matricula.abierta:
        messages.error(
            request, _("Matricúlate en el curso para registrar tu progreso.")
        )
        return redirect(leccion.url)
    try:
        completado = services.completar_leccion(matricula=matricula, leccion=leccion)
    except ValidationError as exc:
        messages.error(request, mensaje_error(exc))
        return redirect(leccion.url)
    if completado:
        messages.success(
            request, _("¡Curso completado! Tu certificado se está generando.")
        )
        return redirect(curso.url)
    messages.success(request, _("Lección «%(l)s» completada.") % {"l": leccion.title})
    siguiente = selectors.contexto_leccion(leccion=leccion, usuario=request.user)[
        "progreso"
    ]["siguiente"]
    return redirect(siguiente.url if siguiente else curso.url)


@login_required
@require_POST
def iniciar_cuestionario(request, curso_id: int):
    empleado = empleado_o_403(request)
    curso = get_object_or_404(CursoPage.objects.live(), pk=curso_id)
    matricula = selectors.matricula_actual(empleado, curso)
    if matricula is None:
        messages.error(
            request, _("Matricúlate en el curso para hacer el cuestionario.")
        )
        return redirect(curso.url)
    try:
        intento = services.iniciar_intento(matricula=matricula)
    except ValidationError as exc:
        messages.error(request, mensaje_error(exc))
        return redirect(curso.url)
    return redirect("formacion:intento", intento.pk)


def _intento_propio(request, intento_id: int) -> Intento:
    intento = get_object_or_404(
        Intento.objects.select_related("matricula__curso", "matricula__empleado"),
        pk=intento_id,
    )
    if not permissions.es_propia(request.user, intento.matricula):
        raise PermissionDenied
    return intento


@login_required
def intento(request, intento_id: int):
    intento = _intento_propio(request, intento_id)
    if intento.estado == Intento.Estado.ENVIADO:
        return redirect("formacion:resultado", intento.pk)
    filas = selectors.filas_de_intento(intento)
    contexto = {"intento": intento, "filas": filas, "curso": intento.matricula.curso}
    elegidas, error, estado = {}, None, 200
    if request.method == "POST":
        form = RespuestasIntentoForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(" ".join(form.non_field_errors()))
        elegidas = form.cleaned_data["respuestas"]
        try:
            services.enviar_intento(intento=intento, respuestas=elegidas)
        except ValidationError as exc:
            error, estado = mensaje_error(exc), 400
        else:
            return redirect("formacion:resultado", intento.pk)
    return render(
        request,
        "formacion/intento.html",
        {**contexto, "elegidas": elegidas, "error": error},
        status=estado,
    )


@login_required
def resultado(request, intento_id: int):
    intento = _intento_propio(request, intento_id)
    if intento.estado != Intento.Estado.ENVIADO:
        return redirect("formacion:intento", intento.pk)
    matricula = intento.matricula
    certificado = selectors.certificado_emitido(matricula)
    return render(
        request,
        "formacion/resultado.html",
        {
            "intento": intento,
            "filas": selectors.filas_de_intento(intento),
            "curso": matricula.curso,
            "matricula": matricula,
            "certificado": certificado,
        },
    )
