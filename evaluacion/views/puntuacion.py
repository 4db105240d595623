"""The scoring forms: the supervisor's scores, the self-assessment and the
review of an appeal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso

from .. import permissions as perm
from .. import services
from ..forms import PuntuacionesForm, RevisarForm
from .base import ejecutar, evaluacion_para


@login_required
def puntuar(request, pk: int):
    ev, filas, escala = evaluacion_para(request, pk, perm.puede_puntuar)
    estado = 200
    if request.method == "POST":
        form = PuntuacionesForm(request.POST, filas=filas, escala=escala)
        # Which button was pressed: «save» or «save and send».
        enviar = "enviar" in request.POST
        servicio = (
            services.guardar_y_enviar_evaluacion
            if enviar
            else services.guardar_puntuaciones
        )
        envio = ejecutar(
            form,
            lambda f: servicio(
                evaluacion=ev,
                version=f.cleaned_data["version"],
                datos=f.datos(),
                comentario=f.cleaned_data["comentario"],
                por=request.user,
            ),
        )
        if envio.estado == 200:
            ev = envio.resultado
            if enviar:
                messages.success(
                    request, _("Evaluación enviada a %(p)s.") % {"p": ev.empleado}
                )
                return redirect(ev)
            messages.success(request, _("Puntuaciones guardadas."))
            return redirect("evaluacion:puntuar", pk=ev.pk)
        estado = envio.estado
        if envio.rechazado and estado != 409:
            # Scores saved, sending refused: carry on from the saved version.
            ev.refresh_from_db()
            form.data = form.data.copy()
            form.data["version"] = ev.version
    else:
        form = PuntuacionesForm(
            initial={"version": ev.version, "comentario": ev.comentario_evaluador},
            filas=filas,
            escala=escala,
        )
    return render(
        request,
        "evaluacion/puntuar.html",
        {"ev": ev, "form": form, "filas": filas, "escala": escala},
        status=estado,
    )


@login_required
def autoevaluar(request, pk: int):
    ev, filas, escala = evaluacion_para(request, pk, perm.puede_autoevaluar)
    estado = 200
    if request.method == "POST":
        form = PuntuacionesForm(
            request.POST,
            filas=filas,
            escala=escala,
            campo="autoevaluacion",
            con_evidencia=False,
        )
        envio = ejecutar(
            form,
            lambda f: services.guardar_autoevaluacion(
                evaluacion=ev,
                version=f.cleaned_data["version"],
                niveles={k: v["nivel"] for k, v in f.datos().items()},
                por=request.user,
                finalizar="terminar" in request.POST,
            ),
        )
        if envio.estado == 200:
            messages.success(request, _("Autoevaluación guardada."))
            return redirect(envio.resultado)
        estado = envio.estado
    else:
        form = PuntuacionesForm(
            initial={"version": ev.version},
            filas=filas,
            escala=escala,
            campo="autoevaluacion",
            con_evidencia=False,
        )
    return render(
        request,
        "evaluacion/autoevaluar.html",
        {"ev": ev, "form": form, "filas": filas},
        status=estado,
    )


@login_required
def revisar(request, pk: int):
    ev, filas, escala = evaluacion_para(request, pk, perm.puede_revisar)
    estado = 200
    if request.method == "POST":
        form = RevisarForm(request.POST, filas=filas, escala=escala)
        envio = ejecutar(
            form,
            lambda f: services.revisar_alegacion(
                evaluacion=ev,
                version=f.cleaned_data["version"],
                decision=f.cleaned_data["decision"],
                motivos=f.cleaned_data["motivos"],
                niveles=f.niveles(),
                por=request.user,
            ),
        )
        if envio.estado == 200:
            messages.success(request, _("Alegación resuelta."))
            return redirect(ev)
        estado = envio.estado
    else:
        form = RevisarForm(initial={"version": ev.version}, filas=filas, escala=escala)
        # The appeal's text and the evaluation, as the reviewer reads them.
        registrar_acceso(
            request,
            categoria=AccesoDatos.Categoria.ALEGACION,
            accion=AccesoDatos.Accion.VER,
            objeto=ev,
            sujeto=ev.empleado,
        )
    return render(
        request,
        "evaluacion/revisar.html",
        {"ev": ev, "form": form, "filas": filas},
        status=estado,
    )
