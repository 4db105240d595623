"""Start-up checks of the seam with the source apps: every indicator names a source
of mejora/fuentes.py whose function takes the contract's arguments and names the
indicator's parameters. A wrong name would otherwise show up months later as
"sin datos — fuente no disponible" in a report.

The indicators shipped as data are always checked; the rows of a database when
the command gives one (`check --database default`, `migrate`), as Django's own
database checks do.
"""

import inspect
from collections.abc import Callable, Iterable

from django.core.checks import Error, register
from django.db import connections, router

from . import fuentes
from .datos.modelos import INDICADORES
from .models import Indicador

CONTRATO = {"desde": None, "hasta": None, "oficina_ids": None, "canal": None}


def _acepta_el_contrato(funcion: Callable) -> bool:
    try:
        inspect.signature(funcion).bind(**CONTRATO)
    except TypeError:
        return False
    return True


def _no_declarados(funcion: Callable, parametros: dict) -> list[str]:
    """The indicator's parameters the function does not name: the contract
    functions take **parametros, so a misspelt one would be ignored silently."""
    nombres = {
        p.name
        for p in inspect.signature(funcion).parameters.values()
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    }
    return sorted(set(parametros) - nombres - set(CONTRATO))


def _errores_de(
    codigo: str, fuente: str, selector: str, parametros: dict, origen: str
) -> list[Error]:
    manual = fuente == Indicador.Fuente.MANUAL
    if manual != (selector == fuentes.MANUAL):
        return [
            Error(
                f"El indicador «{codigo}» ({origen}) mezcla fuente y selector "
                "manuales.",
                hint="Un indicador manual lleva fuente y selector «manual».",
                obj=codigo,
                id="mejora.E003",
            )
        ]
    if manual:
        return []
    funcion = fuentes.resolver(selector)
    if funcion is None:
        return [
            Error(
                f"El indicador «{codigo}» ({origen}) usa una fuente desconocida: "
                f"«{selector}».",
                hint=f"Fuentes válidas: {', '.join(fuentes.nombres_validos())}.",
                obj=codigo,
                id="mejora.E002",
            )
        ]
    if sobran := _no_declarados(funcion, parametros or {}):
        return [
            Error(
                f"La fuente «{selector}» no declara los parámetros "
                f"{', '.join(sobran)} del indicador «{codigo}» ({origen}): "
                "se ignorarían.",
                obj=codigo,
                id="mejora.E004",
            )
        ]
    return []


def _indicadores_guardados(databases: Iterable[str]) -> list[tuple]:
    filas = []
    for alias in databases:
        if not router.allow_migrate_model(alias, Indicador):
            continue
        # migrate runs the checks before it creates the table.
        if (
            Indicador._meta.db_table
            not in connections[alias].introspection.table_names()
        ):
            continue
        filas += [
            (*fila, f"base de datos {alias}")
            for fila in Indicador.objects.using(alias)
            .order_by("codigo")
            .values_list("codigo", "fuente", "selector", "parametros")
        ]
    return filas


@register()
def fuentes_de_indicadores(app_configs=None, databases=None, **kwargs) -> list[Error]:
    errores = [
        Error(
            f"La función de la fuente «{nombre}» no acepta los argumentos del "
            f"contrato ({', '.join(CONTRATO)}).",
            obj=nombre,
            id="mejora.E001",
        )
        for nombre, funcion in sorted(fuentes.registrados().items())
        if not _acepta_el_contrato(funcion)
    ]
    de_serie = [
        (codigo, fuente, selector, parametros, "datos de serie")
        for codigo, _n, _u, _d, fuente, selector, parametros, *_resto in INDICADORES
    ]
    for fila in de_serie + _indicadores_guardados(databases or ()):
        errores += _errores_de(*fila)
    return errores
