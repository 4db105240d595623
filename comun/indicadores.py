"""The scope every indicator source receives from mejora (`mejora.fuentes.calcular`):
one type, so a source is written `def indicador_x(**ambito: Unpack[Ambito])` and
passes the scope on whole instead of repeating its four arguments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NotRequired, TypedDict


class Ambito(TypedDict):
    """Period [desde, hasta] (dates, both included), offices (None: all) and the
    channel code (None: all channels)."""

    desde: date
    hasta: date
    oficina_ids: NotRequired[Sequence[int] | None]
    canal: NotRequired[str | None]
