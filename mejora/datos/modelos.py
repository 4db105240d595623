"""EFQM 2020 and CAF 2020: identifiers, titles and points only (the models'
descriptive texts are copyrighted; an administration with a licence loads them)."""

# (identificador, título, bloque, tipo, puntos, [(parte, título, puntos)])
EFQM_2020 = [
    ("1", "Propósito, visión y estrategia", "Dirección", "agente", 100, [
        ("1.1", "Definir el propósito y la visión", 20),
        ("1.2", "Identificar y comprender las necesidades de los grupos de interés", 20),
        ("1.3", "Comprender el ecosistema, las capacidades propias y los principales retos", 20),
        ("1.4", "Desarrollar la estrategia", 20),
        ("1.5", "Diseñar e implantar un sistema de gestión y de rendimiento", 20),
    ]),
    ("2", "Cultura de la organización y liderazgo", "Dirección", "agente", 100, [
        ("2.1", "Dirigir la cultura de la organización y reforzar los valores", 25),
        ("2.2", "Crear las condiciones para hacer realidad el cambio", 25),
        ("2.3", "Estimular la creatividad y la innovación", 25),
        ("2.4", "Unirse y comprometerse en torno a un propósito, una visión y una estrategia", 25),
    ]),
    ("3", "Implicar a los grupos de interés", "Ejecución", "agente", 100, [
        ("3.1", "Clientes: construir relaciones sostenibles", 20),
        ("3.2", "Personas: atraer, implicar, desarrollar y retener el talento", 20),
        ("3.3", "Inversores y reguladores: asegurar y mantener su apoyo continuo", 20),
        ("3.4", "Sociedad: contribuir a su desarrollo, bienestar y prosperidad", 20),
        ("3.5", "Partners y proveedores: construir relaciones y asegurar su apoyo", 20),
    ]),
    ("4", "Crear valor sostenible", "Ejecución", "agente", 200, [
        ("4.1", "Diseñar el valor y cómo se crea", 50),
        ("4.2", "Comunicar y vender la propuesta de valor", 50),
        ("4.3", "Elaborar y entregar la propuesta de valor", 50),
        ("4.4", "Diseñar e implantar la experiencia global", 50),
    ]),
    ("5", "Gestionar el funcionamiento y la transformación", "Ejecución", "agente", 100, [
        ("5.1", "Gestionar el funcionamiento y el riesgo", 20),
        ("5.2", "Transformar la organización para el futuro", 20),
        ("5.3", "Impulsar la innovación y utilizar la tecnología", 20),
        ("5.4", "Aprovechar los datos, la información y el conocimiento", 20),
        ("5.5", "Gestionar los activos y recursos", 20),
    ]),
    ("6", "Percepción de los grupos de interés", "Resultados", "resultado", 200, [
        ("6", "Percepción de los grupos de interés", 200),
    ]),
    ("7", "Rendimiento estratégico y operativo", "Resultados", "resultado", 200, [
        ("7", "Rendimiento estratégico y operativo", 200),
    ]),
]

