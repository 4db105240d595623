"""Retention policies that each app registers in its AppConfig.ready(), and the
helpers they share: `manage.py aplicar_conservacion` and its nightly task apply
them all (organizacion.services.conservacion).

organizacion owns the registry, as it owns the menu's (navegacion): an app adds
its own policies, so this module never imports the apps above it.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.utils import timezone


@dataclass(frozen=True)
class Politica:
    """What is kept how long. `corte()` is the cut-off (a date or an aware
    datetime): what is older goes. `pendientes(corte)` counts it without changing
    anything; `aplicar(corte)` deletes or anonymises it and returns how many."""

    codigo: str
    descripcion: str
    corte: Callable[[], date | datetime] = field(compare=False)
    pendientes: Callable[[date | datetime], int] = field(compare=False)
    aplicar: Callable[[date | datetime], int] = field(compare=False)
    orden: int = 50


_politicas: dict[str, Politica] = {}


def registrar_politica(politica: Politica) -> None:
    _politicas[politica.codigo] = politica


def politicas() -> list[Politica]:
    return sorted(_politicas.values(), key=lambda p: (p.orden, p.codigo))


def hace_dias(dias: int) -> datetime:
    return timezone.now() - timedelta(days=dias)


def hace_anos(anos: int, hoy: date | None = None) -> date:
    hoy = hoy or timezone.localdate()
    try:
        return hoy.replace(year=hoy.year - anos)
    except ValueError:  # 29 February
        return hoy.replace(year=hoy.year - anos, day=28)


def ficheros_anteriores(carpeta: str | Path | None, corte: datetime) -> list[Path]:
    """The files under `carpeta` last written before `corte` (a spool: mail or
    SMS kept on the machine); none if the folder does not exist."""
    if not carpeta or not Path(carpeta).is_dir():
        return []
    limite = corte.timestamp()
    return sorted(
        f
        for f in Path(carpeta).rglob("*")
        if f.is_file() and f.stat().st_mtime < limite
    )


def borrar_ficheros_anteriores(carpeta: str | Path | None, corte: datetime) -> int:
    """Delete those files, then the folders they leave empty (the spool's days)."""
    ficheros = ficheros_anteriores(carpeta, corte)
    for fichero in ficheros:
        fichero.unlink(missing_ok=True)
    if ficheros:
        for raiz, _carpetas, _ in os.walk(carpeta, topdown=False):
            if Path(raiz) != Path(carpeta) and not any(Path(raiz).iterdir()):
                Path(raiz).rmdir()
    return len(ficheros)
