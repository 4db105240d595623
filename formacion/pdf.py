"""Certificate and training-record PDFs: HTML templates and one local print
stylesheet through comun.pdf (no network), the QR code as inline SVG (segno)."""

import io
from pathlib import Path

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from comun.enlaces import enlace_absoluto
from comun.idioma import idioma_de_usuario
from comun.pdf import pdf_de_plantilla

HOJA = Path(__file__).resolve().parent / "static" / "formacion" / "impresion.css"


def url_verificacion(codigo: str) -> str:
    return enlace_absoluto(reverse("formacion:verificar", args=[codigo]))


def qr_svg(texto: str) -> str:
    salida = io.BytesIO()
    segno.make(texto, error="m").save(
        salida, kind="svg", scale=3, border=1, xmldecl=False, svgns=True
    )
    return mark_safe(salida.getvalue().decode())


def _renderizar(plantilla: str, contexto: dict, *, idioma: str) -> bytes:
    # A stored document is written once, in one language (its holder's).
    return pdf_de_plantilla(
        plantilla, contexto, idioma=idioma, hojas=[HOJA], base_url=HOJA.parent
    )


def _idioma_de(empleado) -> str:
    return idioma_de_usuario(getattr(empleado, "usuario", None))


def idiomas_certificado(certificado) -> list[str]:
    """Spanish and the administration's co-official language where it issues
    bilingual certificates; otherwise the holder's language."""
    cooficial = settings.FORMACION_CERTIFICADO_COOFICIAL
    if cooficial in settings.IDIOMAS_PERSONAL and cooficial != "es":
        return ["es", cooficial]
    return [_idioma_de(certificado.empleado)]


def pdf_certificado(certificado) -> bytes:
    url = url_verificacion(certificado.codigo)
    idiomas = idiomas_certificado(certificado)
    return _renderizar(
        "formacion/pdf/certificado.html",
        {
            "c": certificado,
            "url_verificacion": url,
            "qr": qr_svg(url),
            "ahora": timezone.now(),
            "idiomas": idiomas,
        },
        idioma=idiomas[0],
    )


def pdf_expediente(*, empleado, filas, totales) -> bytes:
    return _renderizar(
        "formacion/pdf/expediente.html",
        {
            "empleado": empleado,
            "filas": filas,
            "totales": totales,
            "ahora": timezone.now(),
            "emisor": settings.FORMACION_EMISOR,
        },
        idioma=_idioma_de(empleado),
    )
