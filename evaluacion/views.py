"""HTTP glue: authorise (permissions.py), call one service or selector, render."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizacion.models import MarcoCompetencial, Oficina, Rol
from organizacion.permissions import tiene_rol
from organizacion.selectors import empleado_de, ids_del_equipo

from . import permissions as perm
from . import selectors, services
from .forms import (
    AlegarForm,
    AsignarCursoForm,
    FiltroOficinaForm,
    PuntuacionesForm,
    ReconocerForm,
    RevisarForm,
    VersionForm,
)
from .models import Campana, Evaluacion
from .pdf import contexto_resultado


def _evaluacion(request, pk) -> Evaluacion:
    try:
        ev = selectors.evaluacion_detalle(pk)
    except Evaluacion.DoesNotExist as exc:
        raise Http404 from exc
    if not perm.puede_ver(request.user, ev):
        raise PermissionDenied
    return ev


def _para(request, pk, permiso) -> tuple[Evaluacion, list[dict], list]:
    """The evaluation if `permiso` lets the user act on it, with its rows and
    its framework's scale (what every scoring form is built from)."""
    ev = _evaluacion(request, pk)
    if not permiso(request.user, ev):
        raise PermissionDenied
    return ev, selectors.filas_de_resultado(ev), selectors.escala(ev.campana.marco_id)


class _Envio(NamedTuple):
    estado: int  # 200 done; 400 invalid form or refused; 409 conflict
    resultado: object = None  # what the service returned
    rechazado: bool = False  # the form was valid and the service refused it


def _ejecutar(form, servicio: Callable) -> _Envio:
    """`servicio(form)` for a valid form; a refusal puts the service's messages
    on the form. 409 when the request is fine but the evaluation's current
    state refuses it (someone else saved first, the appeal deadline)."""
    if not form.is_valid():
        return _Envio(400)
    try:
        resultado = servicio(form)
    except ValidationError as exc:
        for mensaje in exc.messages:
            form.add_error(None, mensaje)
        conflictos = (services.ConflictoDeEdicion, services.CierreEnPlazoDeAlegaciones)
        return _Envio(409 if isinstance(exc, conflictos) else 400, rechazado=True)
    return _Envio(200, resultado)


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
    ev = _evaluacion(request, pk)
    return render(
        request, "evaluacion/evaluacion.html", _contexto_evaluacion(request, ev)
    )


