"""The public verification of a certificate, and its revocation or reissue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from comun.ficheros import respuesta_privada
from comun.idioma import pagina_publica
from organizacion.models import Rol
from organizacion.permissions import rol_requerido

from .. import selectors, services
from ..forms import RevocarForm, VerificarForm
from ..models import Certificado
from .base import mensaje_error


@pagina_publica
def verificar_formulario(request):
    form = VerificarForm(request.GET or None)
    if not form.is_valid():
        return render(request, "formacion/verificar_formulario.html", {"form": form})
    codigo = form.cleaned_data["codigo"]
    if codigo is None:
        return render(request, "formacion/verificar_desconocido.html", status=404)
    # The language the visitor chose goes with them.
    destino = reverse("formacion:verificar", args=[codigo])
    return redirect(f"{destino}?idioma={request.idioma_publico}")


@pagina_publica
def verificar(request, codigo: str):
    certificado = selectors.certificado_por_codigo(codigo)
    if certificado is None:
        return render(request, "formacion/verificar_desconocido.html", status=404)
    return render(
        request,
        "formacion/verificar.html",
        {
            "c": certificado,
            "situacion": certificado.situacion(),
            "sustituido_por": Certificado.objects.filter(sustituye_a=certificado)
            .only("codigo")
            .first(),
        },
    )


@pagina_publica
def verificar_pdf(request, codigo: str):
    certificado = selectors.certificado_por_codigo(codigo)
    if certificado is None:
        return render(request, "formacion/verificar_desconocido.html", status=404)
    if not certificado.pdf:
        # A real code whose PDF is still pending (or whose worker died: queue it
        # again). The page names nothing but the code the visitor typed.
        services.reanudar_pdf_certificado(certificado=certificado)
        respuesta = render(
            request,
            "formacion/verificar_pdf_pendiente.html",
            {"codigo": certificado.codigo},
            status=202,
        )
        respuesta["Retry-After"] = "30"
        return respuesta
    respuesta = respuesta_privada(
        request, certificado.pdf, f"certificado-{certificado.codigo}.pdf"
    )
    respuesta["X-Content-SHA256"] = certificado.sha256
    return respuesta


@rol_requerido(Rol.CALIDAD)
def revocar(request, pk: int):
    certificado = get_object_or_404(Certificado, pk=pk)
    error = None
    form = RevocarForm(request.POST if request.method == "POST" else None)
    # Always valid once bound: the service checks the reason and says what is wrong.
    if form.is_valid():
        motivo = form.cleaned_data["motivo"]
        try:
            if form.reemitir:
                nuevo = services.reemitir_certificado(
                    certificado=certificado, por=request.user, motivo=motivo
                )
                messages.success(
                    request,
                    _("Certificado reemitido con el código %(c)s.")
                    % {"c": nuevo.codigo},
                )
                return redirect("formacion:verificar", nuevo.codigo)
            services.revocar_certificado(
                certificado=certificado, por=request.user, motivo=motivo
            )
            messages.success(request, _("Certificado revocado."))
            return redirect("formacion:verificar", certificado.codigo)
        except ValidationError as exc:
            error = mensaje_error(exc)
    return render(
        request,
        "formacion/revocar.html",
        {"c": certificado, "error": error},
        status=400 if error else 200,
    )
