import tempfile
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login

from comun.exportacion import respuesta_csv
from comun.idioma import recordar_idioma

from . import proteccion_datos, segundo_factor, selectors
from .forms import BuscarEmpleadoForm, CodigoSegundoFactorForm, IdiomaForm
from .models import Empleado, Rol
from .navegacion import paneles_para
from .permissions import (
    puede_exportar_datos,
    puede_ver_empleado,
    puede_ver_registro_tratamientos,
    rol_requerido,
)
from .services import cambiar_idioma as guardar_idioma
from .services.acceso import confirmar_alta_totp, iniciar_alta_totp
from .signals import datos_exportados

# Beyond this the ZIP being built spills from memory to a temporary file.
ZIP_EN_MEMORIA = 8 * 1024 * 1024

ROL_PRINCIPAL = [Rol.DIRECCION, Rol.CALIDAD, Rol.SUPERVISOR, Rol.DPD, Rol.EMPLEADO]


@login_required
def inicio(request):
    """The home page of the user's role(s): each app contributes its panels."""
    roles = selectors.roles_de(request.user)
    empleado = selectors.empleado_de(request.user)
    principal = next((r for r in ROL_PRINCIPAL if r in roles), None)
    paneles = []
    for panel in paneles_para(roles, request.user.is_superuser):
        contexto = panel.contexto(request, empleado)
        if contexto is not None:
            paneles.append({"plantilla": panel.plantilla, "contexto": contexto})
    return render(
        request,
        "organizacion/inicio.html",
        {
            "empleado": empleado,
            "rol_principal": Rol(principal).label if principal else None,
            "paneles": paneles,
        },
    )


@rol_requerido(Rol.DIRECCION, Rol.CALIDAD)
def oficinas(request):
    return render(
        request,
        "organizacion/oficinas.html",
        {
            "oficinas": selectors.oficinas_con_plantilla(),
            "resumen": selectors.resumen_organizacion(),
        },
    )


@rol_requerido(Rol.SUPERVISOR)
def equipo(request):
    supervisor = selectors.empleado_de(request.user)
    if supervisor is None:
        raise PermissionDenied
    return render(
        request,
        "organizacion/equipo.html",
        {"supervisor": supervisor, "equipo": selectors.equipo_de(supervisor)},
    )


@login_required
def empleado(request, pk: int):
    try:
        ficha = selectors.ficha_empleado(pk)
    except Empleado.DoesNotExist as exc:
        raise Http404 from exc
    if not puede_ver_empleado(request.user, ficha):
        raise PermissionDenied
    return render(
        request,
        "organizacion/empleado.html",
        {"ficha": ficha, "puede_exportar": puede_exportar_datos(request.user, ficha)},
    )


def _siguiente(request) -> str:
    destino = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return destino
    return "/inicio/"


@login_required
def segundo_factor_verificar(request):
    """The second step of signing in: a code from the authenticator (or a
    recovery code)."""
    if not any(True for _d in devices_for_user(request.user, confirmed=True)):
        return redirect("segundo_factor_alta")
    form = CodigoSegundoFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dispositivo = match_token(request.user, form.cleaned_data["codigo"])
        if dispositivo is not None:
            otp_login(request, dispositivo)
            request.session.pop(segundo_factor.PENDIENTE, None)
            return redirect(_siguiente(request))
        form.add_error("codigo", _("El código no es correcto o ya se usó."))
    return render(
        request,
        "organizacion/segundo_factor_verificar.html",
        {"form": form, "next": _siguiente(request)},
        status=400 if form.errors else 200,
    )