CAF_2020 = [
    ("1", "Liderazgo", "Agentes facilitadores", "agente", [
        ("1.1", "Orientar la organización desarrollando su misión, visión y valores"),
        ("1.2", "Gestionar la organización, su rendimiento y su mejora continua"),
        ("1.3", "Inspirar, motivar y apoyar a las personas de la organización y actuar como modelo"),
        ("1.4", "Gestionar relaciones eficaces con las autoridades políticas y otros grupos de interés"),
    ]),
    ("2", "Estrategia y planificación", "Agentes facilitadores", "agente", [
        ("2.1", "Identificar las necesidades y expectativas de los grupos de interés y el entorno"),
        ("2.2", "Desarrollar la estrategia y la planificación con la información recopilada"),
        ("2.3", "Comunicar, implementar y revisar estrategias y planes"),
        ("2.4", "Gestionar el cambio y la innovación para asegurar la agilidad y la resiliencia"),
    ]),
    ("3", "Personas", "Agentes facilitadores", "agente", [
        ("3.1", "Gestionar y mejorar los recursos humanos para apoyar la estrategia"),
        ("3.2", "Desarrollar y gestionar las competencias de las personas"),
        ("3.3", "Implicar y empoderar a las personas y apoyar su bienestar"),
    ]),
    ("4", "Alianzas y recursos", "Agentes facilitadores", "agente", [
        ("4.1", "Desarrollar y gestionar alianzas con organizaciones relevantes"),
        ("4.2", "Colaborar con la ciudadanía y las organizaciones de la sociedad civil"),
        ("4.3", "Gestionar las finanzas"),
        ("4.4", "Gestionar la información y el conocimiento"),
        ("4.5", "Gestionar la tecnología"),
        ("4.6", "Gestionar las instalaciones"),
    ]),
    ("5", "Procesos", "Agentes facilitadores", "agente", [
        ("5.1", "Diseñar y gestionar procesos para aumentar el valor para la ciudadanía"),
        ("5.2", "Prestar servicios y productos orientados a la ciudadanía"),
        ("5.3", "Coordinar procesos en toda la organización y con otras organizaciones"),
    ]),
    ("6", "Resultados orientados a la ciudadanía", "Resultados", "resultado", [
        ("6.1", "Mediciones de la percepción"),
        ("6.2", "Mediciones del rendimiento"),
    ]),
    ("7", "Resultados en las personas", "Resultados", "resultado", [
        ("7.1", "Mediciones de la percepción"),
        ("7.2", "Mediciones del rendimiento"),
    ]),
    ("8", "Resultados de responsabilidad social", "Resultados", "resultado", [
        ("8.1", "Mediciones de la percepción"),
        ("8.2", "Mediciones del rendimiento"),
    ]),
    ("9", "Resultados clave de rendimiento", "Resultados", "resultado", [
        ("9.1", "Resultados externos: resultados y valor público"),
        ("9.2", "Resultados internos: nivel de eficiencia"),
    ]),
]

# (tipo, atributo, desde, hasta, etiqueta)
PANELES_CAF = [
    ("agente", "PDCA", 0, 10, "Sin evidencias o evidencias anecdóticas"),
    ("agente", "PDCA", 11, 30, "Planificar (Plan)"),
    ("agente", "PDCA", 31, 50, "Desarrollar (Do)"),
    ("agente", "PDCA", 51, 70, "Controlar (Check)"),
    ("agente", "PDCA", 71, 90, "Actuar (Act)"),
    ("agente", "PDCA", 91, 100, "PDCA completo, aprendiendo de otras organizaciones"),
    ("resultado", "Resultados", 0, 10, "No hay resultados medidos"),
    ("resultado", "Resultados", 11, 30, "Tendencias negativas u objetivos no alcanzados"),
    ("resultado", "Resultados", 31, 50, "Tendencias planas o algunos objetivos alcanzados"),
    ("resultado", "Resultados", 51, 70, "Mejora o la mayoría de objetivos alcanzados"),
    ("resultado", "Resultados", 71, 90, "Progreso sustancial o todos los objetivos alcanzados"),
    ("resultado", "Resultados", 91, 100, "Excelentes y sostenidos, con comparaciones positivas"),
]

_ESCALA_RADAR = [(0, 0, "0 %"), (10, 30, "10–30 %"), (40, 60, "40–60 %"), (70, 80, "70–80 %"), (90, 100, "90–100 %")]
PANELES_EFQM = [
    (tipo, atributo, desde, hasta, etiqueta)
    for tipo, atributos in (
        ("agente", ["Enfoque", "Despliegue", "Evaluación y perfeccionamiento"]),
        ("resultado", ["Relevancia y utilidad", "Rendimiento"]),
    )
    for atributo in atributos
    for desde, hasta, etiqueta in _ESCALA_RADAR
]

