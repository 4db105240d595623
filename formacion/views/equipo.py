"""Supervisor and quality staff: the team matrix and its export, assignment,
external training, course statistics."""

import csv
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organizacion.models import Canal, Empleado, Oficina, Puesto, Rol
from organizacion.permissions import rol_requerido, tiene_rol
from organizacion.selectors import empleado_de

from .. import selectors, services
from ..models import Certificado, CursoPage, FormacionExterna
from .base import mensaje_error


def _ambito_equipo(request):
    if not tiene_rol(request.user, Rol.SUPERVISOR, Rol.CALIDAD, Rol.DIRECCION):
        raise PermissionDenied
    ambito = selectors.equipo_ids_de(request.user)
    oficina = request.GET.get("oficina")
    if ambito is None:
        qs = Empleado.objects.activos()
        if oficina and oficina.isdigit():
            qs = qs.filter(oficina_id=int(oficina))
        ambito = set(qs.values_list("pk", flat=True))
    return ambito


@login_required
def equipo(request):
    ambito = _ambito_equipo(request)
    contexto = selectors.formacion_del_equipo(
        empleado_ids=ambito,
        solo_fuera_de_plazo=request.GET.get("fuera_de_plazo") == "1",
    )
    contexto["externas"] = selectors.formacion_externa_del_equipo(empleado_ids=ambito)
    contexto["oficinas"] = (
        Oficina.objects.activas()
        if tiene_rol(request.user, Rol.CALIDAD, Rol.DIRECCION)
        else None
    )
    contexto["oficina_elegida"] = request.GET.get("oficina", "")
    return render(request, "formacion/equipo.html", contexto)


def _filas_exportacion(contexto):
    cabecera = [
        _("Apellidos"),
        _("Nombre"),
        _("Identificador"),
        _("Oficina"),
        _("Puesto"),
    ]
    cabecera += [c.title for c in contexto["cursos"]]
    filas = [cabecera]
    for fila in contexto["filas"]:
        p = fila["persona"]
        datos = [
            p.apellidos,
            p.nombre,
            p.identificador,
            p.oficina.nombre,
            p.puesto.nombre,
        ]
        for celda in fila["celdas"]:
            texto = str(celda["etiqueta"])
            if celda["plazo"]:
                texto += " · " + _("plazo %(f)s") % {
                    "f": celda["plazo"].strftime("%d/%m/%Y")
                }
            datos.append(texto)
        filas.append(datos)
    return filas


@login_required
def equipo_exportar(request, formato: str):
    ambito = _ambito_equipo(request)
    filas = _filas_exportacion(selectors.formacion_del_equipo(empleado_ids=ambito))
    nombre = f"formacion-equipo-{timezone.localdate():%Y%m%d}"
    if formato == "csv":
        respuesta = HttpResponse(content_type="text/csv; charset=utf-8")
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.csv"'
        respuesta.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
        escritor = csv.writer(respuesta, delimiter=";")
        escritor.writerows(filas)
        return respuesta
    if formato == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        libro = Workbook(write_only=False)
        hoja = libro.active
        hoja.title = "Formación del equipo"
        for fila in filas:
            hoja.append(fila)
        for celda in hoja[1]:
            celda.font = Font(bold=True)
        hoja.freeze_panes = "F2"
        respuesta = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}.xlsx"'
        libro.save(respuesta)
        return respuesta
    raise Http404


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


