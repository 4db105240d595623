"""HTTP glue for evaluations, one module per subdomain: authorise
(permissions.py), call one service or selector, render. The views are
re-exported here for evaluacion/urls.py."""

from .campanas import (
    abrir_campana,
    calibracion,
    campana,
    campanas,
    cerrar_campana,
    mapa,
)
from .evaluaciones import alegar, cerrar, evaluacion, inicio, pdf, reconocer
from .marcos import marcos, nueva_version
from .plan import plan
from .puntuacion import autoevaluar, puntuar, revisar

__all__ = [
    "abrir_campana",
    "alegar",
    "autoevaluar",
    "calibracion",
    "campana",
    "campanas",
    "cerrar",
    "cerrar_campana",
    "evaluacion",
    "inicio",
    "mapa",
    "marcos",
    "nueva_version",
    "pdf",
    "plan",
    "puntuar",
    "reconocer",
    "revisar",
]
