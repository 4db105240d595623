"""HTTP glue for training screens: parse, authorise, call a service or selector,
render."""

import csv
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from organizacion.models import Canal, Empleado, Oficina, Puesto, Rol
from organizacion.permissions import rol_requerido, tiene_rol
from organizacion.selectors import empleado_de

from . import permissions, selectors, services
from .forms import VerificarForm
from .models import (
    Certificado,
    CursoPage,
    CursosIndexPage,
    Expediente,
    FormacionExterna,
    Intento,
    LeccionPage,
    Matricula,
    OpcionVersion,
    RespuestaIntento,
)


def _empleado_o_403(request):
    empleado = empleado_de(request.user)
    if empleado is None:
        raise PermissionDenied(_("Tu usuario no tiene ficha de empleado/a."))
    return empleado


def _mensaje_error(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for ms in exc.message_dict.values() for m in ms)
    return " ".join(exc.messages)


# --- Employee -------------------------------------------------------------------------


@login_required
def mi_formacion(request):
    empleado = _empleado_o_403(request)
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
    empleado = _empleado_o_403(request)
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
    respuesta = FileResponse(
        expediente.pdf.open("rb"),
        as_attachment=True,
        filename=f"expediente-formativo-{expediente.empleado.identificador}.pdf",
        content_type="application/pdf",
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
def catalogo(request):
    indice = CursosIndexPage.objects.live().first()
    if indice is None:
        raise Http404
    destino = indice.url
    if request.GET:
        destino += "?" + request.GET.urlencode()
    return redirect(destino)


@login_required
@require_POST
def matricularme(request, curso_id: int):
    empleado = _empleado_o_403(request)
    curso = get_object_or_404(CursoPage.objects.live(), pk=curso_id)
    services.matricular(
        empleado=empleado, curso=curso, origen=Matricula.Origen.PROPIA, por=request.user
    )
    messages.success(request, _("Te has matriculado en «%(c)s».") % {"c": curso.title})
    return redirect(curso.url)


@login_required
@require_POST
def completar_leccion(request, leccion_id: int):
    empleado = _empleado_o_403(request)
    leccion = get_object_or_404(LeccionPage.objects.live(), pk=leccion_id)
    curso = leccion.get_parent().specific
    matricula = selectors.matricula_actual(empleado, curso)
    if matricula is None or not matricula.abierta:
        messages.error(
            request, _("Matricúlate en el curso para registrar tu progreso.")
        )
        return redirect(leccion.url)
    try:
        completado = services.completar_leccion(matricula=matricula, leccion=leccion)
    except ValidationError as exc:
        messages.error(request, _mensaje_error(exc))
        return redirect(leccion.url)
    if completado:
        messages.success(
            request, _("¡Curso completado! Tu certificado se está generando.")
        )
        return redirect(curso.url)
    messages.success(request, _("Lección «%(l)s» completada.") % {"l": leccion.title})
    siguiente = selectors.contexto_leccion(leccion=leccion, usuario=request.user)[
        "progreso"
    ]["siguiente"]
    return redirect(siguiente.url if siguiente else curso.url)


@login_required
@require_POST
def iniciar_cuestionario(request, curso_id: int):
    empleado = _empleado_o_403(request)
    curso = get_object_or_404(CursoPage.objects.live(), pk=curso_id)
    matricula = selectors.matricula_actual(empleado, curso)
    if matricula is None:
        messages.error(
            request, _("Matricúlate en el curso para hacer el cuestionario.")
        )
        return redirect(curso.url)
    try:
        intento = services.iniciar_intento(matricula=matricula)
    except ValidationError as exc:
        messages.error(request, _mensaje_error(exc))
        return redirect(curso.url)
    return redirect("formacion:intento", intento.pk)


def _intento_propio(request, intento_id: int) -> Intento:
    intento = get_object_or_404(
        Intento.objects.select_related("matricula__curso", "matricula__empleado"),
        pk=intento_id,
    )
    if not permissions.es_propia(request.user, intento.matricula):
        raise PermissionDenied
    return intento


def _filas_intento(intento: Intento):
    return list(
        RespuestaIntento.objects.filter(intento=intento)
        .select_related("version")
        .prefetch_related(
            Prefetch(
                "version__opciones",
                queryset=OpcionVersion.objects.order_by("orden", "pk"),
            ),
            "opciones_elegidas",
        )
        .order_by("orden")
    )


@login_required
def intento(request, intento_id: int):
    intento = _intento_propio(request, intento_id)
    if intento.estado == Intento.Estado.ENVIADO:
        return redirect("formacion:resultado", intento.pk)
    filas = _filas_intento(intento)
    if request.method == "POST":
        respuestas: dict[int, list[int]] = {}
        try:
            for clave in request.POST:
                if clave.startswith("p") and clave[1:].isdigit():
                    respuestas[int(clave[1:])] = [
                        int(v) for v in request.POST.getlist(clave)
                    ]
        except ValueError:
            return HttpResponseBadRequest(
                _("Las respuestas deben ser identificadores numéricos.")
            )
        try:
            services.enviar_intento(intento=intento, respuestas=respuestas)
        except ValidationError as exc:
            return render(
                request,
                "formacion/intento.html",
                {
                    "intento": intento,
                    "filas": filas,
                    "curso": intento.matricula.curso,
                    "error": _mensaje_error(exc),
                    "elegidas": respuestas,
                },
                status=400,
            )
        return redirect("formacion:resultado", intento.pk)
    return render(
        request,
        "formacion/intento.html",
        {
            "intento": intento,
            "filas": filas,
            "curso": intento.matricula.curso,
            "elegidas": {},
        },
    )


@login_required
def resultado(request, intento_id: int):
    intento = _intento_propio(request, intento_id)
    if intento.estado != Intento.Estado.ENVIADO:
        return redirect("formacion:intento", intento.pk)
    matricula = intento.matricula
    certificado = matricula.certificados.filter(
        estado=Certificado.Estado.EMITIDO
    ).first()
    return render(
        request,
        "formacion/resultado.html",
        {
            "intento": intento,
            "filas": _filas_intento(intento),
            "curso": matricula.curso,
            "matricula": matricula,
            "certificado": certificado,
        },
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
    return FileResponse(
        certificado.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificado-{certificado.codigo}.pdf",
        content_type="application/pdf",
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


# --- Public verification --------------------------------------------------------------


def verificar_formulario(request):
    form = VerificarForm(request.GET or None)
    if not form.is_valid():
        return render(request, "formacion/verificar_formulario.html", {"form": form})
    codigo = form.cleaned_data["codigo"]
    if codigo is None:
        return render(request, "formacion/verificar_desconocido.html", status=404)
    return redirect("formacion:verificar", codigo)


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


def verificar_pdf(request, codigo: str):
    certificado = selectors.certificado_por_codigo(codigo)
    if certificado is None or not certificado.pdf:
        return render(request, "formacion/verificar_desconocido.html", status=404)
    respuesta = FileResponse(
        certificado.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificado-{certificado.codigo}.pdf",
        content_type="application/pdf",
    )
    respuesta["X-Content-SHA256"] = certificado.sha256
    return respuesta


@rol_requerido(Rol.CALIDAD)
def revocar(request, pk: int):
    certificado = get_object_or_404(Certificado, pk=pk)
    error = None
    if request.method == "POST":
        motivo = request.POST.get("motivo", "")
        try:
            if request.POST.get("accion") == "reemitir":
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
            error = _mensaje_error(exc)
    return render(
        request,
        "formacion/revocar.html",
        {"c": certificado, "error": error},
        status=400 if error else 200,
    )


# --- Supervisor and quality staff -----------------------------------------------------


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
    contexto["puede_gestionar"] = permissions.puede_gestionar_equipo(request.user)
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


@rol_requerido(*permissions.ROLES_GESTION_EQUIPO)
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
            errores.append(_mensaje_error(exc))
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
