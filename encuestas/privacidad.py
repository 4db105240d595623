"""The data-protection notice of the citizen pages, in two layers (AEPD guidance):
the basic information right where a contact is asked for, and the full notice at
/e/privacidad/. In the five languages of the survey (the catalogues, as `textos`), with
the controller, the DPO contact and the retention periods from settings."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .app_settings import ajustes

AEPD_URL = "https://www.aepd.es"

TEXTOS_PRIVACIDAD = {
    "titulo": _("Protección de datos"),
    "basica": _("Información básica sobre protección de datos"),
    "capa_responsable": _("Responsable: {responsable}."),
    "capa_finalidad": _(
        "Finalidad: contactarle sobre esta valoración, solo si responde «Sí» y nos deja un teléfono o correo."
    ),
    "capa_base": _("Legitimación: su consentimiento, que puede retirar cuando quiera."),
    "capa_conservacion": _(
        "Conservación: lo borramos al cerrar la incidencia y, como máximo, a los {dias} días."
    ),
    "capa_derechos": _(
        "Derechos: acceso, rectificación, supresión, limitación y oposición, escribiendo a {dpd}; y reclamación ante la Agencia Española de Protección de Datos."
    ),
    "mas_informacion": _("Más información sobre protección de datos"),
    "quien": _("Quién es responsable"),
    "quien_texto": _(
        "Responsable del tratamiento: {responsable}. Delegado/a de protección de datos: {dpd}."
    ),
    "para_que": _("Para qué usamos sus datos"),
    "para_que_encuesta": _(
        "Encuesta: sus respuestas son anónimas. No guardamos su dirección IP ni nada que permita saber quién respondió, y la hora de la respuesta se guarda redondeada."
    ),
    "para_que_invitacion": _(
        "Invitación por SMS o correo: usamos su teléfono o correo solo para enviarle la invitación y lo borramos después. Guardamos una huella cifrada con clave propia para no invitarle más de una vez cada {fatiga} días y para respetar su baja."
    ),
    "para_que_contacto": _(
        "Contacto tras una valoración baja: si pide que le contactemos, solo la persona responsable de la oficina ve su teléfono o correo, y solo para atender su valoración."
    ),
    "base": _("Legitimación"),
    "base_texto": _(
        "La encuesta y la invitación: una misión realizada en interés público, la evaluación de la calidad de los servicios públicos (artículo 6.1.e del RGPD). El contacto tras una valoración: su consentimiento (artículo 6.1.a del RGPD)."
    ),
    "destinatarios": _("Destinatarios"),
    "destinatarios_texto": _(
        "No cedemos sus datos a terceros salvo obligación legal ni los transferimos fuera de la Unión Europea. El envío de SMS o correo lo hace un encargado del tratamiento con contrato."
    ),
    "conservacion": _("Cuánto tiempo los guardamos"),
    "conservacion_texto": _(
        "El teléfono o correo de la invitación, hasta enviarla. La huella cifrada, {fatiga} días, o mientras mantenga la baja. El contacto tras una valoración baja, hasta cerrar la incidencia y como máximo {dias} días."
    ),
    "derechos": _("Sus derechos"),
    "derechos_texto": _(
        "Puede ejercer sus derechos de acceso, rectificación, supresión, limitación del tratamiento y oposición, y retirar su consentimiento, escribiendo a {dpd}. Si cree que no hemos atendido bien su solicitud, puede reclamar ante la Agencia Española de Protección de Datos:"
    ),
    "derechos_baja": _(
        "Para no recibir más invitaciones, use el enlace de baja de cualquier SMS o correo de invitación."
    ),
    "baja_titulo": _("No recibir más invitaciones"),
    "baja_texto": _(
        "Si confirma, no enviaremos más invitaciones a encuestas al teléfono o correo en el que recibió este enlace."
    ),
    "baja_boton": _("Confirmar la baja"),
    "baja_hecha": _("Baja confirmada"),
    "baja_hecha_texto": _(
        "No le enviaremos más invitaciones a encuestas a este teléfono o correo."
    ),
    "baja_no_valida": _("Enlace de baja no válido"),
    "baja_no_valida_texto": _(
        "Este enlace no existe o ya no sirve: cada invitación lleva uno nuevo, y no guardamos su contacto más de {fatiga} días. Para darse de baja, escriba a {dpd}."
    ),
}


def _datos() -> dict[str, str]:
    return {
        "responsable": settings.PROTECCION_DATOS_RESPONSABLE,
        "dpd": settings.PROTECCION_DATOS_CONTACTO_DPD,
        "dias": str(settings.PROTECCION_DATOS_CONSERVACION_DIAS),
        "fatiga": str(ajustes.FATIGA_DIAS),
    }


def textos_privacidad(idioma: str) -> dict[str, str]:
    """The notice's strings in `idioma` (Spanish where one is missing), with the
    controller, the DPO's contact and the retention periods filled in."""
    datos = _datos()
    with translation.override(idioma):
        return {
            clave: str(valor).format(**datos)
            for clave, valor in TEXTOS_PRIVACIDAD.items()
        }
