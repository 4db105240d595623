"""The data-protection notice of the citizen pages, in two layers (AEPD guidance):
the basic information right where a contact is asked for, and the full notice at
/e/privacidad/. In the five languages of the survey, as data like `textos`, with
the controller, the DPO contact and the retention periods from settings."""

from django.conf import settings

from .app_settings import ajustes

AEPD_URL = "https://www.aepd.es"

TEXTOS_PRIVACIDAD = {
    "titulo": {
        "es": "Protección de datos",
        "ca": "Protecció de dades",
        "eu": "Datuen babesa",
        "gl": "Protección de datos",
        "en": "Data protection",
    },
    "basica": {
        "es": "Información básica sobre protección de datos",
        "ca": "Informació bàsica sobre protecció de dades",
        "eu": "Datuen babesari buruzko oinarrizko informazioa",
        "gl": "Información básica sobre protección de datos",
        "en": "Basic information on data protection",
    },
    "capa_responsable": {
        "es": "Responsable: {responsable}.",
        "ca": "Responsable: {responsable}.",
        "eu": "Arduraduna: {responsable}.",
        "gl": "Responsable: {responsable}.",
        "en": "Controller: {responsable}.",
    },
    "capa_finalidad": {
        "es": "Finalidad: contactarle sobre esta valoración, solo si responde «Sí» y nos deja un teléfono o correo.",
        "ca": "Finalitat: contactar-vos sobre aquesta valoració, només si responeu «Sí» i ens deixeu un telèfon o correu.",
        "eu": "Helburua: balorazio honi buruz zurekin harremanetan jartzea, «Bai» erantzuten baduzu eta telefono edo posta bat uzten badiguzu bakarrik.",
        "gl": "Finalidade: contactalo sobre esta valoración, só se responde «Si» e nos deixa un teléfono ou correo.",
        "en": "Purpose: to contact you about this rating, only if you answer “Yes” and give us a phone or e-mail.",
    },
    "capa_base": {
        "es": "Legitimación: su consentimiento, que puede retirar cuando quiera.",
        "ca": "Legitimació: el vostre consentiment, que podeu retirar quan vulgueu.",
        "eu": "Legitimazioa: zure baimena, nahi duzunean erretira dezakezuna.",
        "gl": "Lexitimación: o seu consentimento, que pode retirar cando queira.",
        "en": "Legal basis: your consent, which you may withdraw at any time.",
    },
    "capa_conservacion": {
        "es": "Conservación: lo borramos al cerrar la incidencia y, como máximo, a los {dias} días.",
        "ca": "Conservació: l'esborrem en tancar la incidència i, com a màxim, als {dias} dies.",
        "eu": "Kontserbazioa: gorabehera ixtean ezabatzen dugu, eta gehienez {dias} egunen buruan.",
        "gl": "Conservación: borrámolo ao pechar a incidencia e, como máximo, aos {dias} días.",
        "en": "Retention: we delete it when the case is closed and within {dias} days at most.",
    },
    "capa_derechos": {
        "es": "Derechos: acceso, rectificación, supresión, limitación y oposición, escribiendo a {dpd}; y reclamación ante la Agencia Española de Protección de Datos.",
        "ca": "Drets: accés, rectificació, supressió, limitació i oposició, escrivint a {dpd}; i reclamació davant l'Agència Espanyola de Protecció de Dades.",
        "eu": "Eskubideak: sarbidea, zuzenketa, ezabaketa, mugaketa eta aurkaratzea, {dpd} helbidera idatzita; eta erreklamazioa Datuak Babesteko Espainiako Agentzian.",
        "gl": "Dereitos: acceso, rectificación, supresión, limitación e oposición, escribindo a {dpd}; e reclamación ante a Axencia Española de Protección de Datos.",
        "en": "Rights: access, rectification, erasure, restriction and objection, by writing to {dpd}; and a complaint to the Spanish Data Protection Agency.",
    },
    "mas_informacion": {
        "es": "Más información sobre protección de datos",
        "ca": "Més informació sobre protecció de dades",
        "eu": "Datuen babesari buruzko informazio gehiago",
        "gl": "Máis información sobre protección de datos",
        "en": "More information on data protection",
    },
    "quien": {
        "es": "Quién es responsable",
        "ca": "Qui n'és responsable",
        "eu": "Nor da arduraduna",
        "gl": "Quen é responsable",
        "en": "Who is responsible",
    },
    "quien_texto": {
        "es": "Responsable del tratamiento: {responsable}. Delegado/a de protección de datos: {dpd}.",
        "ca": "Responsable del tractament: {responsable}. Delegat/da de protecció de dades: {dpd}.",
        "eu": "Tratamenduaren arduraduna: {responsable}. Datuak babesteko ordezkaria: {dpd}.",
        "gl": "Responsable do tratamento: {responsable}. Delegado/a de protección de datos: {dpd}.",
        "en": "Controller: {responsable}. Data protection officer: {dpd}.",
    },
    "para_que": {
        "es": "Para qué usamos sus datos",
        "ca": "Per a què fem servir les vostres dades",
        "eu": "Zertarako erabiltzen ditugu zure datuak",
        "gl": "Para que usamos os seus datos",
        "en": "What we use your data for",
    },
    "para_que_encuesta": {
        "es": "Encuesta: sus respuestas son anónimas. No guardamos su dirección IP ni nada que permita saber quién respondió, y la hora de la respuesta se guarda redondeada.",
        "ca": "Enquesta: les vostres respostes són anònimes. No desem la vostra adreça IP ni res que permeti saber qui ha respost, i l'hora de la resposta es desa arrodonida.",
        "eu": "Inkesta: zure erantzunak anonimoak dira. Ez dugu zure IP helbidea gordetzen, ezta nork erantzun duen jakiteko aukera ematen duen ezer ere, eta erantzunaren ordua biribilduta gordetzen da.",
        "gl": "Enquisa: as súas respostas son anónimas. Non gardamos o seu enderezo IP nin nada que permita saber quen respondeu, e a hora da resposta gárdase arredondada.",
        "en": "Survey: your answers are anonymous. We do not keep your IP address or anything that tells who answered, and the time of the answer is rounded.",
    },
    "para_que_invitacion": {
        "es": "Invitación por SMS o correo: usamos su teléfono o correo solo para enviarle la invitación y lo borramos después. Guardamos una huella cifrada con clave propia para no invitarle más de una vez cada {fatiga} días y para respetar su baja.",
        "ca": "Invitació per SMS o correu: fem servir el vostre telèfon o correu només per enviar-vos la invitació i l'esborrem després. Desem una empremta xifrada amb clau pròpia per no convidar-vos més d'un cop cada {fatiga} dies i per respectar la vostra baixa.",
        "eu": "SMS edo posta bidezko gonbidapena: zure telefonoa edo posta gonbidapena bidaltzeko bakarrik erabiltzen dugu, eta gero ezabatu. Gako propioz zifratutako aztarna bat gordetzen dugu, {fatiga} egunean behin baino gehiagotan ez gonbidatzeko eta zure baja errespetatzeko.",
        "gl": "Invitación por SMS ou correo: usamos o seu teléfono ou correo só para enviarlle a invitación e borrámolo despois. Gardamos unha pegada cifrada con clave propia para non invitalo máis dunha vez cada {fatiga} días e para respectar a súa baixa.",
        "en": "Invitation by SMS or e-mail: we use your phone or e-mail only to send the invitation and delete it afterwards. We keep a fingerprint encrypted with a key of its own so as not to invite you more than once every {fatiga} days and to respect your opt-out.",
    },
    "para_que_contacto": {
        "es": "Contacto tras una valoración baja: si pide que le contactemos, solo la persona responsable de la oficina ve su teléfono o correo, y solo para atender su valoración.",
        "ca": "Contacte després d'una valoració baixa: si demaneu que us contactem, només la persona responsable de l'oficina veu el vostre telèfon o correu, i només per atendre la vostra valoració.",
        "eu": "Balorazio baxu baten ondoren harremana: harremanetan jartzeko eskatzen baduzu, bulegoko arduradunak bakarrik ikusten du zure telefonoa edo posta, eta zure balorazioari erantzuteko bakarrik.",
        "gl": "Contacto tras unha valoración baixa: se pide que o contactemos, só a persoa responsable da oficina ve o seu teléfono ou correo, e só para atender a súa valoración.",
        "en": "Contact after a low rating: if you ask us to contact you, only the office's manager sees your phone or e-mail, and only to follow up your rating.",
    },
    "base": {
        "es": "Legitimación",
        "ca": "Legitimació",
        "eu": "Legitimazioa",
        "gl": "Lexitimación",
        "en": "Legal basis",
    },
    "base_texto": {
        "es": "La encuesta y la invitación: una misión realizada en interés público, la evaluación de la calidad de los servicios públicos (artículo 6.1.e del RGPD). El contacto tras una valoración: su consentimiento (artículo 6.1.a del RGPD).",
        "ca": "L'enquesta i la invitació: una missió realitzada en interès públic, l'avaluació de la qualitat dels serveis públics (article 6.1.e del RGPD). El contacte després d'una valoració: el vostre consentiment (article 6.1.a del RGPD).",
        "eu": "Inkesta eta gonbidapena: interes publikoko eginkizuna, zerbitzu publikoen kalitatearen ebaluazioa (DBEO, 6.1.e artikulua). Balorazio baten ondorengo harremana: zure baimena (DBEO, 6.1.a artikulua).",
        "gl": "A enquisa e a invitación: unha misión realizada en interese público, a avaliación da calidade dos servizos públicos (artigo 6.1.e do RXPD). O contacto tras unha valoración: o seu consentimento (artigo 6.1.a do RXPD).",
        "en": "The survey and the invitation: a task carried out in the public interest, assessing the quality of public services (GDPR article 6(1)(e)). Contact after a rating: your consent (GDPR article 6(1)(a)).",
    },
    "destinatarios": {
        "es": "Destinatarios",
        "ca": "Destinataris",
        "eu": "Hartzaileak",
        "gl": "Destinatarios",
        "en": "Recipients",
    },
    "destinatarios_texto": {
        "es": "No cedemos sus datos a terceros salvo obligación legal ni los transferimos fuera de la Unión Europea. El envío de SMS o correo lo hace un encargado del tratamiento con contrato.",
        "ca": "No cedim les vostres dades a tercers llevat d'obligació legal ni les transferim fora de la Unió Europea. L'enviament d'SMS o correu el fa un encarregat del tractament amb contracte.",
        "eu": "Ez dizkiegu zure datuak hirugarrenei lagatzen, legezko betebeharrik ezean, ezta Europar Batasunetik kanpora transferitzen ere. SMSak edo postak kontratua duen tratamendu-eragile batek bidaltzen ditu.",
        "gl": "Non cedemos os seus datos a terceiros salvo obriga legal nin os transferimos fóra da Unión Europea. O envío de SMS ou correo faino un encargado do tratamento con contrato.",
        "en": "We do not disclose your data to third parties unless the law requires it, nor transfer it outside the European Union. SMS and e-mail are sent by a processor under contract.",
    },
    "conservacion": {
        "es": "Cuánto tiempo los guardamos",
        "ca": "Quant de temps les guardem",
        "eu": "Zenbat denboraz gordetzen ditugun",
        "gl": "Canto tempo os gardamos",
        "en": "How long we keep it",
    },
    "conservacion_texto": {
        "es": "El teléfono o correo de la invitación, hasta enviarla. La huella cifrada, {fatiga} días, o mientras mantenga la baja. El contacto tras una valoración baja, hasta cerrar la incidencia y como máximo {dias} días.",
        "ca": "El telèfon o correu de la invitació, fins a enviar-la. L'empremta xifrada, {fatiga} dies, o mentre mantingueu la baixa. El contacte després d'una valoració baixa, fins a tancar la incidència i com a màxim {dias} dies.",
        "eu": "Gonbidapeneko telefonoa edo posta, bidali arte. Aztarna zifratua, {fatiga} egunez, edo baja mantentzen duzun bitartean. Balorazio baxuaren ondorengo harremana, gorabehera itxi arte eta gehienez {dias} egunez.",
        "gl": "O teléfono ou correo da invitación, ata enviala. A pegada cifrada, {fatiga} días, ou mentres manteña a baixa. O contacto tras unha valoración baixa, ata pechar a incidencia e como máximo {dias} días.",
        "en": "The invitation's phone or e-mail, until it is sent. The encrypted fingerprint, {fatiga} days, or for as long as your opt-out stands. The contact after a low rating, until the case is closed and {dias} days at most.",
    },
    "derechos": {
        "es": "Sus derechos",
        "ca": "Els vostres drets",
        "eu": "Zure eskubideak",
        "gl": "Os seus dereitos",
        "en": "Your rights",
    },
    "derechos_texto": {
        "es": "Puede ejercer sus derechos de acceso, rectificación, supresión, limitación del tratamiento y oposición, y retirar su consentimiento, escribiendo a {dpd}. Si cree que no hemos atendido bien su solicitud, puede reclamar ante la Agencia Española de Protección de Datos:",
        "ca": "Podeu exercir els drets d'accés, rectificació, supressió, limitació del tractament i oposició, i retirar el consentiment, escrivint a {dpd}. Si creieu que no hem atès bé la vostra sol·licitud, podeu reclamar davant l'Agència Espanyola de Protecció de Dades:",
        "eu": "Sarbide, zuzenketa, ezabaketa, tratamendu-mugaketa eta aurkaratze eskubideak erabil ditzakezu, eta zure baimena erretiratu, {dpd} helbidera idatzita. Zure eskaera ondo erantzun ez dugula uste baduzu, Datuak Babesteko Espainiako Agentzian erreklamazioa aurkez dezakezu:",
        "gl": "Pode exercer os seus dereitos de acceso, rectificación, supresión, limitación do tratamento e oposición, e retirar o seu consentimento, escribindo a {dpd}. Se cre que non atendemos ben a súa solicitude, pode reclamar ante a Axencia Española de Protección de Datos:",
        "en": "You may exercise your rights of access, rectification, erasure, restriction of processing and objection, and withdraw your consent, by writing to {dpd}. If you think we have not handled your request properly, you may complain to the Spanish Data Protection Agency:",
    },
    "derechos_baja": {
        "es": "Para no recibir más invitaciones, use el enlace de baja de cualquier SMS o correo de invitación.",
        "ca": "Per no rebre més invitacions, feu servir l'enllaç de baixa de qualsevol SMS o correu d'invitació.",
        "eu": "Gonbidapen gehiago ez jasotzeko, erabili edozein gonbidapen-SMS edo -postako baja-esteka.",
        "gl": "Para non recibir máis invitacións, use a ligazón de baixa de calquera SMS ou correo de invitación.",
        "en": "To receive no more invitations, use the opt-out link in any invitation SMS or e-mail.",
    },
    "baja_titulo": {
        "es": "No recibir más invitaciones",
        "ca": "No rebre més invitacions",
        "eu": "Gonbidapen gehiago ez jaso",
        "gl": "Non recibir máis invitacións",
        "en": "Stop survey invitations",
    },
    "baja_texto": {
        "es": "Si confirma, no enviaremos más invitaciones a encuestas al teléfono o correo en el que recibió este enlace.",
        "ca": "Si ho confirmeu, no enviarem més invitacions a enquestes al telèfon o correu on heu rebut aquest enllaç.",
        "eu": "Berresten baduzu, ez dugu inkesta-gonbidapen gehiagorik bidaliko esteka hau jaso duzun telefono edo postara.",
        "gl": "Se o confirma, non enviaremos máis invitacións a enquisas ao teléfono ou correo no que recibiu esta ligazón.",
        "en": "If you confirm, we will send no more survey invitations to the phone or e-mail this link reached you at.",
    },
    "baja_boton": {
        "es": "Confirmar la baja",
        "ca": "Confirma la baixa",
        "eu": "Baja berretsi",
        "gl": "Confirmar a baixa",
        "en": "Confirm opt-out",
    },
    "baja_hecha": {
        "es": "Baja confirmada",
        "ca": "Baixa confirmada",
        "eu": "Baja berretsita",
        "gl": "Baixa confirmada",
        "en": "Opt-out confirmed",
    },
    "baja_hecha_texto": {
        "es": "No le enviaremos más invitaciones a encuestas a este teléfono o correo.",
        "ca": "No us enviarem més invitacions a enquestes a aquest telèfon o correu.",
        "eu": "Ez dizugu inkesta-gonbidapen gehiagorik bidaliko telefono edo posta honetara.",
        "gl": "Non lle enviaremos máis invitacións a enquisas a este teléfono ou correo.",
        "en": "We will send no more survey invitations to this phone or e-mail.",
    },
    "baja_no_valida": {
        "es": "Enlace de baja no válido",
        "ca": "Enllaç de baixa no vàlid",
        "eu": "Baja-esteka baliogabea",
        "gl": "Ligazón de baixa non válida",
        "en": "Invalid opt-out link",
    },
    "baja_no_valida_texto": {
        "es": "Este enlace no existe o ya no sirve: cada invitación lleva uno nuevo, y no guardamos su contacto más de {fatiga} días. Para darse de baja, escriba a {dpd}.",
        "ca": "Aquest enllaç no existeix o ja no serveix: cada invitació en porta un de nou, i no desem el vostre contacte més de {fatiga} dies. Per donar-vos de baixa, escriviu a {dpd}.",
        "eu": "Esteka hau ez da existitzen edo ez du balio: gonbidapen bakoitzak berri bat dakar, eta ez dugu zure harremana {fatiga} egun baino gehiago gordetzen. Baja emateko, idatzi {dpd} helbidera.",
        "gl": "Esta ligazón non existe ou xa non serve: cada invitación leva unha nova, e non gardamos o seu contacto máis de {fatiga} días. Para darse de baixa, escriba a {dpd}.",
        "en": "This link does not exist or no longer works: each invitation carries a new one, and we keep your contact no longer than {fatiga} days. To opt out, write to {dpd}.",
    },
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
    return {
        clave: (valores.get(idioma) or valores["es"]).format(**datos)
        for clave, valores in TEXTOS_PRIVACIDAD.items()
    }
