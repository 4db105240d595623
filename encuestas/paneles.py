"""The citizens' view on the role home pages: satisfaction of the last 90 days."""

from datetime import timedelta

from django.utils import timezone

from comun.supresion import suprimir
from organizacion.models import Rol
from organizacion.navegacion import registrar_panel
from organizacion.selectors import roles_de

from . import selectors
from .models import Alerta
from .permissions import oficinas_visibles

DIAS = 90


def _satisfaccion(request, empleado):
    visibles = oficinas_visibles(request.user)
    if visibles == []:
        # Everyone sees their own office's results, as aggregates above the minimum n.
        if empleado is None:
            return None
        visibles = [empleado.oficina_id]
    hasta = timezone.localdate()
    desde = hasta - timedelta(days=DIAS - 1)
    ambito = {"desde": desde, "hasta": hasta, "oficina_ids": visibles}
    minimo = selectors.minimo_oficina()
    # The same rule as the results page: below the minimum n only n is shown.
    csat = suprimir(selectors.indicador_acuerdo(item="SAT", **ambito), minimo)
    gestiona_alertas = request.user.is_superuser or bool(
        roles_de(request.user) & {Rol.SUPERVISOR, Rol.DIRECCION, Rol.CALIDAD}
    )
    return {
        "encuestas_dias": DIAS,
        "encuestas_ambito_todo": visibles is None,
        "encuestas_minimo": minimo,
        "encuestas_csat": csat,
        "encuestas_ces": suprimir(selectors.indicador_ces(**ambito), minimo),
        "encuestas_tasa": suprimir(
            selectors.indicador_tasa_respuesta(**ambito), minimo
        ),
        "encuestas_alertas_nuevas": (
            selectors.alertas_para(
                oficina_ids=visibles, estado=Alerta.Estado.NUEVA
            ).count()
            if gestiona_alertas
            else None
        ),
    }


def registrar():
    registrar_panel(
        "encuestas/paneles/satisfaccion.html", set(Rol.values), _satisfaccion, orden=30
    )
