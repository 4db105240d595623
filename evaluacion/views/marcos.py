"""Competency frameworks: the list and a new version to edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizacion.models import MarcoCompetencial

from .. import permissions as perm
from .. import services


@login_required
def marcos(request):
    if not perm.puede_configurar(request.user):
        raise PermissionDenied
    lista = list(
        MarcoCompetencial.objects.prefetch_related("niveles").order_by(
            "nombre", "-version"
        )
    )
    return render(request, "evaluacion/marcos.html", {"marcos": lista})


@require_POST
@login_required
def nueva_version(request, pk: int):
    if not perm.puede_configurar(request.user):
        raise PermissionDenied
    marco = get_object_or_404(MarcoCompetencial, pk=pk)
    nuevo = services.nueva_version_marco(marco=marco)
    messages.success(
        request,
        _("Creada la versión %(v)s: edítela en la administración.")
        % {"v": nuevo.version},
    )
    return redirect("evaluacion:marcos")
