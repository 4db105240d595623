from django import template

register = template.Library()


@register.filter
def elegidas_de(elegidas: dict, clave) -> list:
    """The option ids chosen for one answer row (to refill the form after an error)."""
    return elegidas.get(clave, []) if isinstance(elegidas, dict) else []


ESTADO_CLASE = {
    "al_dia": "estado--ok",
    "caduca_60": "estado--aviso",
    "caduca_30": "estado--aviso",
    "caducado": "estado--mal",
    "sin_formacion": "estado--mal",
    "no_aplica": "estado--neutro",
}


@register.filter
def clase_estado(estado: str) -> str:
    return ESTADO_CLASE.get(estado, "estado--neutro")
