"""What an import read, changed or refused: the report the admin page, the
command and the log show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from .columnas import NOMBRES_TIPO


@dataclass(frozen=True)
class ErrorImportacion:
    hoja: str
    linea: int
    columna: str
    mensaje: str

    def __str__(self) -> str:
        donde = _("línea %(linea)s") % {"linea": self.linea}
        if self.columna:
            donde += ", " + _("columna %(columna)s") % {"columna": self.columna}
        return f"{self.hoja}, {donde}: {self.mensaje}"


@dataclass
class Recuento:
    filas: int = 0
    creados: int = 0
    actualizados: int = 0
    sin_cambios: int = 0


@dataclass
class InformeImportacion:
    """What an import read, changed or refused. `ok` is False if anything was refused."""

    nombre: str
    simulado: bool = False
    recuentos: dict[str, Recuento] = field(default_factory=dict)
    errores: list[ErrorImportacion] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errores

    @property
    def guardado(self) -> bool:
        return self.ok and not self.simulado

    def a_dict(self) -> dict:
        """JSON for `Importacion.informe`."""
        return asdict(self)

    @classmethod
    def desde_dict(cls, datos: dict) -> InformeImportacion:
        return cls(
            nombre=datos["nombre"],
            simulado=datos["simulado"],
            recuentos={t: Recuento(**r) for t, r in datos["recuentos"].items()},
            errores=[ErrorImportacion(**e) for e in datos["errores"]],
            avisos=list(datos["avisos"]),
        )

    def lineas(self) -> list[str]:
        salida = []
        for tipo, r in self.recuentos.items():
            salida.append(
                _(
                    "%(tipo)s: %(filas)s filas; %(creados)s nuevos, %(actualizados)s "
                    "actualizados, %(sin_cambios)s sin cambios."
                )
                % {
                    "tipo": NOMBRES_TIPO[tipo],
                    "filas": r.filas,
                    "creados": r.creados,
                    "actualizados": r.actualizados,
                    "sin_cambios": r.sin_cambios,
                }
            )
        salida.extend(_("Aviso: %(aviso)s") % {"aviso": a} for a in self.avisos)
        salida.extend(str(e) for e in self.errores)
        return salida
