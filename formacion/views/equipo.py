"""Supervisor and quality staff: the team matrix and its export, assignment,
external training, course statistics."""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from auditoria.models import AccesoDatos
from auditoria.services import registrar_acceso
from comun.exportacion import respuesta_csv, respuesta_xlsx
from comun.ficheros import respuesta_privada
from organizacion.models import Empleado, Oficina, Rol
from organizacion.permissions import rol_requerido, tiene_rol
from organizacion.selectors import empleado_de

from .. import permissions, selectors, services
from ..forms import AsignarForm, FiltroEquipoForm, FormacionExternaForm
from ..models import Certificado, FormacionExterna
from .base import mensaje_error

# People per page of the matrix: calidad and dirección see thousands. The
# totals and the order (overdue first) are over the whole scope; the export
# is the whole scope too.
POR_PAGINA = 50


def _ambito_equipo(request, filtros: dict) -> set[int]:
    if not tiene_rol(request.user, Rol.SUPERVISOR, Rol.CALIDAD, Rol.DIRECCION):
        raise PermissionDenied
    return selectors.ambito_del_equipo(request.user, oficina_id=filtros["oficina"])


@login_required
def equipo(request):
    filtros = FiltroEquipoForm(request.GET).filtros()
    ambito = _ambito_equipo(request, filtros)
    contexto = selectors.formacion_del_equipo(
        empleado_ids=ambito, solo_fuera_de_plazo=bool(filtros["fuera_de_plazo"])
    )
    contexto["pagina"] = Paginator(contexto["filas"], POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    contexto["filas"] = contexto["pagina"].object_list
    contexto["externas"] = selectors.formacion_externa_del_equipo(empleado_ids=ambito)
    contexto["oficinas"] = (
        Oficina.objects.activas()
        if tiene_rol(request.user, Rol.CALIDAD, Rol.DIRECCION)
        else None
    )
    contexto["oficina_elegida"] = (
        "" if filtros["oficina"] is None else str(filtros["oficina"])
    )
    contexto["puede_gestionar"] = permissions.puede_gestionar_equipo(request.user)
    # Several people's training records at once: no single subject.
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EXPEDIENTE,
        accion=AccesoDatos.Accion.VER,
    )
    return render(request, "formacion/equipo.html", contexto)


def _filas_exportacion(contexto) -> tuple[list[str], list[list[str]]]:
    cabecera = [
        _("Apellidos"),
        _("Nombre"),
        _("Identificador"),
        _("Oficina"),
        _("Puesto"),
    ]
    cabecera += [c.title for c in contexto["cursos"]]
    # Translated once: a gettext per cell cost seconds at 5,000 people.
    con_plazo = " · " + _("plazo %(f)s")
    filas = []
    for fila in contexto["filas"]:
        p = fila["persona"]
        datos = [
            p.apellidos,
            p.nombre,
            p.identificador,
            p.oficina,
            p.puesto,
        ]
        for celda in fila["celdas"]:
            texto = str(celda["etiqueta"])
            if celda["plazo"]:
                texto += con_plazo % {"f": celda["plazo"].strftime("%d/%m/%Y")}
            datos.append(texto)
        filas.append(datos)
    return cabecera, filas


@login_required
def equipo_exportar(request, formato: str):
    ambito = _ambito_equipo(request, FiltroEquipoForm(request.GET).filtros())
    if formato not in ("csv", "xlsx"):
        raise Http404
    cabecera, filas = _filas_exportacion(
        selectors.formacion_del_equipo(empleado_ids=ambito)
    )
    nombre = f"formacion-equipo-{timezone.localdate():%Y%m%d}"
    registrar_acceso(
        request,
        categoria=AccesoDatos.Categoria.EXPORTACION,
        accion=AccesoDatos.Accion.EXPORTAR,
    )
    if formato == "csv":
        return respuesta_csv(filas, nombre=nombre, cabecera=cabecera)
    return respuesta_xlsx(
        filas,
        nombre=nombre,
        hoja="Formación del equipo",
        cabecera=cabecera,
        cabecera_en_negrita=True,
        inmovilizar="F2",
    )


# People named in the result message of an assignment; the rest are counted.
MAX_NOMBRES = 10


