"""accesibilidad's processing activity (see organizacion.proteccion_datos)."""

from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Tratamiento
from organizacion.tratamientos import RESPONSABLE_SEGURIDAD

TRATAMIENTOS = [
    Tratamiento(
        codigo="comunicaciones-accesibilidad",
        nombre=_("Comunicaciones, solicitudes y quejas de accesibilidad"),
        finalidad=_(
            "Atender las comunicaciones sobre requisitos de accesibilidad, las "
            "solicitudes de información accesible y las quejas, y responderlas."
        ),
        base_juridica=_(
            "RGPD art. 6.1.c: obligación legal (RD 1112/2018, arts. 10 a 13)."
        ),
        interesados=_(
            "Personas que escriben desde la declaración de accesibilidad; personal "
            "que las responde."
        ),
        categorias_datos=_(
            "Correo electrónico (opcional), descripción libre y página afectada; "
            "quién respondió y cuándo."
        ),
        destinatarios=_(
            "La unidad de accesibilidad por correo (sin el correo de la persona); "
            "la Unidad Responsable de Accesibilidad si se reclama."
        ),
        conservacion=_(
            "Hasta ACCESIBILIDAD_CONSERVACION_DIAS días (365 por defecto) después "
            "de responderla; después se borra entera."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "accesibilidad.Comunicacion.correo",
            "accesibilidad.Comunicacion.descripcion",
            "accesibilidad.Comunicacion.cerrada_por",
        ),
    ),
]
