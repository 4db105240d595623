"""Strings of the public pages (survey, kiosk, SMS) in the five languages: the
Spanish here, the others in the catalogues (locale/, docs/glosario.md), looked up
in the citizen's language whatever the page's, so a citizen sees one language
throughout."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

NOMBRES_IDIOMA = {
    "es": "Castellano",
    "ca": "Català",
    "eu": "Euskara",
    "gl": "Galego",
    "en": "English",
}

TEXTOS = {
    # The footer's link to the accessibility statement (accesibilidad.textos).
    "declaracion_accesibilidad": _("Declaración de accesibilidad"),
    "titulo": _("Valore la atención recibida"),
    "intro": _("Es anónimo y se tarda menos de un minuto."),
    "enviar": _("Enviar valoración"),
    "continuar": _("Continuar"),
    "gracias": _("Gracias por su valoración"),
    "gracias_texto": _("La hemos recibido. Nos ayuda a mejorar."),
    "respondida": _("Esta encuesta ya se ha respondido"),
    "respondida_texto": _(
        "Cada invitación admite una sola respuesta. Gracias por su tiempo."
    ),
    "caducada": _("Esta invitación ha caducado"),
    "caducada_texto": _(
        "El plazo para responder ha terminado. Gracias por su interés."
    ),
    "errores": _("Revise las respuestas marcadas."),
    "obligatoria": _("obligatoria"),
    "opcional": _("opcional"),
    "desacuerdo": _("Muy en desacuerdo"),
    "acuerdo": _("Muy de acuerdo"),
    "nada_probable": _("Nada probable"),
    "muy_probable": _("Muy probable"),
    "max_caracteres": _("Hasta 1.200 caracteres. No incluya datos personales."),
    "si": _("Sí"),
    "no": _("No"),
    "contacto_dato": _("Teléfono o correo electrónico"),
    # The contact field is optional only in part: answering «Sí» makes it necessary.
    "contacto_si": _("necesario solo si responde «Sí»"),
    "contacto_aviso": _(
        "Solo lo usaremos para llamarle sobre esta valoración y lo borraremos después."
    ),
    "contacto_falta": _("Indique un teléfono o correo para que podamos contactarle."),
    "lamentamos": _("Sentimos que la atención no haya sido buena"),
    "idioma": _("Idioma"),
    # Sent in GSM-7 (encuestas.envio.a_gsm7): keep it short, two segments at most
    # with the unsubscribe link (tests/encuestas/services/test_invitaciones.py).
    "sms": _(
        "Valore la atención recibida (anónimo, 1 minuto): {enlace} No recibir más: {baja}"
    ),
    "correo": _(
        "Valore la atención recibida (anónimo, 1 minuto):\n{enlace}\n\nSi no desea recibir más invitaciones a encuestas: {baja}\nProtección de datos: {privacidad}"
    ),
    "asunto_correo": _("¿Qué tal le atendimos?"),
    "quiosco_pregunta": _("¿Cómo le hemos atendido hoy?"),
    "cara_1": _("Muy mal"),
    "cara_2": _("Mal"),
    "cara_3": _("Bien"),
    "cara_4": _("Muy bien"),
    "omitir": _("Terminar"),
    "paso": _("Paso {n} de 2"),
    "sede_intro": _(
        "Su trámite en la sede electrónica ha terminado. ¿Nos dice qué tal ha ido? Es anónimo y se tarda menos de un minuto."
    ),
    "valorar": _("Valorar"),
    "sede_sin_firma": _("Este enlace ya no se admite"),
    "sede_sin_firma_texto": _(
        "La encuesta de la sede electrónica solo se abre con el enlace firmado que aparece al terminar cada trámite."
    ),
    "sede_no_valido": _("Enlace no válido"),
    "sede_no_valido_texto": _(
        "El enlace está incompleto o se ha modificado. Vuelva a abrirlo desde la sede electrónica."
    ),
    "sede_caducado": _("Este enlace ha caducado"),
    "sede_caducado_texto": _(
        "El plazo para valorar este trámite ha terminado. Gracias de todos modos."
    ),
    "sede_no_existe": _("Página no encontrada"),
    "sede_no_existe_texto": _(
        "La oficina, el servicio o el resultado del enlace no existen."
    ),
    "demasiadas": _("Demasiadas peticiones"),
    "espere": _("Espere un minuto y vuelva a intentarlo."),
}


def texto(idioma: str, clave: str) -> str:
    with translation.override(idioma):
        return str(TEXTOS[clave])


def textos_de(idioma: str) -> dict[str, str]:
    with translation.override(idioma):
        return {clave: str(valor) for clave, valor in TEXTOS.items()}
