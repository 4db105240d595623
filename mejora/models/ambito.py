"""Scope of a target, a value, a self-assessment or a report: the organisation,
one office or one channel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ambito(models.TextChoices):
    ORGANIZACION = "organizacion", _("Organización")
    OFICINA = "oficina", _("Oficina")
    CANAL = "canal", _("Canal")


def clave_ambito(ambito: str, oficina_id: int | None = None, canal: str = "") -> str:
    """One string per scope, so uniqueness holds without nullable columns."""
    if ambito == Ambito.OFICINA:
        return f"oficina:{oficina_id}"
    if ambito == Ambito.CANAL:
        return f"canal:{canal}"
    return "organizacion"