# (código, nombre, unidad, dirección, fuente, selector, parámetros, n_mínimo, por_canal,
#  clave, criterios CAF, criterios EFQM)
INDICADORES = [
    ("csat", "Satisfacción de la ciudadanía (CSAT)", "%", "mayor", "encuestas", "encuestas.acuerdo", {"item": "SAT"}, 30, True, True, ["6.1"], ["6"]),
    ("confianza", "Confianza en el servicio", "%", "mayor", "encuestas", "encuestas.acuerdo", {"item": "CONF"}, 30, True, True, ["6.1"], ["6"]),
    ("eficacia", "Eficacia percibida (gestión resuelta)", "%", "mayor", "encuestas", "encuestas.acuerdo", {"item": "EFIC"}, 30, True, True, ["6.1", "6.2"], ["6", "7"]),
    ("facilidad", "Facilidad (CES, respuestas 5–7)", "%", "mayor", "encuestas", "encuestas.ces", {}, 30, True, False, ["6.1"], ["6"]),
    ("trato", "Trato del personal", "%", "mayor", "encuestas", "encuestas.acuerdo", {"item": "TRATO"}, 30, True, False, ["6.1"], ["6"]),
    ("tiempo", "Tiempo de atención adecuado", "%", "mayor", "encuestas", "encuestas.acuerdo", {"item": "TIEMPO"}, 30, True, False, ["6.1"], ["6"]),
    ("nps", "Net Promoter Score", "puntos", "mayor", "encuestas", "encuestas.nps", {}, 30, True, False, ["6.1"], ["6"]),
    ("tasa-respuesta", "Tasa de respuesta a la encuesta", "%", "mayor", "encuestas", "encuestas.tasa_respuesta", {}, 30, True, False, ["9.2"], ["7"]),
    ("alertas-en-plazo", "Alertas cerradas en plazo", "%", "mayor", "encuestas", "encuestas.alertas_en_plazo", {}, 5, True, True, ["6.2", "9.1"], ["7"]),
    ("formacion-obligatoria", "Personal con la formación obligatoria al día", "%", "mayor", "formacion", "formacion.obligatoria_al_dia", {}, 5, False, True, ["3.2", "7.2"], ["3", "7"]),
    ("horas-formacion", "Horas de formación por persona", "h", "mayor", "formacion", "formacion.horas_por_persona", {}, 5, False, False, ["3.2", "7.2"], ["3", "7"]),
    ("tasa-aprobado", "Tasa de aprobado en los cursos", "%", "mayor", "formacion", "formacion.tasa_aprobado", {}, 5, False, False, ["3.2", "7.2"], ["3", "7"]),
    ("cobertura-evaluacion", "Cobertura de la evaluación del desempeño", "%", "mayor", "evaluacion", "evaluacion.cobertura", {}, 5, False, True, ["3.1", "3.2", "7.2"], ["3", "7"]),
    ("evaluaciones-en-plazo", "Evaluaciones enviadas en plazo", "%", "mayor", "evaluacion", "evaluacion.en_plazo", {}, 5, False, False, ["3.1", "7.2"], ["3", "7"]),
    ("nivel-vs-requerido", "Nivel competencial frente al requerido", "niveles", "mayor", "evaluacion", "evaluacion.nivel_vs_requerido", {}, 5, False, False, ["3.2", "7.2"], ["3", "7"]),
    ("en-estandar", "Personas en el estándar competencial", "%", "mayor", "evaluacion", "evaluacion.en_estandar", {}, 5, False, False, ["3.1", "7.2"], ["3", "7"]),
    ("tasa-alegaciones", "Tasa de alegaciones a la evaluación", "%", "menor", "evaluacion", "evaluacion.tasa_alegaciones", {}, 5, False, False, ["3.1", "7.2"], ["2", "7"]),
    ("cambio-tras-formacion", "Cambio de nivel tras un curso recomendado", "niveles", "mayor", "evaluacion", "evaluacion.cambio_tras_formacion", {}, 5, False, False, ["3.2"], ["3", "5"]),
    ("clima-laboral", "Clima laboral (encuesta interna)", "/10", "mayor", "manual", "manual", {}, 1, False, False, ["7.1"], ["6"]),
    ("tiempo-espera", "Tiempo medio de espera (sistema de colas)", "min", "menor", "manual", "manual", {}, 1, False, False, ["6.2", "9.1"], ["7"]),
]
