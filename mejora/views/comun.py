"""What every view of mejora shares: who may enter and the error page."""

from django.shortcuts import render

from organizacion.permissions import rol_requerido

from ..permissions import ROLES_MEJORA

mejora_requerido = rol_requerido(*ROLES_MEJORA)


def error(request, mensaje, status=400):
    return render(request, "mejora/error.html", {"mensaje": mensaje}, status=status)


def primer_error(form) -> str:
    """The first message of an invalid form, in field order."""
    return next(iter(form.errors.values()))[0]
