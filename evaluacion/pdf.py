"""The evaluation's result (page and PDF share it) and its PDF for the
employee's record."""

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from comun.graficos import niveles
from comun.idioma import idioma_de_usuario
from comun.pdf import pdf_de_plantilla

from . import selectors
from .models import Evaluacion
from .services import escala_de


def grafico_de_resultado(
    filas: list[dict], minimo: int, maximo: int, mostrar_niveles: bool = True
) -> SafeString:
    """The supervisor's level (bar), the required level (tick) and the
    self-assessment (diamond) per competency; without `mostrar_niveles` the
    bars are left out (the employee before the evaluation is sent)."""
    return niveles(
        [
            {
                "etiqueta": f"{f['competencia'].codigo} {f['nombre']}",
                "valor": f.get("nivel") if mostrar_niveles else None,
                "referencia": f.get("requerido"),
                "marca": f.get("autoevaluacion"),
            }
            for f in filas
        ],
        minimo,
        maximo,
        titulo=_("Nivel por competencia frente al requerido y a la autoevaluación"),
        leyenda=(_("Supervisión"), _("Requerido"), _("Autoevaluación")),
        nombre_valor=_("Nivel"),
    )


def contexto_resultado(ev: Evaluacion, mostrar_niveles: bool = True) -> dict:
    filas = selectors.filas_de_resultado(ev)
    minimo, maximo = escala_de(ev.campana.marco)
    return {
        "ev": ev,
        "filas": filas,
        "grafico": grafico_de_resultado(filas, minimo, maximo, mostrar_niveles),
        "escala": selectors.escala(ev.campana.marco_id),
        "brechas": [f for f in filas if f["brecha"]],
        "minimo": minimo,
        "maximo": maximo,
    }


def guardar_pdf_evaluacion(evaluacion_id: int) -> str:
    """Render (in the evaluated person's language, their record) and store;
    update() leaves closed evaluations otherwise untouched.

    The file is attached only if the evaluation is still at the version that was
    rendered: a task from an earlier step that finishes late (after the review
    or the close) never replaces the final document with an older state."""
    ev = selectors.evaluacion_detalle(evaluacion_id)
    if ev.pdf and ev.pdf_version == ev.version:
        # A repeated task (its worker died after storing): this version is done.
        return ev.pdf.name
    # The chart's labels are written while building the context.
    idioma = idioma_de_usuario(ev.empleado.usuario)
    with translation.override(idioma):
        contexto = {**contexto_resultado(ev), "generado": timezone.localtime()}
    contenido = pdf_de_plantilla("evaluacion/pdf.html", contexto, idioma=idioma)
    # Private storage, random name (comun.ficheros): never guessable from pk and version.
    campo = Evaluacion._meta.get_field("pdf")
    nombre = campo.storage.save(
        campo.generate_filename(ev, "evaluacion.pdf"), ContentFile(contenido)
    )
    if not Evaluacion.objects.filter(pk=ev.pk, version=ev.version).update(
        pdf=nombre, pdf_version=ev.version
    ):
        campo.storage.delete(nombre)
        return ""
    return nombre
