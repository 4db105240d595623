"""Period keys: "2026-Q3" (quarter) and "2026-09" (month), with their dates."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_TRIMESTRE = re.compile(r"^(\d{4})-Q([1-4])$")
_MES = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, order=True)
class Periodo:
    anio: int
    indice: int  # quarter 1..4 or month 1..12
    trimestral: bool

    @classmethod
    def de(cls, clave: str) -> "Periodo":
        if m := _TRIMESTRE.match(clave or ""):
            return cls(int(m[1]), int(m[2]), True)
        if m := _MES.match(clave or ""):
            return cls(int(m[1]), int(m[2]), False)
        raise ValidationError(_("Periodo no válido: use 2026-Q3 o 2026-09."))

    @classmethod
    def trimestre_de(cls, dia: date) -> "Periodo":
        return cls(dia.year, (dia.month - 1) // 3 + 1, True)

    @classmethod
    def mes_de(cls, dia: date) -> "Periodo":
        return cls(dia.year, dia.month, False)

    @property
    def clave(self) -> str:
        return (
            f"{self.anio}-Q{self.indice}"
            if self.trimestral
            else f"{self.anio}-{self.indice:02d}"
        )

    def __str__(self) -> str:
        return self.clave

    @property
    def desde(self) -> date:
        mes = (self.indice - 1) * 3 + 1 if self.trimestral else self.indice
        return date(self.anio, mes, 1)

    @property
    def hasta(self) -> date:
        mes = self.indice * 3 if self.trimestral else self.indice
        return date(self.anio, mes, calendar.monthrange(self.anio, mes)[1])

    @property
    def trimestre(self) -> int:
        return self.indice if self.trimestral else (self.indice - 1) // 3 + 1

    def desplazar(self, pasos: int) -> "Periodo":
        por_anio = 4 if self.trimestral else 12
        total = self.anio * por_anio + (self.indice - 1) + pasos
        return Periodo(total // por_anio, total % por_anio + 1, self.trimestral)

    @property
    def anterior(self) -> "Periodo":
        return self.desplazar(-1)

    @property
    def anio_anterior(self) -> "Periodo":
        return self.desplazar(-4 if self.trimestral else -12)

    def en_curso(self, hoy: date) -> bool:
        """Not ended yet on `hoy` (the current period, or a future one): its
        figures are partial and decide nothing."""
        return self.hasta >= hoy

    def serie(self, n: int) -> list["Periodo"]:
        """The n periods ending with this one, oldest first."""
        return [self.desplazar(-i) for i in range(n - 1, -1, -1)]


def ultimo_trimestre_cerrado(hoy: date) -> Periodo:
    return Periodo.trimestre_de(hoy).anterior


def ultimo_mes_cerrado(hoy: date) -> Periodo:
    return Periodo.mes_de(hoy).anterior
