"""The default item bank and surveys (domain note), in es/ca/eu/gl/en.

Idempotent: run by a data migration and again by the test fixture after a flush.
Works with the historical registry (RunPython) and the real one.
"""

from django.utils import timezone

from organizacion.roles import asegurar_permisos, conceder

# Basque wording is a draft pending review by a native speaker: said so in its status.
ESTADO = {"es": "revisada", "ca": "revisada", "gl": "revisada", "en": "revisada", "eu": "borrador"}

ITEMS = [
    # codigo, tipo, driver, servqual, metrica, textos
    ("SAT", "escala_1_5", "satisfacción", "", "csat", {
        "es": "Estoy satisfecho/a con la atención recibida.",
        "ca": "Estic satisfet/a amb l'atenció rebuda.",
        "eu": "Jasotako arretarekin gustura nago.",
        "gl": "Estou satisfeito/a coa atención recibida.",
        "en": "I am satisfied with the service I received.",
    }),
    ("CONF", "escala_1_5", "confianza", "seguridad", "acuerdo", {
        "es": "Esta atención ha aumentado mi confianza en la Administración.",
        "ca": "Aquesta atenció ha augmentat la meva confiança en l'Administració.",
        "eu": "Arreta honek Administrazioarekiko nire konfiantza handitu du.",
        "gl": "Esta atención aumentou a miña confianza na Administración.",
        "en": "This service has increased my trust in the public administration.",
    }),
    ("EFIC", "escala_1_5", "eficacia", "fiabilidad", "acuerdo", {
        "es": "Se resolvió la gestión por la que acudí.",
        "ca": "Es va resoldre la gestió per la qual vaig venir.",
        "eu": "Etorri nintzen kudeaketa konpondu zen.",
        "gl": "Resolveuse a xestión pola que acudín.",
        "en": "The matter I came for was resolved.",
    }),
    ("FAC", "escala_1_7", "facilidad", "capacidad_respuesta", "ces", {
        "es": "La Administración me lo puso fácil para resolver mi gestión.",
        "ca": "L'Administració m'ho va posar fàcil per resoldre la meva gestió.",
        "eu": "Administrazioak erraztu egin zidan nire kudeaketa egitea.",
        "gl": "A Administración púxomo fácil para resolver a miña xestión.",
        "en": "The administration made it easy for me to complete my business.",
    }),
    ("TIEMPO", "escala_1_5", "eficiencia", "capacidad_respuesta", "acuerdo", {
        "es": "El tiempo que necesité fue razonable.",
        "ca": "El temps que vaig necessitar va ser raonable.",
        "eu": "Behar izan nuen denbora zentzuzkoa izan zen.",
        "gl": "O tempo que necesitei foi razoable.",
        "en": "The time it took was reasonable.",
    }),
    ("TRATO", "escala_1_5", "trato del personal", "empatia", "acuerdo", {
        "es": "La persona que me atendió fue amable y me ayudó.",
        "ca": "La persona que em va atendre va ser amable i em va ajudar.",
        "eu": "Arreta eman zidan pertsona atsegina izan zen eta lagundu egin zidan.",
        "gl": "A persoa que me atendeu foi amable e axudoume.",
        "en": "The person who served me was kind and helpful.",
    }),
    ("COM", "texto", "comentario", "", "comentario", {
        "es": "¿Quiere contarnos algo más?",
        "ca": "Ens voleu explicar alguna cosa més?",
        "eu": "Beste zerbait kontatu nahi diguzu?",
        "gl": "Quere contarnos algo máis?",
        "en": "Is there anything else you would like to tell us?",
    }),
    ("CONTACTO", "contacto", "contacto", "", "contacto", {
        "es": "¿Desea que le contactemos sobre su valoración?",
        "ca": "Voleu que us contactem sobre la vostra valoració?",
        "eu": "Zure balorazioari buruz zurekin harremanetan jartzea nahi duzu?",
        "gl": "Desexa que o contactemos sobre a súa valoración?",
        "en": "Would you like us to contact you about your rating?",
    }),
    ("NPS", "escala_0_10", "recomendación", "", "nps", {
        "es": "¿Recomendaría este servicio a un familiar o amigo?",
        "ca": "Recomanaríeu aquest servei a un familiar o amic?",
        "eu": "Zerbitzu hau senide edo lagun bati gomendatuko zenioke?",
        "gl": "Recomendaría este servizo a un familiar ou amigo?",
        "en": "Would you recommend this service to a friend or relative?",
    }),
    ("MOTIVO", "eleccion", "motivo", "", "motivo", {
        "es": "¿Qué podríamos mejorar?",
        "ca": "Què podríem millorar?",
        "eu": "Zer hobe genezake?",
        "gl": "Que poderiamos mellorar?",
        "en": "What could we improve?",
    }),
]

