"""One JSON error shape for every endpoint of the API, in Spanish:

    {"error": {"codigo": "datos_no_validos",
               "mensaje": "Datos no válidos.",
               "detalles": [{"campo": "atenciones.0.fecha", "indice": 0,
                             "mensaje": "Debe ser una fecha y hora ISO 8601 ..."}]}}

`codigo` is stable (clients branch on it), `mensaje` is for people, `detalles`
lists field errors (empty when there are none; `indice` is the item of a batch).
config/api.py installs the handlers; endpoints answer their own errors with
`error(...)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema


class DetalleError(Schema):
    campo: str
    mensaje: str
    indice: int | None = None


class CuerpoError(Schema):
    codigo: str
    mensaje: str
    detalles: list[DetalleError] = []


class ErrorOut(Schema):
    error: CuerpoError


CODIGOS = {
    400: "peticion_no_valida",
    401: "no_autenticado",
    403: "prohibido",
    404: "no_encontrado",
    405: "metodo_no_permitido",
    413: "demasiado_grande",
    422: "datos_no_validos",
    429: "demasiadas_peticiones",
}


def error(estado: int, mensaje: str, detalles: Iterable[dict] = ()) -> dict:
    """The body of an error answer with HTTP status `estado`."""
    return {
        "error": {
            "codigo": CODIGOS.get(estado, "error"),
            "mensaje": str(mensaje),
            "detalles": [
                {
                    "campo": d.get("campo", ""),
                    "mensaje": str(d.get("mensaje", "")),
                    "indice": d.get("indice"),
                }
                for d in detalles
            ],
        }
    }


def detalles_de_validacion(errores: list[dict]) -> list[dict]:
    """ninja's ValidationError.errors (pydantic's, located by ninja) as `detalles`:
    the field's path as the client wrote it, the index of a batch item."""
    detalles = []
    for e in errores:
        loc = list(e.get("loc", ()))
        # ("body", <the view's parameter>, ...) or ("query", <field>, ...): the
        # origin and the parameter's name are ninja's, not the client's.
        loc = loc[2:] if loc[:1] == ["body"] else loc[1:]
        detalles.append(
            {
                "campo": ".".join(str(p) for p in loc),
                "mensaje": mensaje_de(e),
                "indice": next((p for p in loc if isinstance(p, int)), None),
            }
        )
    return detalles


def mensaje_de(e: dict) -> str:
    """pydantic's error, in Spanish, from its stable `type` and context."""
    tipo = e.get("type", "")
    ctx = e.get("ctx") or {}
    if tipo == "value_error" and "error" in ctx:  # our validators speak Spanish
        return str(ctx["error"])
    if tipo == "literal_error":
        esperado = str(ctx.get("expected", "")).replace(" or ", " o ")
        return _("Debe ser uno de estos valores: %(v)s.") % {"v": esperado}
    plantilla = _MENSAJES.get(tipo)
    if plantilla is None:
        return _("Valor no válido.")
    try:
        return str(plantilla) % ctx
    except (KeyError, TypeError, ValueError):
        return _("Valor no válido.")


_FECHA_HORA = gettext_lazy(
    "Debe ser una fecha y hora ISO 8601 (p. ej. 2026-11-20T10:15:00+01:00)."
)
_FECHA = gettext_lazy("Debe ser una fecha ISO 8601 (AAAA-MM-DD).")
_MENSAJES = {
    "missing": gettext_lazy("Falta este campo."),
    "string_type": gettext_lazy("Debe ser un texto."),
    "string_too_long": gettext_lazy("Admite como máximo %(max_length)s caracteres."),
    "string_too_short": gettext_lazy("Necesita al menos %(min_length)s caracteres."),
    "too_long": gettext_lazy("Admite como máximo %(max_length)s elementos."),
    "too_short": gettext_lazy("Necesita al menos %(min_length)s elementos."),
    "int_type": gettext_lazy("Debe ser un número entero."),
    "int_parsing": gettext_lazy("Debe ser un número entero."),
    "int_from_float": gettext_lazy("Debe ser un número entero."),
    "float_type": gettext_lazy("Debe ser un número."),
    "float_parsing": gettext_lazy("Debe ser un número."),
    "finite_number": gettext_lazy("Debe ser un número finito."),
    "greater_than": gettext_lazy("Debe ser mayor que %(gt)s."),
    "greater_than_equal": gettext_lazy("Debe ser mayor o igual que %(ge)s."),
    "less_than": gettext_lazy("Debe ser menor que %(lt)s."),
    "less_than_equal": gettext_lazy("Debe ser menor o igual que %(le)s."),
    "bool_type": gettext_lazy("Debe ser verdadero o falso."),
    "bool_parsing": gettext_lazy("Debe ser verdadero o falso."),
    "datetime_type": _FECHA_HORA,
    "datetime_parsing": _FECHA_HORA,
    "datetime_from_date_parsing": _FECHA_HORA,
    "date_type": _FECHA,
    "date_parsing": _FECHA,
    "date_from_datetime_parsing": _FECHA,
    "date_from_datetime_inexact": _FECHA,
    "list_type": gettext_lazy("Debe ser una lista."),
    "dict_type": gettext_lazy("Debe ser un objeto JSON."),
    "model_type": gettext_lazy("Debe ser un objeto JSON."),
    "model_attributes_type": gettext_lazy("Debe ser un objeto JSON."),
    "extra_forbidden": gettext_lazy("Campo no admitido."),
    "json_invalid": gettext_lazy("JSON no válido."),
}
