"""The audit trail of an evaluation, read as changes: "field: before → after"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from organizacion.models import CompetenciaMarco

from ..models import Evaluacion


def auditoria(ev: Evaluacion):
    return ev.auditoria.select_related("usuario").order_by("momento", "pk")


# Keys of the audit snapshots that are not Evaluacion fields, and the score parts.
_ETIQUETAS_AUDITORIA = {
    "puntuaciones": "",
    "nivel": _("nivel"),
    "autoevaluacion": _("autoevaluación"),
    "evidencia": _("evidencia"),
    "competencia": _("competencia"),
    "curso": _("curso"),
}


def _aplanar(datos, ruta=()) -> dict[tuple, object]:
    if isinstance(datos, dict):
        planos = {}
        for clave, valor in datos.items():
            planos.update(_aplanar(valor, (*ruta, str(clave))))
        return planos
    return {ruta: datos}


def _valor_legible(campo: str, valor) -> str:
    if valor in (None, ""):
        return "—"
    opciones = {
        "estado": Evaluacion.Estado,
        "decision": Evaluacion.Decision,
    }.get(campo)
    if opciones is not None and valor in opciones.values:
        return str(opciones(valor).label)
    if campo == "plazo_alegaciones":
        try:
            return date.fromisoformat(str(valor)).strftime("%d/%m/%Y")
        except ValueError:
            return str(valor)
    if campo == "indice":
        try:
            return formats.localize(Decimal(str(valor)))
        except ArithmeticError:
            return str(valor)
    if isinstance(valor, list):
        return ", ".join(str(v) for v in valor)
    return str(valor)


def _etiqueta_ruta(ruta: tuple, competencias: dict[str, str]) -> str:
    partes = []
    for i, clave in enumerate(ruta):
        if i == 0 and clave not in _ETIQUETAS_AUDITORIA:
            try:
                etiqueta = str(Evaluacion._meta.get_field(clave).verbose_name)
            except (FieldDoesNotExist, AttributeError):
                etiqueta = clave.replace("_", " ")
        elif ruta[0] == "puntuaciones" and i == 1:
            etiqueta = f"{clave} {competencias.get(clave, '')}".strip()
        else:
            etiqueta = str(_ETIQUETAS_AUDITORIA.get(clave, clave.replace("_", " ")))
        if etiqueta:
            partes.append(etiqueta)
    texto = " · ".join(partes)
    return texto[:1].upper() + texto[1:]


def historial(ev: Evaluacion) -> list[dict]:
    """The audit trail as readable changes: each row lists "field: before → after"
    with the field's label, choice labels and dates formatted, only for what
    changed (scores per competency and part)."""
    competencias = dict(
        CompetenciaMarco.objects.filter(marco_id=ev.campana.marco_id).values_list(
            "competencia__codigo", "nombre"
        )
    )
    filas = []
    for registro in auditoria(ev):
        antes, despues = _aplanar(registro.antes), _aplanar(registro.despues)
        cambios = []
        rutas = list(dict.fromkeys([*despues, *antes]))
        for ruta in sorted(rutas, key=lambda r: r != ("estado",)):
            a, d = antes.get(ruta), despues.get(ruta)
            if a == d:
                continue
            campo = ruta[-1] if ruta[0] == "puntuaciones" else ruta[0]
            cambios.append(
                {
                    "campo": _etiqueta_ruta(ruta, competencias),
                    "antes": _valor_legible(campo, a),
                    "despues": _valor_legible(campo, d),
                }
            )
        filas.append({"registro": registro, "cambios": cambios})
    return filas
