"""The development plan: gaps, the courses that develop them, one click to
enrol."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso

from .. import permissions as perm
from .. import selectors, services
from ..forms import AsignarCursoForm
from .base import evaluacion_visible


@login_required
def plan(request, pk: int):
    """Gaps → courses that develop them → one click to enrol; shows progress."""
    ev = evaluacion_visible(request, pk)
    puede_asignar = perm.puede_asignar_cursos(request.user, ev)
    if not (puede_asignar or (perm.es_evaluado(request.user, ev) and ev.enviada)):
        raise PermissionDenied
    estado = 200
    if request.method == "POST":
        if not puede_asignar:
            raise PermissionDenied
        form = AsignarCursoForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Elija una competencia y un curso."))
            estado = 400
        else:
            try:
                matricula = services.asignar_curso_recomendado(
                    evaluacion=ev,
                    competencia_id=form.cleaned_data["competencia"],
                    curso_id=form.cleaned_data["curso"],
                    por=request.user,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                estado = 400
            else:
                messages.success(
                    request,
                    _("Curso «%(c)s» asignado a %(p)s.")
                    % {"c": matricula.curso.title, "p": ev.empleado},
                )
                return redirect("evaluacion:plan", pk=ev.pk)
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EVALUACION,
        accion=AccesoDatos.Accion.VER,
        objeto=ev,
        sujeto=ev.empleado,
    )
    filas = selectors.filas_de_resultado(ev)
    anteriores = selectors.evolucion_por_competencia(ev)
    for fila in filas:
        fila["anterior"] = anteriores.get(fila["competencia"].pk)
    return render(
        request,
        "evaluacion/plan.html",
        {
            "ev": ev,
            "plan": selectors.plan_de_desarrollo(ev, filas),
            "puede_asignar": puede_asignar,
        },
        status=estado,
    )
