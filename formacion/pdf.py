"""PDF rendering with WeasyPrint: HTML templates, one local print stylesheet,
the QR code as inline SVG (segno), no network fetches."""

import io
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from weasyprint import CSS, HTML

HOJA = Path(__file__).resolve().parent / "static" / "formacion" / "impresion.css"
_css = None


def _hoja():
    # Parsed once per process: the stylesheet is the same for every certificate.
    global _css
    if _css is None:
        _css = CSS(filename=str(HOJA))
    return _css


def url_verificacion(codigo: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("formacion:verificar", args=[codigo])


def qr_svg(texto: str) -> str:
    salida = io.BytesIO()
    segno.make(texto, error="m").save(
        salida, kind="svg", scale=3, border=1, xmldecl=False, svgns=True
    )
    return mark_safe(salida.getvalue().decode())


def _sin_red(url, *args, **kwargs):
    raise ValueError(f"Recurso externo no permitido en el PDF: {url}")


def renderizar(plantilla: str, contexto: dict) -> bytes:
    html = render_to_string(plantilla, contexto)
    return HTML(
        string=html, base_url=str(HOJA.parent), url_fetcher=_sin_red, encoding="utf-8"
    ).write_pdf(stylesheets=[_hoja()])


def pdf_certificado(certificado) -> bytes:
    url = url_verificacion(certificado.codigo)
    return renderizar(
        "formacion/pdf/certificado.html",
        {
            "c": certificado,
            "url_verificacion": url,
            "qr": qr_svg(url),
            "ahora": timezone.now(),
        },
    )


def pdf_expediente(*, empleado, filas, totales) -> bytes:
    return renderizar(
        "formacion/pdf/expediente.html",
        {
            "empleado": empleado,
            "filas": filas,
            "totales": totales,
            "ahora": timezone.now(),
            "emisor": settings.FORMACION_EMISOR,
        },
    )
