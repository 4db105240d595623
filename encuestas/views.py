"""Staff pages: results, my feedback, alerts, complaints, «Invitar a valorar», exports."""

import io
from functools import partial, wraps

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import IntegerField, OuterRef, Subquery
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso
from comun.exportacion import respuesta_csv, respuesta_xlsx, texto_de_celda
from organizacion.models import Canal, Oficina, Rol, Servicio
from organizacion.permissions import rol_requerido
from organizacion.selectors import empleado_de

from . import forms, selectors, services
from .app_settings import ajustes
from .models import Alerta, Respuesta, RespuestaItem
from .permissions import (
    alertas_que_gestiona,
    puede_gestionar_alerta,
    puede_invitar,
    puede_ver_oficina,
)

ROLES_RESULTADOS = (Rol.SUPERVISOR, Rol.DIRECCION, Rol.CALIDAD)
COLUMNAS_ITEMS = ["SAT", "CONF", "EFIC", "FAC", "TIEMPO", "TRATO", "NPS"]


def _con_filtros(formulario=forms.FiltroForm):
    """The view gets the query string's filters (`formulario.filtros()`); an
    invalid filter gets the 400 page with its message."""

    def decorador(vista):
        @wraps(vista)
        def envoltura(request, *args, **kwargs):
            filtro = formulario(request.GET, usuario=request.user)
            if not filtro.is_valid():
                return render(
                    request,
                    "encuestas/error_filtro.html",
                    {"mensaje": filtro.primer_error()},
                    status=400,
                )
            return vista(request, filtro.filtros(), *args, **kwargs)

        return envoltura

    return decorador


@rol_requerido(*ROLES_RESULTADOS)
@_con_filtros()
def resultados(request, f):
    """An office's (or the whole organisation's) results, channels and offices
    compared with intervals, trends by week and month. Reads the rollups only."""
    comunes = {
        "desde": f["desde"],
        "hasta": f["hasta"],
        "oficina_ids": f["oficina_ids"],
        "canal": f["canal"],
    }
    minimo = selectors.minimo_oficina()
    datos = selectors.panel(minimo=minimo, **comunes)
    por_oficina, tasas_oficina = datos["por_oficina"], datos["embudo_oficina"]
    oficinas = {
        o.pk: o
        for o in Oficina.objects.filter(
            pk__in=[*por_oficina, *(k[0] for k in tasas_oficina)]
        ).only("pk", "nombre")
    }
    canales = {c.pk: c for c in Canal.objects.all()}
    filas_oficina = sorted(
        (
            {"oficina": oficinas.get(pk), "m": m, "embudo": tasas_oficina.get((pk,))}
            for pk, m in por_oficina.items()
        ),
        key=lambda x: x["oficina"].nombre if x["oficina"] else "",
    )
    fuera_de_exportacion = [
        fila["oficina"]
        for fila in filas_oficina
        if fila["oficina"] and "SAT" in selectors.codigos_suprimidos(fila["m"])
    ]
    oficinas_filtro = (
        Oficina.objects.all()
        if f["visibles"] is None
        else Oficina.objects.filter(pk__in=f["visibles"])
    )
    return render(
        request,
        "encuestas/resultados.html",
        {
            "f": f,
            "r": datos["resumen"],
            "minimo": minimo,
            "cada_segundos": ajustes.CONSOLIDAR_SEGUNDOS,
            "por_canal": [
                {"canal": canales.get(pk), "m": m}
                for pk, m in sorted(datos["por_canal"].items())
            ],
            "por_oficina": filas_oficina,
            # Once, not twice per office row (300 `date` filters on the page).
            "periodo_url": urlencode(
                {"desde": f["desde"].isoformat(), "hasta": f["hasta"].isoformat()}
            ),
            "fuera_de_exportacion": fuera_de_exportacion,
            "tendencia_mes": datos["tendencia_mes"],
            "tendencia_semana": datos["tendencia_semana"],
            "oficinas_filtro": oficinas_filtro.only("pk", "nombre", "codigo_dir3"),
            "canales": canales.values(),
            "items": selectors.items_acuerdo(),
        },
    )


@rol_requerido(*ROLES_RESULTADOS)
@_con_filtros()
def comentarios(request, f):
    qs = selectors.comentarios(
        desde=f["desde"],
        hasta=f["hasta"],
        oficina_ids=f["oficina_ids"],
        canal=f["canal"],
    )
    pagina = Paginator(qs.select_related("queja"), 50).get_page(
        request.GET.get("pagina")
    )
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.COMENTARIOS,
        accion=AccesoDatos.Accion.VER,
    )
    return render(request, "encuestas/comentarios.html", {"f": f, "pagina": pagina})


