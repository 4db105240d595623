"""The question-bank editor in the Wagtail admin (/cms/encuestas/preguntas/):
list, create, edit and a phone preview of the question as the citizen sees it.

The preview works without JavaScript: «Actualizar la vista previa» submits the
same form to the preview view, targeted at the phone frame; nothing is saved."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .editor import CAMPO_DEL_ERROR, ETIQUETA_ESTADO, NOMBRE_EN_ESPANOL, PreguntaForm
from .models import IDIOMAS, Item
from .presentacion import pregunta_para_ciudadania
from .textos import NOMBRES_IDIOMA, textos_de


def _exigir(request, permiso: str) -> None:
    if not request.user.has_perm(permiso):
        raise PermissionDenied


def lista(request):
    _exigir(request, "encuestas.view_itemversion")
    busqueda = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    filas = selectors.preguntas_del_banco(busqueda)
    for fila in filas:
        fila["traducciones"] = [
            (estado, NOMBRE_EN_ESPANOL[i], ETIQUETA_ESTADO[estado])
            for i in IDIOMAS[1:]
            for estado in [fila["version"].estado_en(i)]
        ]
    return render(
        request,
        "encuestas/editor/lista.html",
        {
            "filas": filas,
            "busqueda": busqueda,
            "puede_crear": request.user.has_perm("encuestas.add_item"),
        },
    )


def _formulario(request, form, *, titulo, version=None):
    url_vista = (
        reverse("encuestas_editor:vista_previa", args=[version.item_id])
        if version
        else reverse("encuestas_editor:vista_previa_nueva")
    )
    return render(
        request,
        "encuestas/editor/formulario.html",
        {
            "form": form,
            "titulo": titulo,
            "version": version,
            "url_vista": url_vista,
            "idioma_vista": form["idioma_vista"].value() or "es",
        },
    )


def _errores_del_servicio(form, error: ValidationError) -> None:
    for campo, mensajes in error.message_dict.items():
        destino = CAMPO_DEL_ERROR.get(campo, campo)
        for mensaje in mensajes:
            form.add_error(destino if destino in form.fields else None, mensaje)


@require_http_methods(["GET", "POST"])
def crear(request):
    _exigir(request, "encuestas.add_item")
    form = PreguntaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.crear_pregunta(
                codigo=form.cleaned_data["codigo"], **form.datos_pregunta()
            )
        except ValidationError as error:
            _errores_del_servicio(form, error)
        else:
            messages.success(
                request,
                _("Pregunta %(codigo)s creada. Añádala a una encuesta para usarla.")
                % {"codigo": version.item.codigo},
            )
            return redirect("encuestas_editor:editar", version.item_id)
    return _formulario(request, form, titulo=_("Nueva pregunta"))


@require_http_methods(["GET", "POST"])
def editar(request, pk):
    _exigir(request, "encuestas.change_itemversion")
    item = get_object_or_404(Item, pk=pk)
    version = item.version_vigente()
    form = PreguntaForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            nueva = services.editar_pregunta(
                item_version=version, **form.datos_pregunta()
            )
        except ValidationError as error:
            _errores_del_servicio(form, error)
        else:
            if nueva.pk != version.pk:
                messages.success(
                    request,
                    _(
                        "La pregunta ya tenía respuestas: se ha creado la versión "
                        "%(n)d y las encuestas pasan a usarla. Las respuestas "
                        "anteriores conservan el texto que se contestó."
                    )
                    % {"n": nueva.version},
                )
            else:
                messages.success(request, _("Cambios guardados."))
            if form.avisos:
                messages.warning(
                    request,
                    _(
                        "El texto en castellano ha cambiado: la traducción al "
                        "%(idiomas)s vuelve a «Borrador» hasta que se revise."
                    )
                    % {"idiomas": ", ".join(str(n) for n in form.avisos)},
                )
            return redirect("encuestas_editor:editar", item.pk)
    return _formulario(
        request,
        form,
        titulo=_("Pregunta %(codigo)s (versión %(n)d)")
        % {"codigo": item.codigo, "n": version.version},
        version=version,
    )


@xframe_options_sameorigin
@require_http_methods(["GET", "POST"])
def vista_previa(request, pk=None):
    """The citizen's page with this one question, rendered without the request
    so it shows what an anonymous visitor sees (no staff header)."""
    _exigir(request, "encuestas.view_itemversion")
    version = None
    if pk is not None:
        version = get_object_or_404(Item, pk=pk).version_vigente()
    if request.method == "POST":
        form = PreguntaForm(request.POST, version=version)
        idioma = request.POST.get("idioma_vista")
        errores = not form.is_valid()
        if not errores:
            version = form.version_sin_guardar()
    else:
        if version is None:
            return HttpResponse(status=404)
        idioma = request.GET.get("idioma")
        errores = False
    idioma = idioma if idioma in IDIOMAS else "es"
    errores_formulario = (
        [
            f"{form.fields[campo].label if campo in form.fields else ''}: {m}"
            for campo, mensajes in form.errors.items()
            for m in mensajes
        ]
        if errores
        else []
    )
    contexto = {
        "aviso_errores": _(
            "Corrija estos datos del formulario para ver la vista previa:"
        ),
        "lista_errores": errores_formulario,
        "t": textos_de(idioma),
        "idioma": idioma,
        "idiomas": [(c, NOMBRES_IDIOMA[c]) for c in IDIOMAS],
        "errores_formulario": errores,
        # Language links re-read the saved question: only on the saved preview.
        "enlaces_idioma": request.method == "GET",
        "p": None
        if errores
        else pregunta_para_ciudadania(version, idioma, obligatoria=True),
    }
    with translation.override(idioma):
        html = render_to_string("encuestas/editor/vista_previa.html", contexto)
    respuesta = HttpResponse(html)
    respuesta["Content-Language"] = idioma
    return respuesta
