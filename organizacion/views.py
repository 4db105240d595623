import tempfile

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from comun.exportacion import respuesta_csv

from . import proteccion_datos, selectors
from .forms import BuscarEmpleadoForm
from .models import Empleado, Rol
from .navegacion import paneles_para
from .permissions import (
    puede_exportar_datos,
    puede_ver_empleado,
    puede_ver_registro_tratamientos,
    rol_requerido,
)

# Beyond this the ZIP being built spills from memory to a temporary file.
ZIP_EN_MEMORIA = 8 * 1024 * 1024

ROL_PRINCIPAL = [Rol.DIRECCION, Rol.CALIDAD, Rol.SUPERVISOR, Rol.EMPLEADO]


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
