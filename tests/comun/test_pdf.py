"""PDF rendering: text read back from the PDF, local files served, the network
never touched."""

import io
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from comun import pdf
from comun.pdf import RecursoNoPermitido, SoloLocal

IMPRESION = (
    Path(settings.BASE_DIR) / "formacion" / "static" / "formacion" / "impresion.css"
)


def _texto(contenido: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


def _imagenes(contenido: bytes) -> int:
    return sum(len(p.images) for p in PdfReader(io.BytesIO(contenido)).pages)


def _png(ruta: Path) -> Path:
    ruta.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (4, 4), (11, 79, 138)).save(ruta)
    return ruta


@pytest.fixture
def red_vigilada(monkeypatch):
    """Record any attempt to resolve or connect, and stop it."""
    intentos = []

    def prohibido(*args, **kwargs):
        intentos.append(args)
        raise OSError("red no disponible en la prueba")

    monkeypatch.setattr(socket, "getaddrinfo", prohibido)
    monkeypatch.setattr(socket, "create_connection", prohibido)
    monkeypatch.setattr(socket.socket, "connect", prohibido)
    return intentos


EXTERNOS = """<html><head>
<link rel="stylesheet" href="https://cdn.example.com/hoja.css">
<style>@import url("http://example.com/importada.css");
body { background: url(http://example.com/fondo.png); }</style>
</head><body><p>Documento sin red</p>
<img src="http://example.com/logo.png"><img src="https://example.com/qr.svg">
</body></html>"""


def test_el_pdf_no_toca_la_red_y_se_genera_sin_los_recursos_externos(red_vigilada):
    # Control: WeasyPrint's own fetcher does try the network with this HTML.
    HTML(string=EXTERNOS).write_pdf()
    assert red_vigilada
    red_vigilada.clear()

    contenido = pdf.pdf_de_html(EXTERNOS)
    assert red_vigilada == []
    assert contenido.startswith(b"%PDF")
    assert "Documento sin red" in _texto(contenido)
    assert _imagenes(contenido) == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/a.png",
        "https://example.com/a.css",
        "ftp://example.com/a.png",
        "file:///etc/passwd",
        "file://otra-maquina/static/css/base.css",
    ],
)
def test_el_recuperador_rechaza_red_y_ficheros_ajenos(url):
    with pytest.raises(RecursoNoPermitido):
        SoloLocal()(url)


def test_el_recuperador_rechaza_salir_de_static_o_media(tmp_path):
    fuera = tmp_path / "secreto.txt"
    fuera.write_text("no")
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "enlace.txt").symlink_to(fuera)
    for url in (
        fuera.as_uri(),
        "file:///static/../../../etc/passwd",
        "file:///media/../secreto.txt",
        "file:///media/enlace.txt",
        (Path(settings.BASE_DIR) / "config" / "settings.py").as_uri(),
        "file:///static/no-existe.css",
    ):
        with pytest.raises(RecursoNoPermitido):
            SoloLocal()(url)


def test_el_recuperador_sirve_static_por_su_url_y_por_fichero():
    por_url = SoloLocal()("file:///static/formacion/impresion.css")
    assert por_url.read() == IMPRESION.read_bytes()
    assert por_url.content_type == "text/css"
    assert SoloLocal()(IMPRESION.as_uri()).read() == IMPRESION.read_bytes()


def test_el_pdf_carga_imagenes_de_media_y_data():
    _png(Path(settings.MEDIA_ROOT) / "fotos" / "logo.png")
    contenido = pdf.pdf_de_html(
        '<p>Con imagen</p><img src="/media/fotos/logo.png">'
        '<img src="data:image/png;base64,'
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
        'hgGAWjR9awAAAABJRU5ErkJggg==">'
    )
    assert "Con imagen" in _texto(contenido)
    assert _imagenes(contenido) == 2


def test_las_hojas_de_estilo_se_aplican_y_se_leen_una_vez(tmp_path):
    estatica = tmp_path / "static"
    estatica.mkdir()
    css = estatica / "marca.css"
    css.write_text('body::before { content: "Marca de la hoja"; }')
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "STATICFILES_DIRS", [estatica])
        contenido = pdf.pdf_de_html("<p>Cuerpo</p>", hojas=[css])
        assert pdf.hoja(css) is pdf.hoja(css)
    texto = _texto(contenido)
    assert "Marca de la hoja" in texto and "Cuerpo" in texto


def test_la_plantilla_se_genera_en_el_idioma_pedido(settings, tmp_path):
    (tmp_path / "doc.html").write_text(
        "{% load i18n %}{% get_current_language as idioma %}"
        "<p>Idioma {{ idioma }} de {{ persona }}</p>"
    )
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [tmp_path],
        }
    ]
    with translation.override("ca"):
        assert "Idioma en de Ana" in _texto(
            pdf.pdf_de_plantilla("doc.html", {"persona": "Ana"}, idioma="en")
        )
        assert translation.get_language() == "ca"
        assert "Idioma ca de Ana" in _texto(
            pdf.pdf_de_plantilla("doc.html", {"persona": "Ana"})
        )


def test_el_texto_con_acentos_llega_intacto():
    assert "Certificación de asistencia: ñandú" in _texto(
        pdf.pdf_de_html("<p>Certificación de asistencia: ñandú</p>")
    )
