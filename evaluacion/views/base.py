"""What the views of one evaluation share: the evaluation the user may see,
the permission to act on it, and a form handed to one service."""

from collections.abc import Callable
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from .. import permissions as perm
from .. import selectors, services
from ..models import Evaluacion


def evaluacion_visible(request, pk) -> Evaluacion:
    try:
        ev = selectors.evaluacion_detalle(pk)
    except Evaluacion.DoesNotExist as exc:
        raise Http404 from exc
    if not perm.puede_ver(request.user, ev):
        raise PermissionDenied
    return ev


def evaluacion_para(request, pk, permiso) -> tuple[Evaluacion, list[dict], list]:
    """The evaluation if `permiso` lets the user act on it, with its rows and
    its framework's scale (what every scoring form is built from)."""
    ev = evaluacion_visible(request, pk)
    if not permiso(request.user, ev):
        raise PermissionDenied
    return ev, selectors.filas_de_resultado(ev), selectors.escala(ev.campana.marco_id)


class Envio(NamedTuple):
    estado: int  # 200 done; 400 invalid form or refused; 409 conflict
    resultado: object = None  # what the service returned
    rechazado: bool = False  # the form was valid and the service refused it


def ejecutar(form, servicio: Callable) -> Envio:
    """`servicio(form)` for a valid form; a refusal puts the service's messages
    on the form. 409 when the request is fine but the evaluation's current
    state refuses it (someone else saved first, the appeal deadline)."""
    if not form.is_valid():
        return Envio(400)
    try:
        resultado = servicio(form)
    except ValidationError as exc:
        for mensaje in exc.messages:
            form.add_error(None, mensaje)
        conflictos = (services.ConflictoDeEdicion, services.CierreEnPlazoDeAlegaciones)
        return Envio(409 if isinstance(exc, conflictos) else 400, rechazado=True)
    return Envio(200, resultado)
