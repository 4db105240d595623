"""Per-app settings declared once, with their defaults, instead of
`getattr(settings, "NAME", default)` scattered through an app (where the same
name can end up with two different defaults).

An app's `app_settings.py`:

    ajustes = Ajustes("ENCUESTAS_", MIN_N_OFICINA=30, FATIGA_DIAS=30,
                      SMS_DIR=Calculado(lambda: settings.BASE_DIR / "var" / "sms"))

and its code reads `ajustes.MIN_N_OFICINA`: settings.ENCUESTAS_MIN_N_OFICINA
when the project defines it, else 30. Values are read at each access, so
override_settings and the pytest `settings` fixture apply.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

_SIN_VALOR = object()


@dataclass(frozen=True)
class Calculado:
    """A default computed when read (it depends on other settings)."""

    funcion: Callable[[], Any]


class Ajustes:
    def __init__(self, prefijo: str = "", /, **defectos):
        self._prefijo = prefijo
        self._defectos = defectos

    def __getattr__(self, nombre: str):
        if nombre.startswith("_") or nombre not in self._defectos:
            raise AttributeError(
                f"{self._prefijo}{nombre} no es un ajuste declarado aquí"
            )
        valor = getattr(settings, self._prefijo + nombre, _SIN_VALOR)
        if valor is not _SIN_VALOR:
            return valor
        defecto = self._defectos[nombre]
        return defecto.funcion() if isinstance(defecto, Calculado) else defecto

    def __dir__(self):
        return sorted(self._defectos)

    def __repr__(self):
        return f"Ajustes({self._prefijo!r}, {', '.join(sorted(self._defectos))})"

    def nombre(self, nombre: str) -> str:
        """The setting's full name (for messages and system checks)."""
        if nombre not in self._defectos:
            raise AttributeError(f"{self._prefijo}{nombre} no es un ajuste declarado")
        return self._prefijo + nombre

    def desconocidos(self) -> list[str]:
        """Project settings with this prefix that nobody declared: usually a
        typo (ENCUESTAS_MIN_N_OFCINA) that would leave the default in force
        silently. Empty without a prefix."""
        if not self._prefijo:
            return []
        declarados = {self._prefijo + n for n in self._defectos}
        return sorted(
            n
            for n in dir(settings)
            if n.startswith(self._prefijo) and n.isupper() and n not in declarados
        )
