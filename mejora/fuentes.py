"""The seam between mejora and the source apps: every contract function mejora
reads, imported here (so a missing one fails at start-up), and the registry of
indicator sources: the name an Indicador row stores in `selector` → its function.
mejora imports the other apps; nobody imports mejora.

mejora/checks.py checks at start-up that every indicator names a source of this
registry and that the function accepts the contract's arguments. A name that is
still unknown at run time resolves to None, and the indicator reports "sin datos
— fuente no disponible" instead of a figure.
"""

from collections.abc import Callable
from datetime import date

from comun.indicadores import ambitos as claves_de_ambitos
from encuestas import selectors as encuestas
from encuestas.selectors import por_ambitos as encuestas_agrupadas
from evaluacion import selectors as evaluacion
from evaluacion.selectors import por_ambitos as evaluacion_agrupadas
from formacion import selectors as formacion
from formacion.selectors import por_ambitos as formacion_agrupadas

# The cross-module hints of the report (section 6), read by mejora's selectors.
DRIVERS = encuestas.DRIVERS
drivers_por_oficina = encuestas.drivers_por_oficina
nivel_medio_por_competencia = evaluacion.nivel_medio_por_competencia
cobertura_por_competencia = formacion.cobertura_por_competencia

__all__ = [
    "DRIVERS",
    "AGRUPADAS",
    "MANUAL",
    "SELECTORES",
    "calcular",
    "calcular_ambitos",
    "desregistrar",
    "nombres_validos",
    "registrados",
    "registrar",
    "resolver",
    "cobertura_por_competencia",
    "drivers_por_oficina",
    "nivel_medio_por_competencia",
]

SELECTORES: dict[str, Callable[..., dict]] = {
    "encuestas.acuerdo": encuestas.indicador_acuerdo,
    "encuestas.media": encuestas.indicador_media,
    "encuestas.ces": encuestas.indicador_ces,
    "encuestas.tasa_respuesta": encuestas.indicador_tasa_respuesta,
    "encuestas.alertas_en_plazo": encuestas.indicador_alertas_en_plazo,
    "encuestas.nps": encuestas.indicador_nps,
    "formacion.obligatoria_al_dia": formacion.indicador_formacion_obligatoria_al_dia,
    "formacion.horas_por_persona": formacion.indicador_horas_por_persona,
    "formacion.tasa_aprobado": formacion.indicador_tasa_aprobado,
    "evaluacion.cobertura": evaluacion.indicador_cobertura_evaluacion,
    "evaluacion.en_plazo": evaluacion.indicador_evaluaciones_en_plazo,
    "evaluacion.nivel_vs_requerido": evaluacion.indicador_nivel_vs_requerido,
    "evaluacion.en_estandar": evaluacion.indicador_porcentaje_en_estandar,
    "evaluacion.tasa_alegaciones": evaluacion.indicador_tasa_alegaciones,
    "evaluacion.cambio_tras_formacion": evaluacion.indicador_cambio_tras_formacion,
}

# The same sources for every scope of a period at once: {(ambito, oficina_id,
# canal): result} from a fixed number of grouped queries. A source without one
# (registered at run time) is computed scope by scope.
AGRUPADAS: dict[str, Callable[..., dict]] = {
    nombre: getattr(modulo, funcion.__name__)
    for nombre, funcion in SELECTORES.items()
    for modulo in (encuestas_agrupadas, formacion_agrupadas, evaluacion_agrupadas)
    if funcion.__module__.split(".")[0] == modulo.__name__.split(".")[0]
}

MANUAL = "manual"

# Functions registered at run time (tests, or an installation's own sources).
_registrados: dict[str, Callable[..., dict]] = {}


def registrar(nombre: str, funcion: Callable[..., dict]) -> None:
    _registrados[nombre] = funcion


def desregistrar(nombre: str) -> None:
    _registrados.pop(nombre, None)


def registrados() -> dict[str, Callable[..., dict]]:
    """Every source function by name: the built-in ones and those registered."""
    return {**SELECTORES, **_registrados}


def resolver(nombre: str) -> Callable[..., dict] | None:
    return registrados().get(nombre)


def nombres_validos() -> list[str]:
    return sorted({*registrados(), MANUAL})


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
    return _contrato(resultado)


def calcular_ambitos(
    nombre: str,
    *,
    desde: date,
    hasta: date,
    oficina_ids: list[int],
    canales: list[str],
    parametros=None,
) -> dict[tuple, dict] | None:
    """{(ambito, oficina_id, canal): contract dict} for the organisation, each
    office and each channel, or None when the source is not available. Built-in
    sources answer with their grouped variant (a fixed number of queries); one
    registered at run time, scope by scope through `calcular`."""
    funcion = resolver(nombre)
    if funcion is None:
        return None
    if funcion is SELECTORES.get(nombre):
        resultados = AGRUPADAS[nombre](
            desde=desde,
            hasta=hasta,
            oficina_ids=oficina_ids,
            canales=canales,
            **(parametros or {}),
        )
        return {a: _contrato(r) for a, r in resultados.items()}
    return {
        (ambito, oficina_id, canal): calcular(
            nombre,
            desde=desde,
            hasta=hasta,
            oficina_ids=[oficina_id] if oficina_id else None,
            canal=canal or None,
            parametros=parametros,
        )
        for ambito, oficina_id, canal in claves_de_ambitos(oficina_ids, canales)
    }


def _contrato(resultado: dict) -> dict:
    return {
        "valor": None if resultado.get("valor") is None else float(resultado["valor"]),
        "n": int(resultado.get("n") or 0),
        "ic_inf": resultado.get("ic_inf"),
        "ic_sup": resultado.get("ic_sup"),
    }
