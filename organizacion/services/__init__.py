"""Operations that change the organisation's records."""

from .conservacion import anonimizar_empleado, aplicar_conservacion
from .cuentas import (
    cambiar_idioma,
    enviar_bienvenida,
    programar_bienvenida,
    usuario_para,
)
from .importacion import (
    ejecutar_importacion,
    importar_plantilla,
    solicitar_importacion,
)

__all__ = [
    "anonimizar_empleado",
    "cambiar_idioma",
    "aplicar_conservacion",
    "ejecutar_importacion",
    "enviar_bienvenida",
    "importar_plantilla",
    "programar_bienvenida",
    "solicitar_importacion",
    "usuario_para",
]
