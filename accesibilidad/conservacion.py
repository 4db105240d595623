"""Retention of the accessibility communications (registered in
AccesibilidadConfig.ready()): a closed one is deleted, whole, once the time to
complain to the Unidad Responsable de Accesibilidad has passed."""

from django.utils.translation import gettext_lazy as _

from organizacion.conservacion import Politica, hace_dias, registrar_politica

from .app_settings import ajustes
from .models import Comunicacion


def _cerradas_antes(corte):
    return Comunicacion.objects.filter(
        estado=Comunicacion.Estado.CERRADA, cerrada_en__lt=corte
    )


def registrar_politicas() -> None:
    registrar_politica(
        Politica(
            codigo="comunicaciones_accesibilidad",
            descripcion=_("Comunicaciones de accesibilidad respondidas"),
            corte=lambda: hace_dias(ajustes.CONSERVACION_DIAS),
            pendientes=lambda corte: _cerradas_antes(corte).count(),
            aplicar=lambda corte: _cerradas_antes(corte).delete()[0],
            orden=15,
        )
    )
