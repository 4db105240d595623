"""What comes in from outside, checked once at the edge: no control characters,
no sizes a library or the database cannot take.

A NUL byte is fine for Python and SQLite but PostgreSQL refuses it in any text
(and psycopg raises before the query runs), a lone surrogate cannot be encoded
to UTF-8, and openpyxl refuses most control characters in a cell: each of them
turned an odd request into a 500. Tab, line feed and carriage return stay
allowed where a text may hold several lines.

- API schemas inherit `SinControl` (pydantic): such a value is a 422 with the
  API's usual JSON error.
- `EntradasMiddleware` answers 400 (the localised error page) for the rest of
  the site: control characters in the address, the query string or a form field.
  Under /api/ it leaves validation to the schemas and only turns ninja's bare
  "Method not allowed" into the API's JSON error.
"""

import re

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, field_validator

from .errores_api import error

# C0 controls except tab, LF and CR, and lone surrogates (from JSON "\ud800").
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
# In a one-line value (an address, a query parameter) tab, LF and CR too.
CONTROL_EN_LINEA = re.compile("[\x00-\x1f\ud800-\udfff]")

PREFIJO_API = "/api/"
# Django's User.username; django-axes stores the name tried in a 255 column.
LONGITUD_USUARIO = 150
_TIPOS_DE_FORMULARIO = ("application/x-www-form-urlencoded", "multipart/form-data")


def tiene_control(texto: str, *, en_linea: bool = False) -> bool:
    """Whether `texto` holds a character no edge of the app accepts."""
    return bool((CONTROL_EN_LINEA if en_linea else CONTROL).search(texto))


def quitar_control(texto: str) -> str:
    """`texto` without those characters (for data already stored, or exported)."""
    return CONTROL.sub("", texto)


def mensaje_control() -> str:
    return _(
        "Contiene caracteres de control (como NUL) que no se admiten; "
        "revise el texto o escríbalo de nuevo."
    )


def usuario_para_axes(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username tried, as axes may store it. Every
    sign-in form (the app's, Django admin's, Wagtail's) reaches axes, and not all
    of them bound the length first."""
    datos = credentials or request.POST
    usuario = datos.get("username")
    if usuario is None:
        return None
    return quitar_control(str(usuario))[:LONGITUD_USUARIO]


def _con_control(valor) -> bool:
    if isinstance(valor, str):
        return tiene_control(valor, en_linea=True)
    if isinstance(valor, list | tuple | set | frozenset):
        return any(_con_control(v) for v in valor)
    if isinstance(valor, dict):
        return any(_con_control(k) or _con_control(v) for k, v in valor.items())
    return False


class SinControl(BaseModel):
    """Base of every API input: a text field (or a list or dict of them) with a
    control character is a validation error, a 422 like any other. The API has
    no multi-line texts, so tab, LF and CR count too."""

    @field_validator("*", mode="after")
    @classmethod
    def _sin_caracteres_de_control(cls, valor):
        if _con_control(valor):
            raise ValueError(mensaje_control())
        return valor


class EntradasMiddleware:
    """400 for a control character in the path, the query string or a form
    field of any page outside the API (the API's schemas answer 422)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIJO_API):
            return self._api(request, self.get_response(request))
        if tiene_control(request.path_info, en_linea=True) or _campos_con_control(
            request.GET
        ):
            raise BadRequest(mensaje_control())
        if request.content_type in _TIPOS_DE_FORMULARIO and request.method == "POST":
            if _campos_con_control(request.POST):
                raise BadRequest(mensaje_control())
        return self.get_response(request)

    @staticmethod
    def _api(request, respuesta):
        # ninja answers a wrong method with a bare text 405; clients read JSON.
        if respuesta.status_code == 405 and "json" not in respuesta.get(
            "Content-Type", ""
        ):
            nueva = JsonResponse(
                error(405, _("Método %(m)s no admitido aquí.") % {"m": request.method}),
                status=405,
            )
            if respuesta.has_header("Allow"):
                nueva["Allow"] = respuesta["Allow"]
            return nueva
        return respuesta


def _campos_con_control(datos) -> bool:
    # Names one-line; values may be several lines (a comment, an address).
    return any(
        tiene_control(nombre, en_linea=True) or any(tiene_control(v) for v in valores)
        for nombre, valores in datos.lists()
    )


class EsquemaEntrada(SinControl, Schema):
    """A ninja Schema for a request's body or query, with the same guard."""