def _resultado_asignacion(registro) -> str:
    """Say exactly what an assignment did: new enrolments, and who already had it."""
    nuevas = ngettext(
        "%(n)d matrícula nueva", "%(n)d matrículas nuevas", registro.nuevas
    ) % {"n": registro.nuevas}
    if not registro.ya_existentes:
        return nuevas + "."
    nombres = [
        e.nombre_completo
        for e in Empleado.objects.filter(pk__in=registro.ya_cubiertos).order_by(
            "apellidos", "nombre"
        )[:MAX_NOMBRES]
    ]
    resto = registro.ya_existentes - len(nombres)
    lista = ", ".join(nombres)
    if resto > 0:
        lista += " " + _("y %(n)d más") % {"n": resto}
    return _("%(nuevas)s; %(ya)s: %(lista)s.") % {
        "nuevas": nuevas,
        "ya": ngettext(
            "%(n)d persona ya estaba matriculada o lo tiene al día",
            "%(n)d personas ya estaban matriculadas o lo tienen al día",
            registro.ya_existentes,
        )
        % {"n": registro.ya_existentes},
        "lista": lista,
    }


@rol_requerido(*permissions.ROLES_GESTION_EQUIPO)
def asignar(request):
    ambito = selectors.equipo_ids_de(request.user)
    es_calidad = tiene_rol(request.user, Rol.CALIDAD)
    form = AsignarForm(
        request.POST if request.method == "POST" else None,
        ambito=ambito,
        propio=empleado_de(request.user),
        es_calidad=es_calidad,
    )
    contexto = {
        "cursos": form.cursos,
        "oficinas": form.oficinas,
        "canales": form.canales,
        "puestos": form.puestos,
        "es_calidad": es_calidad,
        "datos": request.POST or {},
    }
    if not form.is_bound:
        return render(request, "formacion/asignar.html", contexto)
    if form.is_valid():
        d = form.cleaned_data
        try:
            registro = services.asignar_curso(
                curso=d["curso"],
                por=request.user,
                oficina=d["oficina"],
                canal=d["canal"],
                puesto=d["puesto"],
                equipo_de=d["equipo_de"],
                plazo=d["plazo"],
                obligatoria=d["obligatoria"],
                permanente=d["permanente"],
                nombre=d["nombre"],
                ambito_ids=ambito,
            )
        except ValidationError as exc:
            contexto["errores"] = [mensaje_error(exc)]
        else:
            _avisar_resultado(request, d["curso"], registro)
            return redirect("formacion:equipo")
    else:
        contexto["errores"] = form.errores()
    return render(request, "formacion/asignar.html", contexto, status=400)


def _avisar_resultado(request, curso, registro) -> None:
    if registro.nuevas or registro.ya_existentes:
        messages.success(
            request,
            _("«%(c)s»: %(r)s")
            % {"c": curso.title, "r": _resultado_asignacion(registro)},
        )
    else:
        messages.warning(
            request,
            _("«%(c)s»: nadie cumple esos criterios; no se ha matriculado a nadie.")
            % {"c": curso.title},
        )


@rol_requerido(*permissions.ROLES_GESTION_EQUIPO)
def formacion_externa(request):
    """Record external training with its evidence (a supervisor: only their team)."""
    ambito = selectors.equipo_ids_de(request.user)
    if request.method == "POST":
        formulario = FormacionExternaForm(request.POST, request.FILES, ambito=ambito)
        if formulario.is_valid():
            datos = dict(formulario.cleaned_data)
            empleado = datos.pop("empleado")
            services.registrar_formacion_externa(
                empleado=empleado, por=request.user, **datos
            )
            messages.success(
                request,
                _("Formación externa registrada para %(p)s.") % {"p": empleado},
            )
            return redirect("formacion:equipo")
        return render(
            request, "formacion/externa.html", {"formulario": formulario}, status=400
        )
    formulario = FormacionExternaForm(ambito=ambito)
    return render(request, "formacion/externa.html", {"formulario": formulario})


@login_required
def evidencia_externa(request, pk: int):
    formacion = get_object_or_404(
        FormacionExterna.objects.select_related("empleado"), pk=pk
    )
    if not permissions.puede_ver_evidencia_externa(request.user, formacion):
        raise PermissionDenied
    extension = PurePosixPath(formacion.evidencia.name).suffix
    return respuesta_privada(
        request, formacion.evidencia, f"evidencia-{formacion.pk}{extension}"
    )


@rol_requerido(Rol.CALIDAD, Rol.DIRECCION)
def estadisticas(request):
    return render(
        request,
        "formacion/estadisticas.html",
        {
            "filas": selectors.estadisticas_cursos(),
            "certificados": Certificado.objects.select_related("empleado").order_by(
                "-emitido_en"
            )[:50]
            if tiene_rol(request.user, Rol.CALIDAD)
            else [],
        },
    )