@login_required
@_con_filtros()
def mi_valoracion(request, f):
    """An employee's own feedback: aggregates only at or above the minimum n,
    and their own (redacted) comments."""
    empleado = empleado_de(request.user)
    if empleado is None:
        raise PermissionDenied
    minimo = selectors.minimo_empleado()
    resumen = selectors.resumen(
        minimo=minimo, desde=f["desde"], hasta=f["hasta"], empleado_id=empleado.pk
    )
    qs = selectors.comentarios(
        desde=f["desde"], hasta=f["hasta"], empleado_id=empleado.pk
    )
    pagina = Paginator(qs, 30).get_page(request.GET.get("pagina"))
    return render(
        request,
        "encuestas/mi_valoracion.html",
        {
            "f": f,
            "r": resumen,
            "minimo": minimo,
            "pagina": pagina,
            "items": selectors.items_acuerdo(),
        },
    )


@rol_requerido(*ROLES_RESULTADOS)
@_con_filtros(forms.FiltroAlertasForm)
def alertas(request, f):
    estado = f["estado"]
    qs = selectors.alertas_para(oficina_ids=f["oficina_ids"], estado=estado)
    pagina = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    gestionables = alertas_que_gestiona(request.user, pagina.object_list)
    return render(
        request,
        "encuestas/alertas.html",
        {
            "pagina": pagina,
            "gestionables": gestionables,
            "estado": estado,
            "estados": Alerta.Estado.choices,
            "ahora": timezone.now(),
        },
    )


