"""One evaluation's page and its one-click actions (acknowledge, appeal,
close), the inbox, and the stored PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso
from comun.ficheros import respuesta_privada
from organizacion.selectors import empleado_de

from .. import permissions as perm
from .. import selectors, services
from ..forms import AlegarForm, ReconocerForm, VersionForm
from ..models import Evaluacion
from ..pdf import contexto_resultado
from .base import ejecutar, evaluacion_visible


@login_required
def inicio(request):
    yo = empleado_de(request.user)
    contexto = {"mias": [], "a_cargo": [], "a_revisar": []}
    if yo is not None:
        contexto["mias"] = list(selectors.evaluaciones_de(yo)[:50])
        contexto["a_cargo"] = list(
            selectors.evaluaciones_a_cargo(yo).exclude(
                estado=Evaluacion.Estado.CERRADA
            )[:200]
        )
        contexto["a_revisar"] = list(selectors.alegaciones_a_revisar(yo)[:100])
    contexto["ve_campanas"] = perm.puede_ver_campanas(request.user)
    contexto["configura"] = perm.puede_configurar(request.user)
    return render(request, "evaluacion/inicio.html", contexto)


def _contexto_evaluacion(request, ev: Evaluacion) -> dict:
    niveles_visibles = perm.puede_ver_niveles_supervision(request.user, ev)
    resultado = contexto_resultado(ev, mostrar_niveles=niveles_visibles)
    anteriores = selectors.evolucion_por_competencia(ev) if niveles_visibles else {}
    for fila in resultado["filas"]:
        fila["anterior"] = anteriores.get(fila["competencia"].pk)
        if fila["anterior"] is not None and fila["nivel"] is not None:
            fila["cambio"] = fila["nivel"] - fila["anterior"]
    return {
        **resultado,
        "niveles_visibles": niveles_visibles,
        "historial": selectors.historial(ev),
        "puede_puntuar": perm.puede_puntuar(request.user, ev),
        "espera_autoevaluacion": perm.es_evaluador(request.user, ev)
        and perm.espera_autoevaluacion(ev),
        "puede_autoevaluar": perm.puede_autoevaluar(request.user, ev),
        "puede_reconocer": perm.puede_reconocer(request.user, ev),
        "puede_alegar": perm.puede_alegar(request.user, ev),
        "puede_revisar": perm.puede_revisar(request.user, ev),
        "puede_cerrar": perm.puede_cerrar(request.user, ev),
        "motivo_no_cerrar": services.motivo_para_no_cerrar(ev),
        "puede_plan": perm.puede_asignar_cursos(request.user, ev)
        or (perm.es_evaluado(request.user, ev) and ev.enviada),
        "es_evaluado": perm.es_evaluado(request.user, ev),
        "form_reconocer": ReconocerForm(
            initial={"version": ev.version}, prefix="reconocer"
        ),
        "form_alegar": AlegarForm(initial={"version": ev.version}, prefix="alegar"),
        "form_version": VersionForm(initial={"version": ev.version}),
    }


@login_required
def evaluacion(request, pk: int):
    ev = evaluacion_visible(request, pk)
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EVALUACION,
        accion=AccesoDatos.Accion.VER,
        objeto=ev,
        sujeto=ev.empleado,
    )
    return render(
        request, "evaluacion/evaluacion.html", _contexto_evaluacion(request, ev)
    )


def _responder(request, ev, form, servicio, exito, clave):
    envio = ejecutar(form, servicio)
    if envio.estado == 200:
        messages.success(request, exito)
        return redirect(ev)
    contexto = _contexto_evaluacion(request, ev)
    contexto[clave] = form
    messages.error(
        request,
        " ".join(str(e) for e in form.non_field_errors()) or _("Revise el formulario."),
    )
    return render(request, "evaluacion/evaluacion.html", contexto, status=envio.estado)


@require_POST
@login_required
def reconocer(request, pk: int):
    ev = evaluacion_visible(request, pk)
    if not perm.puede_reconocer(request.user, ev):
        raise PermissionDenied
    form = ReconocerForm(request.POST, prefix="reconocer")
    return _responder(
        request,
        ev,
        form,
        lambda f: services.reconocer_evaluacion(
            evaluacion=ev,
            version=f.cleaned_data["version"],
            comentario=f.cleaned_data["comentario"],
            por=request.user,
        ),
        _(
            "Ha dado la evaluación por recibida. Puede presentar alegaciones "
            "hasta el %(f)s."
        )
        % {"f": ev.plazo_alegaciones.strftime("%d/%m/%Y")}
        if ev.plazo_alegaciones
        else _("Ha dado la evaluación por recibida."),
        "form_reconocer",
    )


@require_POST
@login_required
def alegar(request, pk: int):
    ev = evaluacion_visible(request, pk)
    # Only the person evaluated; a late or out-of-state appeal gets the
    # service's explanation (400), not a bare 403.
    if not perm.es_evaluado(request.user, ev):
        raise PermissionDenied
    form = AlegarForm(request.POST, prefix="alegar")
    return _responder(
        request,
        ev,
        form,
        lambda f: services.alegar_evaluacion(
            evaluacion=ev,
            version=f.cleaned_data["version"],
            texto=f.cleaned_data["texto"],
            por=request.user,
        ),
        _("Alegación presentada. La revisará %(r)s.") % {"r": ev.revisor or "—"},
        "form_alegar",
    )


@require_POST
@login_required
def cerrar(request, pk: int):
    ev = evaluacion_visible(request, pk)
    if not perm.puede_cerrar(request.user, ev):
        raise PermissionDenied
    form = VersionForm(request.POST)
    return _responder(
        request,
        ev,
        form,
        lambda f: services.cerrar_evaluacion(
            evaluacion=ev, version=f.cleaned_data["version"], por=request.user
        ),
        _("Evaluación cerrada."),
        "form_version",
    )


@login_required
def pdf(request, pk: int):
    ev = evaluacion_visible(request, pk)
    if not perm.puede_ver_niveles_supervision(request.user, ev) or not ev.enviada:
        raise PermissionDenied
    if not ev.pdf or ev.pdf_version != ev.version:
        from ..tasks import generar_pdf_evaluacion  # tasks import services

        generar_pdf_evaluacion.delay(ev.pk)
        ev.refresh_from_db(fields=["pdf", "pdf_version"])
        if not ev.pdf or ev.pdf_version != ev.version:
            messages.info(
                request,
                _("El PDF se está generando; vuelva a intentarlo en unos segundos."),
            )
            return redirect(ev)
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EVALUACION,
        accion=AccesoDatos.Accion.DESCARGAR,
        objeto=ev,
        sujeto=ev.empleado,
    )
    return respuesta_privada(request, ev.pdf, f"evaluacion-{ev.pk}.pdf")