@login_required
def segundo_factor_alta(request):
    """Enrol an authenticator app: its QR (SVG from the server), then a first
    code confirms it and shows the recovery codes once."""
    tiene = any(True for _d in devices_for_user(request.user, confirmed=True))
    if tiene and not request.user.is_verified():
        # Replacing the authenticator takes the current one first.
        return redirect("segundo_factor_verificar")
    dispositivo = iniciar_alta_totp(usuario=request.user)
    form = CodigoSegundoFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codigos = confirmar_alta_totp(
            dispositivo=dispositivo, codigo=form.cleaned_data["codigo"]
        )
        if codigos is not None:
            otp_login(request, dispositivo)
            request.session.pop(segundo_factor.PENDIENTE, None)
            return render(
                request,
                "organizacion/segundo_factor_codigos.html",
                {"codigos": codigos, "next": _siguiente(request)},
            )
        form.add_error(
            "codigo", _("El código no es correcto. Pruebe con el siguiente.")
        )
    qr = segno.make(dispositivo.config_url, error="m").svg_inline(
        scale=4, title=_("Código QR para la aplicación de autenticación")
    )
    return render(
        request,
        "organizacion/segundo_factor_alta.html",
        {
            "form": form,
            "qr": qr,
            "clave": b32encode(dispositivo.bin_key).decode(),
            "next": _siguiente(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def mis_datos(request):
    """What the platform holds about oneself, and the button to download it."""
    empleado = selectors.empleado_de(request.user)
    if empleado is None:
        raise PermissionDenied
    return render(
        request,
        "organizacion/mis_datos.html",
        {
            "empleado": empleado,
            "ficheros": [s.fichero for s in proteccion_datos.secciones()],
        },
    )


@login_required
def exportar_datos(request, pk: int):
    """The ZIP of one employee's data: the employee or the data-protection officer."""
    try:
        empleado = Empleado.objects.select_related("usuario").get(pk=pk)
    except Empleado.DoesNotExist as exc:
        raise Http404 from exc
    if not puede_exportar_datos(request.user, empleado):
        raise PermissionDenied
    destino = tempfile.SpooledTemporaryFile(max_size=ZIP_EN_MEMORIA)
    proteccion_datos.escribir_exportacion(empleado, destino)
    destino.seek(0)
    # The access log (auditoria) records the DPD's export of someone else's data.
    datos_exportados.send(sender=Empleado, request=request, empleado=empleado)
    dia = timezone.localdate().isoformat()
    nombre = slugify(empleado.identificador) or str(empleado.pk)
    return FileResponse(
        destino,
        as_attachment=True,
        filename=f"datos-personales-{nombre}-{dia}.zip",
        content_type="application/zip",
    )


@rol_requerido(Rol.DPD)
def datos_personales(request):
    """The data-protection officer finds an employee to export their data."""
    form = BuscarEmpleadoForm(request.GET or None)
    encontrados = (
        selectors.buscar_empleados(form.cleaned_data["q"]) if form.is_valid() else []
    )
    return render(
        request,
        "organizacion/datos_personales.html",
        {"form": form, "encontrados": encontrados},
    )


@login_required
def registro_tratamientos(request):
    if not puede_ver_registro_tratamientos(request.user):
        raise PermissionDenied
    return render(
        request,
        "organizacion/registro_tratamientos.html",
        {
            "registro": proteccion_datos.registro(),
            "no_personales": proteccion_datos.campos_no_personales(),
        },
    )


@login_required
def registro_tratamientos_csv(request):
    if not puede_ver_registro_tratamientos(request.user):
        raise PermissionDenied
    return respuesta_csv(
        proteccion_datos.filas_registro(),
        nombre="registro-de-tratamientos",
        cabecera=proteccion_datos.COLUMNAS_REGISTRO,
    )


@require_POST
def cambiar_idioma(request):
    """The footer's selector: the language of the next pages; for staff, saved in
    their profile (their e-mails and PDFs follow it). Without JavaScript: a form
    that posts here and comes back to the page it was on."""
    form = IdiomaForm(request.POST)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    idioma = form.cleaned_data["language"]
    destino = form.cleaned_data["next"]
    if not url_has_allowed_host_and_scheme(
        destino, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        destino = "/"
    empleado = (
        selectors.empleado_de(request.user) if request.user.is_authenticated else None
    )
    if empleado is not None:
        guardar_idioma(empleado=empleado, idioma=idioma)
    if request.user.is_authenticated:
        recordar_idioma(request, idioma)
    # A path, never a view name to reverse (redirect("NaN") would be a 500).
    respuesta = HttpResponseRedirect(destino)
    respuesta.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        idioma,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return respuesta
