"""Field definitions several models of mejora share, written once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ambito import Ambito


def campo_ambito() -> models.CharField:
    """The scope chosen for a target, a value, a self-assessment or a report."""
    return models.CharField(
        _("ámbito"), max_length=12, choices=Ambito.choices, default=Ambito.ORGANIZACION
    )


def usuario_opcional(**opciones) -> models.ForeignKey:
    """Who entered, requested, edited or approved something: kept as NULL when the
    user is deleted, with no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        **opciones,
    )
