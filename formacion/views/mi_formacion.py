"""The employee's own screen, the training record and certificate downloads
(PDFs are rendered on the "pdf" queue, never in a request)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso
from comun.ficheros import respuesta_privada

from .. import permissions, selectors, services
from ..models import Certificado, CursosIndexPage, Expediente
from .base import empleado_o_403


@login_required
def mi_formacion(request):
    empleado = empleado_o_403(request)
    contexto = selectors.mi_formacion(empleado)
    contexto["empleado"] = empleado
    contexto["indice"] = CursosIndexPage.objects.live().first()
    contexto.update(selectors.estado_expediente(empleado))
    return render(request, "formacion/mi_formacion.html", contexto)


def _en_preparacion(request, *, titulo, volver, estado_url):
    """202 page while a PDF task runs. No timed refresh (WCAG F41): a script asks
    `estado_url`; without JavaScript, "Comprobar de nuevo" reloads this URL."""
    return render(
        request,
        "formacion/pdf_en_preparacion.html",
        {"titulo": titulo, "volver": volver, "estado_url": estado_url},
        status=202,
    )


def _estado_pdf(*, estado: str, listo: bool, descarga: str, texto_descarga: str):
    """The JSON static/js/espera_pdf.js reads; its texts already translated."""
    if listo:
        etiqueta, mensaje = _("Listo"), _("Listo: ya puedes descargarlo.")
    elif estado == "error":
        etiqueta, mensaje = (
            _("Error"),
            _(
                "No se pudo generar el PDF. Vuelve a solicitarlo; si se repite, avisa a Calidad."
            ),
        )
    else:
        etiqueta, mensaje = _("Generándose"), _("El PDF se está generando.")
    return JsonResponse(
        {
            "estado": estado,
            "estado_texto": etiqueta,
            "listo": listo,
            "mensaje": mensaje,
            "descarga": descarga if listo else "",
            "texto_descarga": texto_descarga,
        }
    )


@login_required
@require_POST
def generar_expediente(request):
    # Only the person asks for their own record: rendering is queued, never done here.
    empleado = empleado_o_403(request)
    anterior = Expediente.objects.filter(empleado=empleado).first()
    expediente = services.solicitar_expediente(empleado=empleado, por=request.user)
    if expediente.estado == Expediente.Estado.LISTO and (
        anterior is not None and anterior.pk == expediente.pk
    ):
        messages.info(
            request,
            _(
                "Tu expediente ya está al día: no hay formación nueva "
                "desde que se generó."
            ),
        )
    elif expediente.estado == Expediente.Estado.LISTO:
        messages.success(request, _("Tu expediente formativo está listo."))
    else:
        messages.success(
            request,
            _("Estamos generando tu expediente formativo; suele tardar unos segundos."),
        )
    return redirect(reverse("formacion:mi_formacion") + "#expediente")


@login_required
def descargar_expediente(request, pk: int):
    expediente = get_object_or_404(Expediente.objects.select_related("empleado"), pk=pk)
    if not permissions.puede_descargar_expediente(request.user, expediente):
        raise PermissionDenied
    if expediente.estado != Expediente.Estado.LISTO or not expediente.pdf:
        if expediente.estado == Expediente.Estado.ERROR:
            messages.error(
                request,
                _("No se pudo generar este expediente. Solicita uno nuevo."),
            )
            return redirect(reverse("formacion:mi_formacion") + "#expediente")
        return _en_preparacion(
            request,
            titulo=_("Expediente formativo"),
            volver=reverse("formacion:mi_formacion"),
            estado_url=reverse("formacion:estado_expediente", args=[expediente.pk]),
        )
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EXPEDIENTE,
        accion=AccesoDatos.Accion.DESCARGAR,
        objeto=expediente,
        sujeto=expediente.empleado,
    )
    respuesta = respuesta_privada(
        request,
        expediente.pdf,
        f"expediente-formativo-{expediente.empleado.identificador}.pdf",
    )
    respuesta["X-Content-SHA256"] = expediente.sha256
    return respuesta


@login_required
def estado_expediente(request, pk: int):
    """What the waiting page's script asks: is the record's PDF ready?"""
    expediente = get_object_or_404(Expediente.objects.select_related("empleado"), pk=pk)
    if not permissions.puede_descargar_expediente(request.user, expediente):
        raise PermissionDenied
    listo = expediente.estado == Expediente.Estado.LISTO and bool(expediente.pdf)
    return _estado_pdf(
        estado=expediente.estado,
        listo=listo,
        descarga=reverse("formacion:descargar_expediente", args=[expediente.pk]),
        texto_descarga=_("Descargar mi expediente formativo (PDF)"),
    )


@login_required
def descargar_certificado(request, pk: int):
    certificado = get_object_or_404(
        Certificado.objects.select_related("empleado"), pk=pk
    )
    if not permissions.puede_descargar_certificado(request.user, certificado):
        raise PermissionDenied
    if not certificado.pdf:
        # Rendering runs on the "pdf" queue, never inside a request.
        services.encolar_pdf_certificado(certificado=certificado)
        return _en_preparacion(
            request,
            titulo=_("Certificado %(c)s") % {"c": certificado.codigo},
            volver=reverse("formacion:mi_formacion"),
            estado_url=reverse("formacion:estado_certificado", args=[certificado.pk]),
        )
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.CERTIFICADO,
        accion=AccesoDatos.Accion.DESCARGAR,
        objeto=certificado,
        sujeto=certificado.empleado,
    )
    return respuesta_privada(
        request, certificado.pdf, f"certificado-{certificado.codigo}.pdf"
    )


@login_required
def estado_certificado(request, pk: int):
    """What the waiting page's script asks: is the certificate's PDF ready?"""
    certificado = get_object_or_404(
        Certificado.objects.select_related("empleado"), pk=pk
    )
    if not permissions.puede_descargar_certificado(request.user, certificado):
        raise PermissionDenied
    listo = bool(certificado.pdf)
    return _estado_pdf(
        estado="listo" if listo else "generando",
        listo=listo,
        descarga=reverse("formacion:descargar_certificado", args=[certificado.pk]),
        texto_descarga=_("Descargar el certificado (PDF)"),
    )