@login_required
def puntuar(request, pk: int):
    ev, filas, escala = _para(request, pk, perm.puede_puntuar)
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
        envio = _ejecutar(
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
    ev, filas, escala = _para(request, pk, perm.puede_autoevaluar)
    estado = 200
    if request.method == "POST":
        form = PuntuacionesForm(
            request.POST,
            filas=filas,
            escala=escala,
            campo="autoevaluacion",
            con_evidencia=False,
        )
        envio = _ejecutar(
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


def _responder(request, ev, form, servicio, exito, clave):
    envio = _ejecutar(form, servicio)
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
    ev = _evaluacion(request, pk)
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
    ev = _evaluacion(request, pk)
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
    ev = _evaluacion(request, pk)
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
def revisar(request, pk: int):
    ev, filas, escala = _para(request, pk, perm.puede_revisar)
    estado = 200
    if request.method == "POST":
        form = RevisarForm(request.POST, filas=filas, escala=escala)
        envio = _ejecutar(
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
    return render(
        request,
        "evaluacion/revisar.html",
        {"ev": ev, "form": form, "filas": filas},
        status=estado,
    )


@login_required
def pdf(request, pk: int):
    ev = _evaluacion(request, pk)
    if not perm.puede_ver_niveles_supervision(request.user, ev) or not ev.enviada:
        raise PermissionDenied
    if not ev.pdf or ev.pdf_version != ev.version:
        from .tasks import generar_pdf_evaluacion

        generar_pdf_evaluacion.delay(ev.pk)
        ev.refresh_from_db(fields=["pdf", "pdf_version"])
        if not ev.pdf or ev.pdf_version != ev.version:
            messages.info(
                request,
                _("El PDF se está generando; vuelva a intentarlo en unos segundos."),
            )
            return redirect(ev)
    return FileResponse(
        ev.pdf.open("rb"),
        as_attachment=True,
        filename=f"evaluacion-{ev.pk}.pdf",
        content_type="application/pdf",
    )


# --- Campaigns: progress, heatmap, calibration ---------------------------------------


def _ambito(request, campana: Campana) -> dict:
    """Dirección and calidad see the whole campaign (filterable by office);
    a supervisor sees their team, direct and indirect."""
    if not perm.puede_ver_campanas(request.user):
        raise PermissionDenied
    filtro = FiltroOficinaForm(request.GET)
    if not filtro.is_valid():
        raise ValidationError(_("Oficina no válida."))
    oficina_id = filtro.cleaned_data["oficina"]
    if request.user.is_superuser or tiene_rol(request.user, Rol.DIRECCION, Rol.CALIDAD):
        return {"empleado_ids": None, "oficina_id": oficina_id, "global": True}
    yo = empleado_de(request.user)
    if yo is None:
        raise PermissionDenied
    return {
        "empleado_ids": ids_del_equipo(yo),
        "oficina_id": oficina_id,
        "global": False,
    }


def _campana_y_ambito(request, pk):
    campana = get_object_or_404(Campana.objects.select_related("marco"), pk=pk)
    try:
        ambito = _ambito(request, campana)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc
    return campana, ambito


def _oficinas_filtro(ambito):
    return (
        list(Oficina.objects.activas().only("id", "nombre")) if ambito["global"] else []
    )


@login_required
def campanas(request):
    if not perm.puede_ver_campanas(request.user):
        raise PermissionDenied
    return render(
        request,
        "evaluacion/campanas.html",
        {
            "campanas": list(selectors.campanas()),
            "configura": perm.puede_configurar(request.user),
        },
    )


@login_required
def campana(request, pk: int):
    campana, ambito = _campana_y_ambito(request, pk)
    progreso = selectors.progreso_por_evaluador(
        campana, empleado_ids=ambito["empleado_ids"], oficina_id=ambito["oficina_id"]
    )
    totales = {
        k: sum(f[k] for f in progreso)
        for k in ("total", "hechas", "pendientes", "atrasadas", "alegadas")
    }
    return render(
        request,
        "evaluacion/campana.html",
        {
            "campana": campana,
            "progreso": progreso,
            "totales": totales,
            "ambito": ambito,
            "oficinas": _oficinas_filtro(ambito),
            "configura": perm.puede_configurar(request.user),
        },
    )


def _vista_de_campana(request, pk: int, selector: Callable, plantilla: str):
    """A campaign page whose figures come from one selector over the scope."""
    campana, ambito = _campana_y_ambito(request, pk)
    datos = selector(
        campana, empleado_ids=ambito["empleado_ids"], oficina_id=ambito["oficina_id"]
    )
    return render(
        request,
        plantilla,
        {
            "campana": campana,
            "ambito": ambito,
            "oficinas": _oficinas_filtro(ambito),
            **datos,
        },
    )


@login_required
def mapa(request, pk: int):
    return _vista_de_campana(
        request, pk, selectors.mapa_de_calor, "evaluacion/mapa.html"
    )


@login_required
def calibracion(request, pk: int):
    return _vista_de_campana(
        request, pk, selectors.calibracion, "evaluacion/calibracion.html"
    )


def _operar_campana(request, pk: int, operacion: Callable, exito: Callable):
    """Quality staff open or close a campaign: `operacion(campana)` and its
    result in `exito(resultado)`, or the service's refusal, as a message."""
    if not perm.puede_configurar(request.user):
        raise PermissionDenied
    campana = get_object_or_404(Campana, pk=pk)
    try:
        r = operacion(campana)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, exito(r))
    return redirect(campana)


@require_POST
@login_required
def cerrar_campana(request, pk: int):
    return _operar_campana(
        request,
        pk,
        lambda c: services.cerrar_campana(campana=c, por=request.user),
        lambda r: (
            _("Campaña cerrada: %(n)s evaluaciones cerradas.") % {"n": r["cerradas"]}
        ),
    )


@require_POST
@login_required
def abrir_campana(request, pk: int):
    return _operar_campana(
        request,
        pk,
        lambda c: services.abrir_campana(campana=c),
        lambda r: (
            _("Campaña abierta: %(n)s evaluaciones creadas.") % {"n": r["creadas"]}
        ),
    )


# --- Frameworks --------------------------------------------------------------------


@login_required
def marcos(request):
    if not perm.puede_configurar(request.user):
        raise PermissionDenied
    lista = list(
        MarcoCompetencial.objects.prefetch_related("niveles").order_by(
            "nombre", "-version"
        )
    )
    return render(request, "evaluacion/marcos.html", {"marcos": lista})


@require_POST
@login_required
def nueva_version(request, pk: int):
    if not perm.puede_configurar(request.user):
        raise PermissionDenied
    marco = get_object_or_404(MarcoCompetencial, pk=pk)
    nuevo = services.nueva_version_marco(marco=marco)
    messages.success(
        request,
        _("Creada la versión %(v)s: edítela en la administración.")
        % {"v": nuevo.version},
    )
    return redirect("evaluacion:marcos")


# --- Development plan --------------------------------------------------------------


@login_required
def plan(request, pk: int):
    """Gaps → courses that develop them → one click to enrol; shows progress."""
    ev = _evaluacion(request, pk)
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
