"""HTTP glue for mejora: parse, authorise (dirección and calidad only), call a
selector or a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from organizacion.models import Canal, Oficina, Rol
from organizacion.permissions import rol_requerido

from . import forms, selectors, services
from . import informe as documento
from .models import (
    AccionMejora,
    Autoevaluacion,
    CartaServicios,
    Compromiso,
    Hallazgo,
    Indicador,
    Informe,
    MetaIndicador,
    PlanMejora,
    PuntuacionFinal,
    PuntuacionIndividual,
    SeguimientoCompromiso,
    Subcriterio,
)
from .periodos import Periodo
from .permissions import ROLES_MEJORA, puede_aprobar_informe, puede_puntuar

mejora_requerido = rol_requerido(*ROLES_MEJORA)


def _error(request, mensaje, status=400):
    return render(request, "mejora/error.html", {"mensaje": mensaje}, status=status)


def _periodo(request, trimestral=True) -> Periodo:
    clave = request.GET.get("periodo")
    if clave:
        return Periodo.de(clave)
    return (
        selectors.ultimo_periodo_con_datos(trimestral)
        or Periodo.trimestre_de(timezone.localdate()).anterior
    )


def _ambito(request) -> tuple[str, str]:
    """?ambito=oficina:12 | canal:presencial | organizacion → (key, label)."""
    clave = request.GET.get("ambito") or "organizacion"
    if clave == "organizacion":
        return clave, _("Toda la organización")
    tipo, _sep, valor = clave.partition(":")
    if tipo == "oficina" and valor.isdigit():
        oficina = Oficina.objects.filter(pk=int(valor)).first()
        if oficina:
            return clave, oficina.nombre
    if tipo == "canal":
        canal = Canal.objects.filter(codigo=valor).first()
        if canal:
            return clave, canal.nombre
    raise ValidationError(_("Ámbito no válido."))


@mejora_requerido
@require_GET
def tablero(request):
    try:
        periodo = _periodo(request)
        ambito, nombre_ambito = _ambito(request)
    except ValidationError as e:
        return _error(request, e.messages[0])
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
    try:
        periodo = _periodo(request)
        ambito, nombre_ambito = _ambito(request)
    except ValidationError as e:
        return _error(request, e.messages[0])
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
    from .models import ValorManual

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
    periodos = services.periodos_por_defecto(timezone.localdate(), completo=True)
    from .tasks import recalcular_indicadores

    transaction.on_commit(lambda: recalcular_indicadores.delay(periodos=periodos))
    messages.success(request, _("Recálculo de indicadores encargado."))
    return redirect("mejora:tablero")


# --- Findings ---------------------------------------------------------------------


@mejora_requerido
def hallazgos(request):
    try:
        periodo = _periodo(request)
        ambito, nombre_ambito = _ambito(request)
    except ValidationError as e:
        return _error(request, e.messages[0])
    if request.method == "POST":
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
            h = get_object_or_404(Hallazgo, pk=request.POST.get("hallazgo") or 0)
            form = forms.HallazgoForm(request.POST, instance=h)
            if not form.is_valid():
                return _error(request, _("Revise el texto y el estado."))
            services.editar_hallazgo(
                hallazgo=h,
                texto=form.cleaned_data["texto"],
                estado=form.cleaned_data["estado"],
                por=request.user,
            )
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


# --- Improvement plan ------------------------------------------------------------


@mejora_requerido
@require_GET
def plan(request):
    planes = list(PlanMejora.objects.order_by("-anio", "nombre"))
    elegido = planes[0] if planes else None
    if request.GET.get("plan"):
        elegido = next((p for p in planes if str(p.pk) == request.GET["plan"]), None)
        if elegido is None:
            raise Http404
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


# --- Cartas de servicios ---------------------------------------------------------


@mejora_requerido
@require_GET
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
    anio = request.GET.get("anio")
    if anio and not anio.isdigit():
        return _error(request, _("Año no válido."))
    if request.method == "POST":
        compromiso = get_object_or_404(
            Compromiso, pk=request.POST.get("compromiso") or 0, carta=c
        )
        periodo = request.POST.get("periodo", "")
        form = forms.CausaForm(request.POST)
        try:
            Periodo.de(periodo)
        except ValidationError as e:
            return _error(request, e.messages[0])
        if not form.is_valid():
            return _error(request, _("Revise la causa y las acciones."))
        with transaction.atomic():
            s, _c = SeguimientoCompromiso.objects.get_or_create(
                compromiso=compromiso, periodo=periodo
            )
            s.causa = form.cleaned_data["causa"]
            s.save()
            s.acciones.set(form.cleaned_data["acciones"])
        messages.success(request, _("Causa y acciones guardadas."))
        return redirect(
            f"{reverse('mejora:carta', args=[c.pk])}?anio={Periodo.de(periodo).anio}"
        )
    return render(
        request,
        "mejora/carta.html",
        {
            "c": selectors.cumplimiento_carta(c, int(anio) if anio else None),
            "acciones": AccionMejora.objects.order_by("-plan__anio", "titulo").only(
                "pk", "titulo"
            ),
        },
    )


# --- Self-assessment --------------------------------------------------------------


@mejora_requerido
@require_GET
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
        sub = get_object_or_404(
            Subcriterio,
            pk=request.POST.get("subcriterio") or 0,
            criterio__modelo=a.modelo,
        )
        if "final" in request.POST:
            form = forms.PuntuacionFinalForm(request.POST)
            if not form.is_valid():
                return _error(request, _("La puntuación debe estar entre 0 y 100."))
            try:
                services.fijar_puntuacion_final(
                    autoevaluacion=a, subcriterio=sub, **form.cleaned_data
                )
            except ValidationError as e:
                return _error(request, e.messages[0])
        else:
            if not puede_puntuar(request.user, a):
                raise PermissionDenied
            form = forms.PuntuacionForm(request.POST)
            if not form.is_valid():
                return _error(request, _("La puntuación debe estar entre 0 y 100."))
            try:
                services.puntuar(
                    autoevaluacion=a,
                    miembro=request.user,
                    subcriterio=sub,
                    **form.cleaned_data,
                )
            except ValidationError as e:
                return _error(request, e.messages[0])
        messages.success(request, _("Puntuación guardada."))
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


# --- Reports -------------------------------------------------------------------------


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
                form.add_error(None, e)
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
@require_GET
def informe(request, pk):
    inf = get_object_or_404(
        Informe.objects.select_related("modelo", "oficina", "aprobado_por"), pk=pk
    )
    en_curso = inf.estado in (Informe.Estado.PENDIENTE, Informe.Estado.GENERANDO)
    return render(
        request,
        "mejora/informe.html",
        {
            "inf": inf,
            "en_curso": en_curso,
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
@require_GET
def informe_estado(request, pk):
    inf = get_object_or_404(Informe, pk=pk)
    return JsonResponse(
        {
            "estado": inf.estado,
            "estado_texto": inf.get_estado_display(),
            "progreso": inf.progreso,
            "etapa": inf.etapa,
            "listo": inf.estado in (Informe.Estado.LISTO, Informe.Estado.APROBADO),
        }
    )


@mejora_requerido
@require_GET
def informe_pdf(request, pk):
    inf = get_object_or_404(Informe, pk=pk)
    if not inf.archivo:
        return _error(request, _("El PDF aún no está generado."), status=409)
    ambito = inf.ambito_clave.replace(":", "_")
    respuesta = FileResponse(
        inf.archivo.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"informe-mejora-{inf.periodo}-{ambito}.pdf",
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
        return _error(request, e.messages[0], status=409)
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
        return _error(request, e.messages[0], status=409)
    return redirect(inf)
