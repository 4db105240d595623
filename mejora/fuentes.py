"""Registry of indicator sources: a registered name → the contract function of a
source app (see CONTRATOS.md). mejora imports the other apps; nobody imports mejora.

A source that is not installed or does not (yet) expose its function resolves to
None, and the indicator reports "sin datos — fuente no disponible" instead of a figure.
"""

from collections.abc import Callable
from datetime import date
from importlib import import_module

SELECTORES: dict[str, tuple[str, str]] = {
    "encuestas.acuerdo": ("encuestas.selectors", "indicador_acuerdo"),
    "encuestas.media": ("encuestas.selectors", "indicador_media"),
    "encuestas.ces": ("encuestas.selectors", "indicador_ces"),
    "encuestas.tasa_respuesta": ("encuestas.selectors", "indicador_tasa_respuesta"),
    "encuestas.alertas_en_plazo": ("encuestas.selectors", "indicador_alertas_en_plazo"),
    "encuestas.nps": ("encuestas.selectors", "indicador_nps"),
    "formacion.obligatoria_al_dia": (
        "formacion.selectors",
        "indicador_formacion_obligatoria_al_dia",
    ),
    "formacion.horas_por_persona": (
        "formacion.selectors",
        "indicador_horas_por_persona",
    ),
    "formacion.tasa_aprobado": ("formacion.selectors", "indicador_tasa_aprobado"),
    "evaluacion.cobertura": ("evaluacion.selectors", "indicador_cobertura_evaluacion"),
    "evaluacion.en_plazo": ("evaluacion.selectors", "indicador_evaluaciones_en_plazo"),
    "evaluacion.nivel_vs_requerido": (
        "evaluacion.selectors",
        "indicador_nivel_vs_requerido",
    ),
    "evaluacion.en_estandar": (
        "evaluacion.selectors",
        "indicador_porcentaje_en_estandar",
    ),
    "evaluacion.tasa_alegaciones": (
        "evaluacion.selectors",
        "indicador_tasa_alegaciones",
    ),
    "evaluacion.cambio_tras_formacion": (
        "evaluacion.selectors",
        "indicador_cambio_tras_formacion",
    ),
}

# Cross-module hints (report section 6).
PISTAS: dict[str, tuple[str, str]] = {
    "nivel_medio_por_competencia": (
        "evaluacion.selectors",
        "nivel_medio_por_competencia",
    ),
    "cobertura_por_competencia": ("formacion.selectors", "cobertura_por_competencia"),
    "drivers_por_oficina": ("encuestas.selectors", "drivers_por_oficina"),
}

MANUAL = "manual"

# Functions registered at run time (tests, or an installation's own sources).
_registrados: dict[str, Callable] = {}


def registrar(nombre: str, funcion: Callable) -> None:
    _registrados[nombre] = funcion


def desregistrar(nombre: str) -> None:
    _registrados.pop(nombre, None)


def _importar(modulo: str, funcion: str) -> Callable | None:
    try:
        return getattr(import_module(modulo), funcion, None)
    except ImportError:
        return None


def resolver(nombre: str) -> Callable | None:
    if nombre in _registrados:
        return _registrados[nombre]
    if nombre in SELECTORES:
        return _importar(*SELECTORES[nombre])
    return None


def pista(nombre: str) -> Callable | None:
    return _importar(*PISTAS[nombre]) if nombre in PISTAS else None


def nombres_validos() -> list[str]:
    return sorted({*SELECTORES, *_registrados, MANUAL})


def calcular(
    nombre: str,
    *,
    desde: date,
    hasta: date,
    oficina_ids=None,
    canal=None,
    parametros=None,
) -> dict | None:
    """The contract dict, or None when the source is not available."""
    funcion = resolver(nombre)
    if funcion is None:
        return None
    resultado = funcion(
        desde=desde,
        hasta=hasta,
        oficina_ids=oficina_ids,
        canal=canal,
        **(parametros or {}),
    )
    return {
        "valor": None if resultado.get("valor") is None else float(resultado["valor"]),
        "n": int(resultado.get("n") or 0),
        "ic_inf": resultado.get("ic_inf"),
        "ic_sup": resultado.get("ic_sup"),
    }