OPCIONES = {
    "MOTIVO": [
        {"es": "Tiempo de espera", "ca": "Temps d'espera", "eu": "Itxaron denbora", "gl": "Tempo de espera", "en": "Waiting time"},
        {"es": "Trato", "ca": "Tracte", "eu": "Tratua", "gl": "Trato", "en": "How I was treated"},
        {"es": "Información", "ca": "Informació", "eu": "Informazioa", "gl": "Información", "en": "Information"},
        {"es": "Instalaciones", "ca": "Instal·lacions", "eu": "Instalazioak", "gl": "Instalacións", "en": "Facilities"},
        {"es": "Otra cosa", "ca": "Una altra cosa", "eu": "Beste zerbait", "gl": "Outra cousa", "en": "Something else"},
    ]
}

COMUNES = ["SAT", "CONF", "EFIC", "FAC", "TIEMPO"]
ENCUESTAS = [
    # codigo, nombre, canal, es_quiosco, items
    ("presencial", "Encuesta tras la atención presencial", "presencial", False, COMUNES + ["TRATO", "COM", "CONTACTO"]),
    ("telefonico", "Encuesta tras la atención telefónica", "telefonico", False, COMUNES + ["TRATO", "COM", "CONTACTO"]),
    ("telematico", "Encuesta tras la sede electrónica", "telematico", False, COMUNES + ["COM", "CONTACTO"]),
    ("quiosco", "Quiosco de salida (cuatro caras)", "presencial", True, ["SAT", "MOTIVO"]),
]


def cargar(apps, schema_editor=None):
    Canal = apps.get_model("organizacion", "Canal")
    Item = apps.get_model("encuestas", "Item")
    ItemVersion = apps.get_model("encuestas", "ItemVersion")
    Encuesta = apps.get_model("encuestas", "Encuesta")
    EncuestaItem = apps.get_model("encuestas", "EncuestaItem")
    ReglaMuestreo = apps.get_model("encuestas", "ReglaMuestreo")

    versiones = {}
    for codigo, tipo, driver, servqual, metrica, textos in ITEMS:
        item, _ = Item.objects.get_or_create(codigo=codigo, defaults={"descripcion": textos["es"]})
        version = ItemVersion.objects.filter(item=item).order_by("-version").first()
        if version is None:
            version = ItemVersion.objects.create(
                item=item, version=1, tipo=tipo, textos=textos,
                estado_traduccion=dict(ESTADO), opciones=OPCIONES.get(codigo, []),
                driver=driver, servqual=servqual, metrica=metrica, creada_en=timezone.now(),
            )
        versiones[codigo] = version

    canales = {c.codigo: c for c in Canal.objects.all()}
    for codigo, nombre, canal, es_quiosco, items in ENCUESTAS:
        encuesta, creada = Encuesta.objects.get_or_create(
            codigo=codigo,
            defaults={"nombre": nombre, "canal": canales.get(canal), "es_quiosco": es_quiosco},
        )
        if creada:
            for orden, item in enumerate(items, start=1):
                EncuestaItem.objects.create(
                    encuesta=encuesta, item_version=versiones[item], orden=orden,
                    obligatorio=item == "SAT", solo_tras_puntuacion_baja=item == "CONTACTO",
                )
    for canal in canales.values():
        ReglaMuestreo.objects.get_or_create(canal=canal, oficina=None, defaults={"tasa": 1, "caducidad_dias": 7})

    # Quality staff edit the question bank, surveys, sampling, kiosks and API keys.
    asegurar_permisos(apps, ["encuestas"])
    modelos = ["item", "itemversion", "encuesta", "encuestaitem", "reglamuestreo", "kiosco", "integracionapi"]
    conceder(apps, {"calidad": [f"encuestas.{accion}_{m}" for m in modelos for accion in ("add", "change", "view")]
                    + ["encuestas.view_alerta"]})
