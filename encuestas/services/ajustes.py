"""The surveys' settings with their defaults, read at call time (tests change them)."""

from django.conf import settings


def ajuste(nombre: str, defecto):
    return getattr(settings, nombre, defecto)
