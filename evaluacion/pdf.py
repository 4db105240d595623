"""The evaluation's PDF for the employee's record (WeasyPrint)."""

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import selectors
from .grafico import svg_resultado
from .models import Evaluacion
from .services import escala_de


def contexto_resultado(ev: Evaluacion, mostrar_niveles: bool = True) -> dict:
    filas = selectors.filas_de_resultado(ev)
    minimo, maximo = escala_de(ev.campana.marco)
    return {
        "ev": ev,
        "filas": filas,
        "grafico": svg_resultado(filas, minimo, maximo, mostrar_niveles),
        "escala": selectors.escala(ev.campana.marco_id),
        "brechas": [f for f in filas if f["brecha"]],
        "minimo": minimo,
        "maximo": maximo,
    }


def renderizar_pdf(ev: Evaluacion) -> bytes:
    from weasyprint import HTML

    with translation.override("es"):
        html = render_to_string(
            "evaluacion/pdf.html",
            {**contexto_resultado(ev), "generado": timezone.localtime()},
        )
    return HTML(string=html, encoding="utf-8").write_pdf()


def guardar_pdf_evaluacion(evaluacion_id: int) -> str:
    """Render and store; update() leaves closed evaluations otherwise untouched.

    The file is attached only if the evaluation is still at the version that was
    rendered: a task from an earlier step that finishes late (after the review
    or the close) never replaces the final document with an older state."""
    ev = selectors.evaluacion_detalle(evaluacion_id)
    contenido = renderizar_pdf(ev)
    from django.core.files.storage import default_storage

    nombre = default_storage.save(
        f"evaluacion/pdf/evaluacion-{ev.pk}-v{ev.version}.pdf", ContentFile(contenido)
    )
    if not Evaluacion.objects.filter(pk=ev.pk, version=ev.version).update(
        pdf=nombre, pdf_version=ev.version
    ):
        default_storage.delete(nombre)
        return ""
    return nombre
