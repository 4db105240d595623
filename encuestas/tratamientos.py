"""encuestas's processing activities (see organizacion.proteccion_datos).

The answers themselves are anonymous: a response keeps no trace of who gave it
(the invitation's contact is blanked once sent, only a keyed hash stays for the
opt-out), and free text is redacted before it is stored. So the register lists
the contacts and alerts as personal data, and the answers only as the
employee's data they are once attributed to whoever attended.
"""

from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Tratamiento
from organizacion.tratamientos import RESPONSABLE_SEGURIDAD

ANONIMAS = _(
    "Las respuestas a las encuestas son anónimas: no se guarda quién responde "
    "y los comentarios se guardan sin DNI, teléfonos, correos ni IBAN."
)

TRATAMIENTOS = [
    Tratamiento(
        codigo="invitaciones-encuesta",
        nombre=_("Invitaciones a valorar la atención recibida"),
        finalidad=_(
            "Enviar por SMS o correo una invitación única a valorar una atención "
            "y respetar la baja y la frecuencia máxima de invitaciones."
        ),
        base_juridica=_(
            "RGPD art. 6.1.e: misión de interés público (mejora de los servicios, "
            "RD 951/2005)."
        ),
        interesados=_("Ciudadanía atendida que facilita un teléfono o correo."),
        categorias_datos=_(
            "Teléfono o correo electrónico (hasta el envío) y su huella cifrada "
            "con clave (para la baja)."
        ),
        destinatarios=_("El proveedor de envío de SMS o correo, como encargado."),
        conservacion=_(
            "El contacto, hasta el envío; la huella, durante la ventana de "
            "frecuencia; la baja, mientras la persona no la retire."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=("encuestas.Invitacion.contacto", "encuestas.ContactoHash.hash"),
        observaciones=ANONIMAS,
    ),
    Tratamiento(
        codigo="alertas-encuesta",
        nombre=_("Seguimiento de valoraciones bajas con consentimiento de contacto"),
        finalidad=_(
            "Contactar a quien valoró mal y pidió que le llamaran, y remitir su "
            "queja o sugerencia."
        ),
        base_juridica=_("RGPD art. 6.1.a: consentimiento de la persona."),
        interesados=_("Ciudadanía que pide ser contactada; personal que la atiende."),
        categorias_datos=_("Teléfono o correo, puntuación, notas del seguimiento."),
        destinatarios=_("No se comunican a terceros."),
        conservacion=_(
            "El contacto, hasta cerrar la alerta y el plazo de la política de "
            "conservación."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "encuestas.Alerta.contacto",
            "encuestas.Alerta.responsable",
            "encuestas.NotaAlerta.autor",
            "encuestas.Queja.remitida_por",
        ),
    ),
    Tratamiento(
        codigo="valoracion-personal",
        nombre=_("Atenciones y valoraciones atribuidas al personal"),
        finalidad=_(
            "Conocer la atención prestada por cada persona y su valoración "
            "agregada, para su desarrollo profesional."
        ),
        base_juridica=_("RGPD art. 6.1.e: misión de interés público."),
        interesados=_("Personal que atiende a la ciudadanía."),
        categorias_datos=_(
            "Atenciones (fecha, canal, servicio, tiempos) y valoraciones "
            "atribuidas, que cada persona ve solo agregadas."
        ),
        destinatarios=_("No se comunican a terceros."),
        conservacion=_("Los años que fije la política de conservación."),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=("encuestas.Atencion.empleado", "encuestas.Respuesta.empleado"),
        observaciones=ANONIMAS,
    ),
]

NO_PERSONALES = {
    "encuestas.Respuesta.comentario": ANONIMAS,
    "encuestas.Encuesta.nombre": _("Nombre de la encuesta."),
    "encuestas.IntegracionAPI.nombre": _("Nombre del sistema integrado."),
    "encuestas.Kiosco.nombre": _("Nombre del quiosco."),
}