@rol_requerido(*ROLES_RESULTADOS)
@require_http_methods(["GET", "POST"])
def alerta(request, pk):
    obj = get_object_or_404(
        Alerta.objects.select_related("oficina", "responsable", "respuesta__canal"),
        pk=pk,
    )
    if not puede_gestionar_alerta(request.user, obj):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            services.cambiar_estado_alerta(
                alerta=obj,
                estado=request.POST.get("estado", ""),
                autor=request.user,
                nota=request.POST.get("nota", ""),
            )
            messages.success(request, _("Alerta actualizada."))
            return redirect("encuestas:alerta", pk=obj.pk)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    # The citizen's contact details and comment, when they asked to be called.
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.ALERTA,
        accion=AccesoDatos.Accion.VER,
        objeto=obj,
    )
    return render(
        request,
        "encuestas/alerta.html",
        {
            "alerta": obj,
            "notas": obj.notas.select_related("autor"),
            "estados": Alerta.Estado.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


@rol_requerido(*ROLES_RESULTADOS)
@require_POST
def remitir_queja(request, pk):
    respuesta = get_object_or_404(Respuesta, pk=pk)
    if not puede_ver_oficina(request.user, respuesta.oficina_id):
        raise PermissionDenied
    try:
        queja = services.remitir_queja(respuesta=respuesta, por=request.user)
    except ValidationError as exc:
        return render(
            request,
            "encuestas/error_filtro.html",
            {"mensaje": " ".join(exc.messages)},
            status=400,
        )
    messages.success(
        request,
        _("Remitida a quejas y sugerencias con el número %(n)s.") % {"n": queja.numero},
    )
    return redirect(
        request.POST.get("volver")
        if str(request.POST.get("volver", "")).startswith("/encuestas/")
        else "encuestas:comentarios"
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitar(request):
    """«Invitar a valorar» at the counter: creates the event and shows the QR code."""
    if not puede_invitar(request.user):
        raise PermissionDenied
    empleado = empleado_de(request.user)
    canales = empleado.oficina.canales.all()
    servicios = Servicio.objects.filter(activo=True)
    if request.method == "POST":
        canal = canales.filter(codigo=request.POST.get("canal", "")).first()
        servicio_codigo = request.POST.get("servicio", "")
        servicio = (
            servicios.filter(codigo=servicio_codigo).first()
            if servicio_codigo
            else None
        )
        if canal is None or (servicio_codigo and servicio is None):
            return render(
                request,
                "encuestas/invitar.html",
                {
                    "canales": canales,
                    "servicios": servicios,
                    "error": _("Elija un canal y un servicio válidos."),
                },
                status=400,
            )
        try:
            registro = services.invitar_en_mostrador(
                empleado=empleado,
                canal=canal,
                servicio=servicio,
                idioma=request.POST.get("idioma", "")
                if request.POST.get("idioma") in ("es", "ca", "eu", "gl", "en")
                else "",
            )
        except services.DemasiadasInvitaciones:
            return render(
                request,
                "encuestas/invitar.html",
                {
                    "canales": canales,
                    "servicios": servicios,
                    "error": _(
                        "Ha generado demasiados códigos QR en la última hora. "
                        "Espere un poco antes de invitar de nuevo."
                    ),
                },
                status=429,
            )
        qr = segno.make(registro.enlace, error="m")
        return render(
            request,
            "encuestas/invitacion_qr.html",
            {
                "enlace": registro.enlace,
                "token": registro.token,
                "svg": qr.svg_inline(
                    scale=6,
                    dark="#000",
                    light="#fff",
                    title=_("Código QR de la encuesta"),
                ),
                "caduca": registro.invitacion.caduca_en,
                "oficina": empleado.oficina,
            },
        )
    return render(
        request, "encuestas/invitar.html", {"canales": canales, "servicios": servicios}
    )


@login_required
def qr(request, token, formato):
    if formato not in ("png", "svg"):
        raise Http404
    if not puede_invitar(request.user):
        raise PermissionDenied
    invitacion = selectors.invitacion_por_token(token)
    empleado = empleado_de(request.user)
    if invitacion is None or (
        invitacion.oficina_id != empleado.oficina_id
        and not puede_ver_oficina(request.user, invitacion.oficina_id)
    ):
        raise Http404
    codigo = segno.make(services.enlace_de(token), error="m")
    salida = io.BytesIO()
    if formato == "png":
        codigo.save(salida, kind="png", scale=8, border=2)
        tipo = "image/png"
    else:
        codigo.save(salida, kind="svg", scale=8, border=2)
        tipo = "image/svg+xml"
    respuesta = HttpResponse(salida.getvalue(), content_type=tipo)
    respuesta["Cache-Control"] = "no-store"
    return respuesta


# --- exports ---------------------------------------------------------------------------


class ExportacionNoDisponible(Exception):
    pass


def _oficinas_a_exportar(f) -> dict[int, set]:
    """Row-level exports carry only what the results page publishes: rows of a
    small office (or of its complement) are left out and answers to a question
    whose figure is suppressed are blanked, since the rows would give them back.
    Nothing to export → a clear 400."""
    publicadas, retenidas = selectors.oficinas_exportables(
        minimo=selectors.minimo_oficina(),
        desde=f["desde"],
        hasta=f["hasta"],
        oficina_ids=f["oficina_ids"],
        canal=f["canal"],
    )
    if retenidas and not publicadas:
        nombres = ", ".join(
            Oficina.objects.filter(pk__in=retenidas)
            .order_by("nombre")
            .values_list("nombre", flat=True)
        )
        raise ExportacionNoDisponible(
            _(
                "No se exportan respuestas de oficinas por debajo del mínimo de "
                "%(minimo)d respuestas (o suprimidas para que no se deduzcan por "
                "diferencia): %(oficinas)s."
            )
            % {"minimo": selectors.minimo_oficina(), "oficinas": nombres}
        )
    return publicadas


def _filas_export(f, ocultos: dict[int, set]):
    """Rows of the exportable offices, the answers to suppressed questions blank."""
    qs = Respuesta.objects.filter(
        fecha__gte=f["desde"], fecha__lte=f["hasta"], oficina_id__in=list(ocultos)
    )
    if f["canal"]:
        qs = qs.filter(canal__codigo=f["canal"])
    anotaciones = {
        f"v_{c}": Subquery(
            RespuestaItem.objects.filter(respuesta=OuterRef("pk"), codigo=c).values(
                "valor"
            )[:1],
            output_field=IntegerField(),
        )
        for c in COLUMNAS_ITEMS
    }
    filas = (
        qs.annotate(**anotaciones)
        .values_list(
            "oficina_id",
            "pk",
            "hora",
            "oficina__codigo_dir3",
            "canal__codigo",
            "servicio__codigo",
            "idioma",
            "reportable",
            *anotaciones.keys(),
            "comentario",
        )
        .order_by("pk")
        .iterator(chunk_size=2000)
    )
    primera = CABECERA.index(COLUMNAS_ITEMS[0])
    for oficina_id, *fila in filas:
        for codigo in ocultos[oficina_id]:
            fila[primera + COLUMNAS_ITEMS.index(codigo)] = None
        yield fila


CABECERA = [
    "id",
    "hora",
    "oficina",
    "canal",
    "servicio",
    "idioma",
    "reportable",
    *COLUMNAS_ITEMS,
    "comentario",
]


# Response times are stored truncated to the hour, and exported so.
_CELDA = partial(texto_de_celda, formato_fecha_hora="%Y-%m-%d %H:00")


def _exportar(request, f, respuesta):
    """The rows a results page may publish, as the download `respuesta` writes
    (comun.exportacion: streamed, every cell safe in a spreadsheet)."""
    try:
        ocultos = _oficinas_a_exportar(f)
    except ExportacionNoDisponible as exc:
        return render(
            request, "encuestas/error_filtro.html", {"mensaje": str(exc)}, status=400
        )
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EXPORTACION,
        accion=AccesoDatos.Accion.EXPORTAR,
    )
    return respuesta(
        _filas_export(f, ocultos),
        nombre=f"respuestas_{f['desde']}_{f['hasta']}",
        cabecera=CABECERA,
        celda=_CELDA,
    )


@rol_requerido(*ROLES_RESULTADOS)
@_con_filtros()
def exportar_csv(request, f):
    return _exportar(request, f, respuesta_csv)


@rol_requerido(*ROLES_RESULTADOS)
@_con_filtros()
def exportar_xlsx(request, f):
    return _exportar(request, f, partial(respuesta_xlsx, hoja="Respuestas"))


def error_filtro(request, mensaje):
    return HttpResponseBadRequest(mensaje)
