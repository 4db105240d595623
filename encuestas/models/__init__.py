"""Citizen surveys: question bank, surveys, attention events, invitations,
anonymous responses, rollups, kiosks, alerts, complaints and API keys.

Anonymity by construction: a response keeps no link to the citizen (no IP, no
contact, time coarsened to the hour) nor to its invitation or attention event:
burning a token cuts the invitation's link to its event and coarsens its times
to the day. Contacts live only until the invitation is sent and are then
replaced by keyed hashes.

One module per subdomain: the question bank and surveys (`banco`), attention
events, invitations and what produces them (`atenciones`), responses and their
rollups (`respuestas`), alerts and complaints (`alertas`).
"""

from .alertas import Alerta, NotaAlerta, Queja
from .atenciones import (
    Atencion,
    ContactoHash,
    IntegracionAPI,
    Invitacion,
    Kiosco,
    ReglaMuestreo,
)
from .banco import (
    IDIOMAS,
    TIPOS_POR_METRICA,
    Encuesta,
    EncuestaItem,
    EstadoTraduccion,
    Item,
    ItemVersion,
)
from .respuestas import (
    EmbudoDiario,
    Respuesta,
    RespuestaItem,
    ResumenDiario,
    ResumenMensual,
    ResumenOficina,
    ResumenPendiente,
    ResumenSemanal,
)

__all__ = [
    "IDIOMAS",
    "TIPOS_POR_METRICA",
    "Alerta",
    "Atencion",
    "ContactoHash",
    "EmbudoDiario",
    "Encuesta",
    "EstadoTraduccion",
    "EncuestaItem",
    "IntegracionAPI",
    "Invitacion",
    "Item",
    "ItemVersion",
    "Kiosco",
    "NotaAlerta",
    "Queja",
    "ReglaMuestreo",
    "Respuesta",
    "RespuestaItem",
    "ResumenDiario",
    "ResumenMensual",
    "ResumenSemanal",
    "ResumenOficina",
    "ResumenPendiente",
]
