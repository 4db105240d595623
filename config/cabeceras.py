"""Security headers on every response: Content-Security-Policy (django-csp) and
Permissions-Policy, plus the endpoint that receives the browsers' CSP reports.

The policies themselves are settings (CONTENT_SECURITY_POLICY,
CSP_POLITICA_ADMINISTRACION, PERMISSIONS_POLICY); this module applies them.
"""

import base64
import hashlib
import json
import logging
import re
from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.cache import cache as cache_django
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from comun.cache import ERRORES_DE_CACHE

logger = logging.getLogger("ventanilla.csp")

# A report is a few hundred bytes; anything bigger is not a browser's report.
TAMANO_MAXIMO_INFORME = 8 * 1024
# Reports logged per client address and minute: a page in a loop cannot flood the log.
INFORMES_POR_MINUTO = 20
# Addresses whose path carries a citizen's token: the log keeps only the prefix.
PREFIJOS_CON_TOKEN = ("/e/", "/quiosco/", "/verificar/")


class PoliticaSeguridadMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin interfaces' own policy.

    Wagtail's admin (/cms/) and Django's (/admin/) ship inline style attributes
    (and Wagtail a few style-setting scripts): they get CSP_POLITICA_ADMINISTRACION,
    which differs from the main policy only where their own markup needs it.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        partes = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and partes.config is None
            and request.path_info.startswith(settings.CSP_PREFIJOS_ADMINISTRACION)
        ):
            partes.config = default_config(settings.CSP_POLITICA_ADMINISTRACION)
        return partes


class PermisosMiddleware:
    """Permissions-Policy on every response: the browser features the platform
    does not use are off for its pages and for anything they embed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cabecera = ", ".join(
            f"{funcion}=({' '.join(origenes)})"
            for funcion, origenes in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        respuesta = self.get_response(request)
        respuesta.headers.setdefault("Permissions-Policy", self.cabecera)
        return respuesta


_ESTILO = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@cache
def hashes_de_estilo(*plantillas: str) -> tuple[str, ...]:
    """CSP hashes of the <style> blocks of templates that cannot link a
    stylesheet (the 500 pages): read from the template files, never from a
    rendered page, so nothing a request put on the page gets allowed."""
    hashes = []
    for nombre in plantillas:
        for carpeta in settings.TEMPLATES[0]["DIRS"]:
            ruta = carpeta / nombre
            if ruta.exists():
                for bloque in _ESTILO.findall(ruta.read_text(encoding="utf-8")):
                    resumen = hashlib.sha256(bloque.encode("utf-8")).digest()
                    hashes.append(f"'sha256-{base64.b64encode(resumen).decode()}'")
                break
    return tuple(hashes)


def permitir_estilos_de(respuesta, *plantillas: str):
    """Adds the hashes of these templates' <style> blocks to the response's style-src."""
    try:
        hashes = hashes_de_estilo(*plantillas)
    except Exception:  # an error page must render even if its template is unreadable
        hashes = ()
    if hashes:
        respuesta._csp_update = {"style-src": list(hashes)}
    return respuesta


def _ruta_sin_datos(uri) -> str:
    """The path of a reported address, without query, fragment or citizen token."""
    if not isinstance(uri, str):
        return ""
    if uri in ("inline", "eval", "data", "blob", "wasm-eval", "trusted-types-policy"):
        return uri
    partes = urlsplit(uri[:2000])
    ruta = partes.path or ""
    for prefijo in PREFIJOS_CON_TOKEN:
        if ruta.startswith(prefijo):
            ruta = prefijo + "…"
    origen = f"{partes.scheme}://{partes.netloc}" if partes.netloc else ""
    return (origen + ruta)[:300]


def _cliente(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "desconocido"


def _informes(cuerpo: bytes) -> list[dict]:
    """The reports in a body: report-uri's {"csp-report": {...}} or the
    Reporting API's list of {"type": "csp-violation", "body": {...}}."""
    datos = json.loads(cuerpo.decode("utf-8"))
    if isinstance(datos, dict) and isinstance(datos.get("csp-report"), dict):
        return [datos["csp-report"]]
    if isinstance(datos, list):
        return [
            d["body"]
            for d in datos[:10]
            if isinstance(d, dict) and isinstance(d.get("body"), dict)
        ]
    return []


def _campo(informe: dict, *nombres: str) -> str:
    for nombre in nombres:
        valor = informe.get(nombre)
        if isinstance(valor, str | int):
            return str(valor)[:300]
    return ""


@csrf_exempt
@require_POST
def informe_csp(request):
    """Logs the CSP violations browsers report. Always 204 (or 413 for an
    oversized body): a report is never answered with an error page."""
    try:
        longitud = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        longitud = TAMANO_MAXIMO_INFORME + 1
    if longitud > TAMANO_MAXIMO_INFORME:
        return HttpResponse(status=413)
    clave = f"csp-informes:{_cliente(request)}"
    try:
        cache_django.add(clave, 0, timeout=60)
        vistos = cache_django.incr(clave)
    except ValueError:
        vistos = 1
    except ERRORES_DE_CACHE:
        vistos = 1  # the cache is down: log it rather than fail the report
    if vistos > INFORMES_POR_MINUTO:
        return HttpResponse(status=204)
    try:
        informes = _informes(request.read(TAMANO_MAXIMO_INFORME))
    except Exception:  # not JSON, not UTF-8, a broken body: nothing to log
        return HttpResponse(status=204)
    for informe in informes:
        logger.warning(
            "Violación de la política de contenidos",
            extra={
                "csp_directiva": _campo(
                    informe,
                    "effective-directive",
                    "effectiveDirective",
                    "violated-directive",
                ),
                "csp_bloqueado": _ruta_sin_datos(
                    informe.get("blocked-uri", informe.get("blockedURL"))
                ),
                "csp_documento": _ruta_sin_datos(
                    informe.get("document-uri", informe.get("documentURL"))
                ),
                "csp_linea": _campo(informe, "line-number", "lineNumber"),
                "csp_muestra": _campo(informe, "script-sample", "sample")[:80],
            },
        )
    return HttpResponse(status=204)
