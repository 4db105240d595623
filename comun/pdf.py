"""PDF rendering with WeasyPrint: a template in, bytes out, nothing from the network.

A document may load `data:` URIs and the project's own static and media files,
by `file://` URL or by their STATIC_URL / MEDIA_URL path (what `{% static %}`
writes). Everything else is refused: http(s), ftp, and files outside those
directories. A refused resource is left out of the document and WeasyPrint
logs it; the rendering goes on.
"""

import functools
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils._os import safe_join
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RecursoNoPermitido(ValueError):
    pass


def directorios_permitidos() -> list[Path]:
    """Static (collected, project and per app) and media directories; read at
    each call so that a changed MEDIA_ROOT (tests) is honoured."""
    directorios = [
        Path(d[1] if isinstance(d, tuple | list) else d)
        for d in settings.STATICFILES_DIRS
    ]
    directorios += [
        Path(app.path) / "static"
        for app in apps.get_app_configs()
        if (Path(app.path) / "static").is_dir()
    ]
    for raiz in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
        if raiz:
            directorios.append(Path(raiz))
    return [d.resolve() for d in directorios]


def _bajo_prefijo(ruta: str, prefijo: str | None) -> str | None:
    """The part of an URL path after STATIC_URL or MEDIA_URL (when they are
    site paths, not other hosts)."""
    if not prefijo or not prefijo.startswith("/"):
        return None
    return ruta[len(prefijo) :] if ruta.startswith(prefijo) else None


def _fichero_local(url: str) -> Path:
    partes = urlsplit(url)
    if partes.netloc not in ("", "localhost"):
        raise RecursoNoPermitido(url)
    ruta = unquote(partes.path)
    try:
        if (relativa := _bajo_prefijo(ruta, settings.STATIC_URL)) is not None:
            encontrada = finders.find(relativa) or (
                settings.STATIC_ROOT and safe_join(settings.STATIC_ROOT, relativa)
            )
            if not encontrada:
                raise RecursoNoPermitido(url)
            ruta = encontrada
        elif (relativa := _bajo_prefijo(ruta, settings.MEDIA_URL)) is not None:
            ruta = safe_join(settings.MEDIA_ROOT, relativa)
    except SuspiciousFileOperation as exc:
        raise RecursoNoPermitido(url) from exc
    # Resolved, so that neither ../ nor a symlink leads out of an allowed directory.
    fichero = Path(ruta).resolve()
    if not any(fichero.is_relative_to(d) for d in directorios_permitidos()):
        raise RecursoNoPermitido(url)
    if not fichero.is_file():
        raise RecursoNoPermitido(url)
    return fichero


class SoloLocal(URLFetcher):
    """WeasyPrint URL fetcher that serves only data: URIs and local static or
    media files."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        esquema = url.split(":", 1)[0].lower()
        if esquema == "data":
            return super().fetch(url, headers)
        if esquema != "file":
            raise RecursoNoPermitido(url)
        fichero = _fichero_local(url)
        tipo = mimetypes.guess_type(fichero.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            fichero.as_uri(), fichero.read_bytes(), {"Content-Type": tipo}
        )


@functools.cache
def hoja(ruta: str | Path) -> CSS:
    """A print stylesheet, parsed once per process (its @import and url() go
    through the same fetcher)."""
    return CSS(filename=str(ruta), url_fetcher=SoloLocal(), encoding="utf-8")


def pdf_de_html(
    html: str,
    *,
    hojas: Sequence[str | Path] = (),
    base_url: str | Path | None = None,
) -> bytes:
    """PDF of an HTML string. Relative URLs resolve against `base_url` (the
    project folder by default) and then pass the fetcher like any other."""
    return HTML(
        string=html,
        base_url=str(base_url if base_url is not None else settings.BASE_DIR),
        url_fetcher=SoloLocal(),
        encoding="utf-8",
    ).write_pdf(stylesheets=[hoja(h) for h in hojas])


def pdf_de_plantilla(
    plantilla: str,
    contexto: dict,
    *,
    idioma: str | None = None,
    hojas: Sequence[str | Path] = (),
    base_url: str | Path | None = None,
) -> bytes:
    """PDF of a template; `idioma` renders it in that language whatever the
    request's (a stored document is written in one language)."""
    if idioma:
        with translation.override(idioma):
            html = render_to_string(plantilla, contexto)
    else:
        html = render_to_string(plantilla, contexto)
    return pdf_de_html(html, hojas=hojas, base_url=base_url)
