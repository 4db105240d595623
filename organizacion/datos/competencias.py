"""Version 1 of the default framework: front-office citizen attention.

Constant data read by the data migration; never imported by runtime code.
"""

ESCALA = [
    (1, "Insuficiente", False),
    (2, "En desarrollo", False),
    (3, "Adecuado", True),
    (4, "Notable", False),
    (5, "Referente", False),
]

TODOS = ["presencial", "telefonico", "telematico"]
FUENTES = [
    "observación directa",
    "escucha de llamadas",
    "revisión de expedientes",
    "cliente misterioso",
]

COMPETENCIAS = [
    {
        "codigo": "C1",
        "nombre": "Orientación a la ciudadanía y trato",
        "canales": TODOS,
        "drivers": ["trato del personal"],
        "niveles": [
            "Trato frío o displicente; ignora la situación personal; descuidos de privacidad.",
            "Correcto pero mecánico; empatía solo si se le pide.",
            "Cordial; reconoce la situación de la persona; protege sus datos; respeta sus derechos (lengua, identificación, accesibilidad).",
            "Se anticipa (siguientes pasos, documentos); se adapta a personas vulnerables.",
            "Referente para el equipo; propone cambios del servicio a partir de lo que dice la ciudadanía.",
        ],
    },
    {
        "codigo": "C2",
        "nombre": "Comunicación clara y adaptada",
        "canales": TODOS,
        "drivers": ["claridad"],
        "niveles": [
            "Jerga; mensajes confusos o erróneos; no escucha.",
            "Contenido correcto pero difícil de seguir; rara vez comprueba que se entiende.",
            "Lenguaje claro; escucha activa; comprueba la comprensión; respuestas escritas claras y completas.",
            "Adapta registro y canal (guion telefónico, resumen escrito); resuelve barreras idiomáticas.",
            "Crea plantillas y preguntas frecuentes en lenguaje claro para el equipo.",
        ],
    },
    {
        "codigo": "C3",
        "nombre": "Conocimiento del procedimiento y de los servicios",
        "canales": TODOS,
        "drivers": ["eficacia"],
        "niveles": [
            "Errores frecuentes en requisitos, plazos u órgano competente.",
            "Conoce los trámites frecuentes; necesita ayuda con el resto.",
            "Da información general y particular correcta del catálogo de servicios; usa las fuentes oficiales.",
            "Resuelve casos complejos o entre unidades; detecta cambios normativos.",
            "Referente o formador; mantiene al día la base de conocimiento.",
        ],
    },
    {
        "codigo": "C4",
        "nombre": "Resolución y gestión del caso",
        "canales": TODOS,
        "drivers": ["eficacia", "eficiencia"],
        "niveles": [
            "Deja casos sin resolver; deriva mal.",
            "Resuelve casos simples; escala demasiado pronto o tarde.",
            "Resuelve en el primer contacto cuando es posible; deriva bien; registra el caso; cumple los plazos de la carta de servicios.",
            "Hace seguimiento proactivo de lo pendiente; resuelve sin escalar.",
            "Encuentra causas raíz de casos repetidos y propone mejoras del proceso.",
        ],
    },
    {
        "codigo": "C5",
        "nombre": "Gestión de situaciones difíciles y autocontrol",
        "canales": ["presencial", "telefonico"],
        "drivers": ["trato del personal"],
        "niveles": [
            "Pierde la calma; escala el conflicto.",
            "Mantiene la calma pero no desactiva el conflicto.",
            "Desactiva la tensión; pone límites con respeto; encauza las quejas al canal adecuado.",
            "Convierte la queja en solución; apoya a compañeros.",
            "Forma a otros; ayuda a diseñar los protocolos de conflicto.",
        ],
    },
    {
        "codigo": "C6",
        "nombre": "Trabajo en equipo y coordinación",
        "canales": TODOS,
        "drivers": [],
        "niveles": [
            "Retiene información; no cubre a compañeros.",
            "Colabora cuando se le pide.",
            "Comparte información; cubre picos y turnos; se coordina con el back-office.",
            "Ayuda entre canales y oficinas.",
            "Crea prácticas de equipo (relevos de turno, revisión de casos).",
        ],
    },
    {
        "codigo": "C7",
        "nombre": "Adaptabilidad, aprendizaje y mejora",
        "canales": TODOS,
        "drivers": [],
        "niveles": [
            "Se resiste al cambio; evita la formación.",
            "Se adapta despacio; solo la formación obligatoria.",
            "Adopta herramientas y procedimientos nuevos; completa y aplica la formación asignada.",
            "Busca aprender; ayuda a la ciudadanía a usar los canales digitales.",
            "Propone y prueba mejoras; hace de mentor.",
        ],
    },
]

CANALES = [
    ("presencial", "Presencial", 1),
    ("telefonico", "Telefónico", 2),
    ("telematico", "Telemático", 3),
]

# Model permissions per role, as "app_label.codename". Object rules live in
# each app's permissions.py; these only open the admin screens each role uses.
PERMISOS_ROLES = {
    "empleado": [],
    "supervisor": ["organizacion.view_empleado", "organizacion.view_oficina"],
    "direccion": [
        "organizacion.view_canal",
        "organizacion.view_oficina",
        "organizacion.view_servicio",
        "organizacion.view_puesto",
        "organizacion.view_empleado",
        "organizacion.view_competencia",
        "organizacion.view_marcocompetencial",
    ],
    "calidad": [
        f"organizacion.{accion}_{modelo}"
        for modelo in (
            "canal",
            "oficina",
            "servicio",
            "puesto",
            "nivelrequerido",
            "empleado",
            "competencia",
            "marcocompetencial",
            "nivelescala",
            "competenciamarco",
            "descriptornivel",
        )
        for accion in ("add", "change", "delete", "view")
    ]
    + ["wagtailadmin.access_admin"],
    "dpd": [],
}
