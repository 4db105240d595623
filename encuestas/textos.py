"""Strings of the public pages (survey, kiosk, SMS) in the five languages.

Kept as data next to the item texts so a citizen sees one language throughout,
without depending on compiled message catalogues.
"""

NOMBRES_IDIOMA = {"es": "Castellano", "ca": "Català", "eu": "Euskara", "gl": "Galego", "en": "English"}

TEXTOS = {
    "titulo": {"es": "Valore la atención recibida", "ca": "Valoreu l'atenció rebuda", "eu": "Baloratu jasotako arreta", "gl": "Valore a atención recibida", "en": "Rate the service you received"},
    "intro": {"es": "Es anónimo y se tarda menos de un minuto.", "ca": "És anònim i es triga menys d'un minut.", "eu": "Anonimoa da eta minutu bat baino gutxiago behar da.", "gl": "É anónimo e lévalle menos dun minuto.", "en": "It is anonymous and takes less than a minute."},
    "enviar": {"es": "Enviar valoración", "ca": "Envia la valoració", "eu": "Bidali balorazioa", "gl": "Enviar valoración", "en": "Send rating"},
    "continuar": {"es": "Continuar", "ca": "Continua", "eu": "Jarraitu", "gl": "Continuar", "en": "Continue"},
    "gracias": {"es": "Gracias por su valoración", "ca": "Gràcies per la vostra valoració", "eu": "Eskerrik asko zure balorazioagatik", "gl": "Grazas pola súa valoración", "en": "Thank you for your rating"},
    "gracias_texto": {"es": "La hemos recibido. Nos ayuda a mejorar.", "ca": "L'hem rebuda. Ens ajuda a millorar.", "eu": "Jaso dugu. Hobetzen laguntzen digu.", "gl": "Recibímola. Axúdanos a mellorar.", "en": "We have received it. It helps us improve."},
    "respondida": {"es": "Esta encuesta ya se ha respondido", "ca": "Aquesta enquesta ja s'ha respost", "eu": "Inkesta honi dagoeneko erantzun zaio", "gl": "Esta enquisa xa se respondeu", "en": "This survey has already been answered"},
    "respondida_texto": {"es": "Cada invitación admite una sola respuesta. Gracias por su tiempo.", "ca": "Cada invitació admet una sola resposta. Gràcies pel vostre temps.", "eu": "Gonbidapen bakoitzak erantzun bakarra onartzen du. Eskerrik asko.", "gl": "Cada invitación admite unha soa resposta. Grazas polo seu tempo.", "en": "Each invitation accepts a single answer. Thank you for your time."},
    "caducada": {"es": "Esta invitación ha caducado", "ca": "Aquesta invitació ha caducat", "eu": "Gonbidapen hau iraungi da", "gl": "Esta invitación caducou", "en": "This invitation has expired"},
    "caducada_texto": {"es": "El plazo para responder ha terminado. Gracias por su interés.", "ca": "El termini per respondre ha acabat. Gràcies pel vostre interès.", "eu": "Erantzuteko epea amaitu da. Eskerrik asko.", "gl": "O prazo para responder rematou. Grazas polo seu interese.", "en": "The time to answer has ended. Thank you for your interest."},
    "errores": {"es": "Revise las respuestas marcadas.", "ca": "Reviseu les respostes marcades.", "eu": "Berrikusi markatutako erantzunak.", "gl": "Revise as respostas marcadas.", "en": "Please check the marked answers."},
    "obligatoria": {"es": "obligatoria", "ca": "obligatòria", "eu": "derrigorrezkoa", "gl": "obrigatoria", "en": "required"},
    "opcional": {"es": "opcional", "ca": "opcional", "eu": "aukerakoa", "gl": "opcional", "en": "optional"},
    "desacuerdo": {"es": "Muy en desacuerdo", "ca": "Molt en desacord", "eu": "Guztiz ados ez", "gl": "Moi en desacordo", "en": "Strongly disagree"},
    "acuerdo": {"es": "Muy de acuerdo", "ca": "Molt d'acord", "eu": "Guztiz ados", "gl": "Moi de acordo", "en": "Strongly agree"},
    "nada_probable": {"es": "Nada probable", "ca": "Gens probable", "eu": "Batere ez", "gl": "Nada probable", "en": "Not at all likely"},
    "muy_probable": {"es": "Muy probable", "ca": "Molt probable", "eu": "Oso litekeena", "gl": "Moi probable", "en": "Extremely likely"},
    "max_caracteres": {"es": "Hasta 1.200 caracteres. No incluya datos personales.", "ca": "Fins a 1.200 caràcters. No hi incloeu dades personals.", "eu": "Gehienez 1.200 karaktere. Ez sartu datu pertsonalik.", "gl": "Ata 1.200 caracteres. Non inclúa datos persoais.", "en": "Up to 1,200 characters. Please do not include personal data."},
    "si": {"es": "Sí", "ca": "Sí", "eu": "Bai", "gl": "Si", "en": "Yes"},
    "no": {"es": "No", "ca": "No", "eu": "Ez", "gl": "Non", "en": "No"},
    "contacto_dato": {"es": "Teléfono o correo electrónico", "ca": "Telèfon o correu electrònic", "eu": "Telefonoa edo helbide elektronikoa", "gl": "Teléfono ou correo electrónico", "en": "Phone or e-mail"},
    "contacto_aviso": {"es": "Solo lo usaremos para llamarle sobre esta valoración y lo borraremos después.", "ca": "Només el farem servir per trucar-vos sobre aquesta valoració i l'esborrarem després.", "eu": "Balorazio honi buruz zurekin harremanetan jartzeko bakarrik erabiliko dugu, eta gero ezabatu.", "gl": "Só o usaremos para chamalo sobre esta valoración e borrarémolo despois.", "en": "We will only use it to call you about this rating and delete it afterwards."},
    "contacto_falta": {"es": "Indique un teléfono o correo para que podamos contactarle.", "ca": "Indiqueu un telèfon o correu perquè us puguem contactar.", "eu": "Adierazi telefono edo posta bat zurekin harremanetan jartzeko.", "gl": "Indique un teléfono ou correo para que poidamos contactalo.", "en": "Give a phone or e-mail so we can contact you."},
    "lamentamos": {"es": "Sentimos que la atención no haya sido buena", "ca": "Lamentem que l'atenció no hagi estat bona", "eu": "Sentitzen dugu arreta ona izan ez izana", "gl": "Sentimos que a atención non fose boa", "en": "We are sorry the service was not good"},
    "idioma": {"es": "Idioma", "ca": "Idioma", "eu": "Hizkuntza", "gl": "Idioma", "en": "Language"},
    "sms": {"es": "Valore la atención recibida (anónimo, 1 minuto): {enlace}", "ca": "Valoreu l'atenció rebuda (anònim, 1 minut): {enlace}", "eu": "Baloratu jasotako arreta (anonimoa, minutu 1): {enlace}", "gl": "Valore a atención recibida (anónimo, 1 minuto): {enlace}", "en": "Rate the service you received (anonymous, 1 minute): {enlace}"},
    "asunto_correo": {"es": "¿Qué tal le atendimos?", "ca": "Com us vam atendre?", "eu": "Nola artatu zintugun?", "gl": "Que tal o atendemos?", "en": "How did we serve you?"},
    "quiosco_pregunta": {"es": "¿Cómo le hemos atendido hoy?", "ca": "Com us hem atès avui?", "eu": "Nola artatu zaitugu gaur?", "gl": "Como o atendemos hoxe?", "en": "How did we serve you today?"},
    "cara_1": {"es": "Muy mal", "ca": "Molt malament", "eu": "Oso gaizki", "gl": "Moi mal", "en": "Very bad"},
    "cara_2": {"es": "Mal", "ca": "Malament", "eu": "Gaizki", "gl": "Mal", "en": "Bad"},
    "cara_3": {"es": "Bien", "ca": "Bé", "eu": "Ondo", "gl": "Ben", "en": "Good"},
    "cara_4": {"es": "Muy bien", "ca": "Molt bé", "eu": "Oso ondo", "gl": "Moi ben", "en": "Very good"},
    "omitir": {"es": "Terminar", "ca": "Acaba", "eu": "Amaitu", "gl": "Rematar", "en": "Finish"},
    "paso": {"es": "Paso {n} de 2", "ca": "Pas {n} de 2", "eu": "{n}. urratsa (2tik)", "gl": "Paso {n} de 2", "en": "Step {n} of 2"},
}


def texto(idioma: str, clave: str) -> str:
    valores = TEXTOS[clave]
    return valores.get(idioma) or valores["es"]


def textos_de(idioma: str) -> dict[str, str]:
    return {clave: texto(idioma, clave) for clave in TEXTOS}