@rol_requerido(Rol.SUPERVISOR, Rol.CALIDAD)
def asignar(request):
    ambito = selectors.equipo_ids_de(request.user)
    propio = empleado_de(request.user)
    es_calidad = tiene_rol(request.user, Rol.CALIDAD)
    cursos = list(CursoPage.objects.live().defer_streamfields().order_by("title"))
    # A supervisor is offered only the offices, channels and jobs of her team:
    # any other choice would enrol nobody.
    oficinas, canales, puestos = (
        Oficina.objects.activas(),
        Canal.objects.all(),
        Puesto.objects.all(),
    )
    if ambito is not None:
        personas = Empleado.objects.filter(pk__in=ambito)
        oficinas = oficinas.filter(pk__in=personas.values("oficina_id"))
        canales = canales.filter(pk__in=personas.values("canales"))
        puestos = puestos.filter(pk__in=personas.values("puesto_id"))
    contexto = {
        "cursos": cursos,
        "oficinas": oficinas,
        "canales": canales,
        "puestos": puestos,
        "es_calidad": es_calidad,
        "datos": request.POST or {},
    }
    if request.method != "POST":
        return render(request, "formacion/asignar.html", contexto)
    errores = []

    def _por_id(qs, campo, fuera_de_ambito=None):
        valor = request.POST.get(campo, "")
        if not valor:
            return None
        if not valor.isdigit():
            errores.append(_("Valor no válido en %(c)s.") % {"c": campo})
            return None
        objeto = qs.model.objects.filter(pk=int(valor)).first()
        if objeto is None:
            errores.append(_("No existe el elemento elegido en %(c)s.") % {"c": campo})
        elif fuera_de_ambito and not qs.filter(pk=objeto.pk).exists():
            errores.append(fuera_de_ambito % {"x": objeto})
            return None
        return objeto

    curso = _por_id(CursoPage.objects.live(), "curso")
    if curso is None and not errores:
        errores.append(_("Elige un curso."))
    oficina = _por_id(
        oficinas, "oficina", _("La oficina «%(x)s» no tiene personas de tu equipo.")
    )
    canal = _por_id(canales, "canal", _("Nadie de tu equipo atiende el canal «%(x)s»."))
    puesto = _por_id(
        puestos, "puesto", _("Nadie de tu equipo ocupa el puesto «%(x)s».")
    )
    equipo_de = None
    if request.POST.get("solo_mi_equipo") or not es_calidad:
        equipo_de = propio
    plazo = None
    if request.POST.get("plazo"):
        try:
            plazo = date.fromisoformat(request.POST["plazo"])
        except ValueError:
            errores.append(_("La fecha límite no es una fecha válida."))
    obligatoria = bool(request.POST.get("obligatoria"))
    permanente = bool(request.POST.get("permanente"))
    if not errores:
        try:
            if permanente:
                dias = max(((plazo - timezone.localdate()).days if plazo else 30), 1)
                regla = services.crear_regla(
                    por=request.user,
                    curso=curso,
                    nombre=request.POST.get("nombre")
                    or _("Asignación de %(c)s") % {"c": curso.title},
                    oficina=oficina,
                    canal=canal,
                    puesto=puesto,
                    equipo_de=equipo_de,
                    obligatoria=obligatoria,
                    plazo_dias=dias,
                    ambito_ids=ambito,
                )
                registro = regla.registro_inicial
            else:
                registro = services.asignar(
                    curso=curso,
                    por=request.user,
                    oficina=oficina,
                    canal=canal,
                    puesto=puesto,
                    equipo_de=equipo_de,
                    plazo=plazo,
                    obligatoria=obligatoria,
                    ambito_ids=ambito,
                )
            if registro.nuevas or registro.ya_existentes:
                messages.success(
                    request,
                    _("«%(c)s»: %(r)s")
                    % {"c": curso.title, "r": _resultado_asignacion(registro)},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "«%(c)s»: nadie cumple esos criterios; no se ha matriculado "
                        "a nadie."
                    )
                    % {"c": curso.title},
                )
            return redirect("formacion:equipo")
        except ValidationError as exc:
            errores.append(mensaje_error(exc))
    contexto["errores"] = errores
    return render(request, "formacion/asignar.html", contexto, status=400)


class FormacionExternaForm(forms.ModelForm):
    class Meta:
        model = FormacionExterna
        fields = [
            "empleado",
            "titulo",
            "entidad",
            "horas",
            "modalidad",
            "fecha_inicio",
            "fecha_fin",
            "evidencia",
        ]
        widgets = {
            "fecha_inicio": forms.DateInput(attrs={"type": "date"}),
            "fecha_fin": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, ambito=None, **kwargs):
        super().__init__(*args, **kwargs)
        personas = Empleado.objects.activos().order_by("apellidos", "nombre")
        if ambito is not None:
            personas = personas.filter(pk__in=ambito)
        self.fields["empleado"].queryset = personas

    def clean(self):
        datos = super().clean()
        inicio, fin = datos.get("fecha_inicio"), datos.get("fecha_fin")
        if inicio and fin and fin < inicio:
            self.add_error(
                "fecha_fin", _("La finalización no puede ser anterior al inicio.")
            )
        return datos


@rol_requerido(Rol.SUPERVISOR, Rol.CALIDAD)
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
