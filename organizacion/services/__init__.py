"""Operations that change the organisation's records."""

from .cuentas import enviar_bienvenida, programar_bienvenida, usuario_para
from .importacion import importar_plantilla

__all__ = [
    "enviar_bienvenida",
    "importar_plantilla",
    "programar_bienvenida",
    "usuario_para",
]
