# ruff: noqa: E501  (prose content: long Spanish sentences read better unbroken)
"""Demo course content: real front-office guidance, in Spanish.

Each course: metadata, lessons (StreamField blocks) and a question bank.
Questions: (statement, type, [(option, correct, feedback)], tag).
"""

VF = "vf"
U = "unica"
M = "multiple"


def _vf(enunciado, verdadero, explicacion):
    return (
        enunciado,
        VF,
        [("Verdadero", verdadero, explicacion), ("Falso", not verdadero, explicacion)],
    )


CURSOS = [
    {
        "slug": "atencion-presencial-de-calidad",
        "title": "Atención presencial de calidad",
        "resumen": "Acoger, escuchar, resolver y cerrar cada atención en el mostrador con "
        "trato respetuoso, información exacta y sin esperas innecesarias.",
        "objetivos": "<ul><li>Aplicar las cinco fases de la atención presencial.</li>"
        "<li>Gestionar la espera y las colas con información.</li>"
        "<li>Reconducir a una persona enfadada sin escalar el conflicto.</li></ul>",
        "horas": "8",
        "modalidad": "mixta",
        "tipo_certificado": "aprovechamiento",
        "obligatorio": True,
        "validez_meses": 24,
        "antelacion_renovacion_dias": 60,
        "canales": ["presencial"],
        "competencias": ["C1", "C4", "C5"],
        "tiempo_limite_minutos": 20,
        "lecciones": [
            (
                "Las cinco fases de la atención",
                15,
                [
                    (
                        "texto",
                        "<h2>Acoger, escuchar, informar, resolver y cerrar</h2>"
                        "<p>Toda atención presencial recorre cinco fases. <b>Acoger</b>: saludar, "
                        "mirar a la persona, presentarse si procede. <b>Escuchar</b>: dejar que "
                        "explique su necesidad sin interrumpir y resumirla para confirmar. "
                        "<b>Informar</b>: explicar qué se puede hacer, qué documentación hace "
                        "falta y cuánto tardará. <b>Resolver</b>: tramitar o derivar con una cita "
                        "concreta. <b>Cerrar</b>: comprobar que no queda ninguna duda y despedirse.</p>",
                    ),
                    (
                        "recuerda",
                        {
                            "texto": "<p>Resume con tus palabras lo que te han pedido "
                            "antes de actuar: evita la mitad de los errores.</p>"
                        },
                    ),
                    (
                        "autoevaluacion",
                        {
                            "pregunta": "¿En qué fase se confirma que se ha entendido la necesidad?",
                            "opciones": [
                                {"texto": "Acoger", "correcta": False},
                                {"texto": "Escuchar", "correcta": True},
                                {"texto": "Cerrar", "correcta": False},
                            ],
                            "explicacion": "<p>Al escuchar, resumimos la petición para confirmarla.</p>",
                        },
                    ),
                ],
            ),
            (
                "La espera y la información",
                10,
                [
                    (
                        "texto",
                        "<p>La espera percibida es mayor que la real cuando la persona no "
                        "sabe cuánto va a durar. Informa del turno y del tiempo estimado, "
                        "comprueba en la cola si alguien viene solo a recoger un documento y "
                        "señaliza con claridad qué se atiende en cada puesto.</p>",
                    ),
                    (
                        "recuerda",
                        {
                            "texto": "<p>Si la cita previa es obligatoria, la oficina "
                            "debe ofrecer igualmente asistencia a quien no pueda pedirla "
                            "por medios electrónicos.</p>"
                        },
                    ),
                ],
            ),
            (
                "Situaciones difíciles en el mostrador",
                20,
                [
                    (
                        "texto",
                        "<p>Ante una persona enfadada: mantén un tono de voz bajo y "
                        "estable, reconoce la emoción («entiendo que lleva mucho tiempo "
                        "esperando»), céntrate en lo que sí puedes hacer y ofrece una "
                        "alternativa concreta. Si hay insultos o amenazas, avisa a tu "
                        "responsable siguiendo el protocolo de la oficina.</p>",
                    ),
                    (
                        "caso_practico",
                        {
                            "canal": "presencial",
                            "situacion": "Un ciudadano llega al mostrador después de 50 minutos de "
                            "espera. Le falta un documento para empadronarse y levanta la voz.",
                            "dice_la_persona": "¡Siempre igual! Nadie me dijo que hacía falta el "
                            "contrato de alquiler. ¡Esto es una vergüenza!",
                            "pregunta": "¿Qué le dirías primero y qué solución le ofrecerías?",
                            "buena_practica": "<p>Reconoce la emoción sin discutir («Entiendo su "
                            "enfado, ha esperado mucho»), explica qué documento falta y ofrece "
                            "alternativas: presentarlo por registro electrónico, autorizar la "
                            "consulta o volver con una cita preferente ese mismo día. Deja por "
                            "escrito la lista de documentos.</p>",
                        },
                    ),
                ],
            ),
        ],
        "preguntas": [
            (
                "¿Cuál es la primera fase de la atención presencial?",
                U,
                [
                    (
                        "Acoger a la persona",
                        True,
                        "Correcto: saludar y mirar a la persona.",
                    ),
                    ("Pedir la documentación", False, "Primero se acoge y se escucha."),
                    (
                        "Informar del plazo",
                        False,
                        "Informar viene después de escuchar.",
                    ),
                ],
            ),
            (
                "Para confirmar que has entendido la petición conviene…",
                U,
                [
                    (
                        "Resumirla con tus palabras",
                        True,
                        "Así se detectan malentendidos.",
                    ),
                    (
                        "Pedir que la repita por escrito",
                        False,
                        "Alarga la atención sin necesidad.",
                    ),
                    (
                        "Empezar a tramitar cuanto antes",
                        False,
                        "Sin confirmar, el error es probable.",
                    ),
                ],
            ),
            _vf(
                "Informar del tiempo estimado de espera reduce la espera percibida.",
                True,
                "Saber cuánto falta reduce la ansiedad de la espera.",
            ),
            (
                "Ante una persona enfadada, ¿qué es lo más adecuado?",
                U,
                [
                    (
                        "Reconocer su emoción y ofrecer una alternativa",
                        True,
                        "Desactiva la escalada.",
                    ),
                    (
                        "Pedirle que se calme o no se le atenderá",
                        False,
                        "Suele escalar el conflicto.",
                    ),
                    ("Darle la razón en todo", False, "No resuelve ni informa."),
                ],
            ),
            (
                "¿Qué señales ayudan a gestionar la cola? (varias)",
                M,
                [
                    ("Indicar el turno y el tiempo estimado", True, ""),
                    ("Señalizar qué se atiende en cada puesto", True, ""),
                    (
                        "Cerrar la puerta al llegar al aforo sin informar",
                        False,
                        "Siempre hay que informar.",
                    ),
                ],
            ),
            _vf(
                "Si hay amenazas, se debe avisar al responsable según el protocolo.",
                True,
                "La seguridad del personal y del público es prioritaria.",
            ),
            (
                "Al cerrar la atención debes…",
                U,
                [
                    ("Comprobar que no queda ninguna duda", True, ""),
                    (
                        "Entregar siempre una hoja de reclamaciones",
                        False,
                        "Solo si la piden.",
                    ),
                    ("Llamar al siguiente turno sin despedirte", False, ""),
                ],
            ),
            (
                "Si falta un documento, la mejor respuesta es…",
                U,
                [
                    (
                        "Explicar cuál falta y ofrecer alternativas por escrito",
                        True,
                        "",
                    ),
                    (
                        "Decir que vuelva otro día",
                        False,
                        "Sin alternativas ni información.",
                    ),
                    (
                        "Tramitar igualmente sin el documento",
                        False,
                        "El expediente quedaría incompleto.",
                    ),
                ],
            ),
            _vf(
                "La cita previa obligatoria permite no atender a quien no puede pedirla por internet.",
                False,
                "Debe ofrecerse asistencia a quien no tiene medios electrónicos.",
            ),
            (
                "¿Qué tono de voz ayuda a rebajar la tensión?",
                U,
                [
                    ("Bajo y estable", True, ""),
                    ("Alto, para imponerse", False, ""),
                    ("Rápido, para acabar antes", False, ""),
                ],
            ),
            (
                "Derivar a otra unidad correctamente implica… (varias)",
                M,
                [
                    ("Indicar a qué unidad y cómo contactar", True, ""),
                    ("Dar una cita o referencia concreta", True, ""),
                    (
                        "Decir solo «eso no es aquí»",
                        False,
                        "Es la queja más frecuente.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "atencion-telefonica",
        "title": "Atención telefónica a la ciudadanía",
        "resumen": "Atender por teléfono sin apoyo visual: voz, estructura de la llamada, "
        "escucha activa, transferencias y registro.",
        "objetivos": "<ul><li>Estructurar la llamada.</li><li>Compensar la falta de "
        "señales visuales.</li><li>Transferir sin perder a la persona.</li></ul>",
        "horas": "6",
        "modalidad": "en_linea",
        "tipo_certificado": "aprovechamiento",
        "obligatorio": False,
        "validez_meses": 0,
        "canales": ["telefonico"],
        "competencias": ["C1", "C2"],
        "lecciones": [
            (
                "Estructura de la llamada",
                15,
                [
                    (
                        "texto",
                        "<p>Saludo institucional con el nombre del servicio y tu nombre; "
                        "identificación de la necesidad con preguntas abiertas y luego cerradas; "
                        "información o gestión; resumen de lo acordado y despedida. Si necesitas "
                        "consultar algo, pide permiso para poner la llamada en espera e indica "
                        "cuánto tardarás.</p>",
                    ),
                    (
                        "recuerda",
                        {
                            "texto": "<p>Una espera sin aviso de más de 30 segundos "
                            "se vive como un abandono.</p>"
                        },
                    ),
                ],
            ),
            (
                "Una persona que no te ve",
                15,
                [
                    (
                        "texto",
                        "<p>Al teléfono no hay gestos: verbaliza lo que haces («estoy "
                        "consultando su expediente»), usa confirmaciones («de acuerdo», «le "
                        "entiendo») y deletrea datos con el alfabeto fonético cuando haga falta. "
                        "Sonreír al hablar se nota en el tono.</p>",
                    ),
                    (
                        "caso_practico",
                        {
                            "canal": "telefonico",
                            "situacion": "Una mujer mayor llama por tercera vez porque no entiende "
                            "la carta que ha recibido sobre una ayuda. Habla despacio y se "
                            "disculpa a menudo.",
                            "dice_la_persona": "Perdone que le moleste otra vez, es que no sé si "
                            "tengo que hacer algo o no.",
                            "pregunta": "¿Cómo le explicarías la carta sin que tenga que llamar de nuevo?",
                            "buena_practica": "<p>Tranquilízala («no molesta, para eso estamos»), "
                            "pídele que lea el asunto de la carta, explica en una frase qué significa "
                            "y qué tiene que hacer, con qué fecha límite, y pídele que lo repita. "
                            "Ofrece enviarle un resumen por SMS o correo si lo desea.</p>",
                        },
                    ),
                ],
            ),
        ],
        "preguntas": [
            (
                "¿Qué debe incluir el saludo telefónico?",
                U,
                [
                    ("Nombre del servicio y de quien atiende", True, ""),
                    ("Solo «¿dígame?»", False, "No identifica el servicio."),
                    ("El número de expediente", False, ""),
                ],
            ),
            _vf(
                "Antes de poner una llamada en espera hay que pedir permiso e indicar la duración.",
                True,
                "Evita que la persona cuelgue.",
            ),
            (
                "Para compensar la falta de señales visuales… (varias)",
                M,
                [
                    ("Verbalizar lo que haces", True, ""),
                    ("Usar confirmaciones verbales", True, ""),
                    ("Hablar más rápido", False, ""),
                ],
            ),
            (
                "Para identificar la necesidad conviene empezar con preguntas…",
                U,
                [
                    ("Abiertas y después cerradas", True, ""),
                    ("Solo cerradas", False, ""),
                    ("De sí o no desde el principio", False, ""),
                ],
            ),
            _vf("El tono de voz transmite actitud aunque no se vea la cara.", True, ""),
            (
                "Al transferir una llamada se debe…",
                U,
                [
                    (
                        "Explicar a quién y por qué, y presentar el caso a quien la recibe",
                        True,
                        "",
                    ),
                    ("Transferir sin avisar para ganar tiempo", False, ""),
                    ("Pedir que vuelva a llamar a otro número", False, ""),
                ],
            ),
            (
                "¿Cómo confirmar un dato como un apellido?",
                U,
                [
                    ("Deletrearlo con el alfabeto fonético", True, ""),
                    ("Suponer la ortografía más común", False, ""),
                    ("No hace falta confirmarlo", False, ""),
                ],
            ),
            (
                "El cierre de la llamada incluye…",
                U,
                [
                    ("Un resumen de lo acordado", True, ""),
                    ("Colgar en cuanto se da la información", False, ""),
                    ("Una encuesta obligatoria", False, ""),
                ],
            ),
            _vf(
                "Si una persona se disculpa por llamar varias veces, conviene recordarle que ya llamó.",
                False,
                "Mejor tranquilizarla y resolver.",
            ),
            (
                "¿Qué ayuda a que no tenga que volver a llamar? (varias)",
                M,
                [
                    ("Pedirle que repita lo que tiene que hacer", True, ""),
                    ("Ofrecer un resumen por escrito", True, ""),
                    ("Darle muchos detalles normativos", False, ""),
                ],
            ),
        ],
    },
    {
        "slug": "personas-vulnerables-y-accesibilidad",
        "title": "Atención a personas vulnerables y accesibilidad",
        "resumen": "Adaptar la atención a personas con discapacidad, mayores, con barreras "
        "idiomáticas o en situación de vulnerabilidad, en todos los canales.",
        "objetivos": "<ul><li>Identificar necesidades de apoyo sin prejuicios.</li><li>Usar "
        "ajustes razonables en cada canal.</li><li>Superar barreras de idioma.</li></ul>",
        "horas": "10",
        "modalidad": "en_linea",
        "tipo_certificado": "aprovechamiento",
        "obligatorio": True,
        "validez_meses": 36,
        "antelacion_renovacion_dias": 90,
        "canales": [],
        "competencias": ["C1", "C2", "C5"],
        "lecciones": [
            (
                "Ajustes razonables",
                20,
                [
                    (
                        "texto",
                        "<p>Pregunta antes de ayudar («¿cómo prefiere que lo hagamos?»). "
                        "Habla directamente a la persona, no a su acompañante o intérprete. Para "
                        "personas con discapacidad visual, describe el documento y ofrécete a "
                        "leerlo; para personas sordas, comprueba si usan lengua de signos "
                        "(servicio de videointerpretación) o lectura labial.</p>",
                    ),
                    (
                        "recuerda",
                        {
                            "texto": "<p>La ley reconoce el derecho a ser asistido en el uso "
                            "de medios electrónicos y a la accesibilidad de la información.</p>"
                        },
                    ),
                ],
            ),
            (
                "Barreras de idioma",
                15,
                [
                    (
                        "texto",
                        "<p>Frases cortas, una idea por frase, sin jerga administrativa. "
                        "Apóyate en documentos traducidos, pictogramas y servicios de "
                        "interpretación telefónica. No uses a menores como intérpretes.</p>",
                    ),
                    (
                        "caso_practico",
                        {
                            "canal": "presencial",
                            "situacion": "Un hombre que habla poco español quiere solicitar una "
                            "ayuda. Le acompaña su hijo de 11 años, que traduce.",
                            "dice_la_persona": "Mi hijo explica. Yo no entiendo papeles.",
                            "pregunta": "¿Cómo organizarías la atención?",
                            "buena_practica": "<p>Agradece la ayuda del niño pero no le hagas "
                            "traducir información personal o económica: usa el servicio de "
                            "interpretación telefónica o un documento traducido, habla "
                            "directamente al padre con frases cortas y comprueba lo entendido.</p>",
                        },
                    ),
                ],
            ),
        ],
        "preguntas": [
            (
                "Antes de ayudar a una persona con discapacidad conviene…",
                U,
                [
                    ("Preguntarle cómo prefiere que se haga", True, ""),
                    ("Actuar sin preguntar para ahorrar tiempo", False, ""),
                    ("Dirigirse a su acompañante", False, ""),
                ],
            ),
            _vf(
                "Se debe hablar al intérprete en lugar de a la persona atendida.",
                False,
                "Se habla siempre a la persona.",
            ),
            _vf(
                "Es adecuado que un menor traduzca información económica de su familia.",
                False,
                "No se usan menores como intérpretes.",
            ),
            (
                "Con barreras de idioma es útil… (varias)",
                M,
                [
                    ("Frases cortas, una idea cada una", True, ""),
                    ("Pictogramas y documentos traducidos", True, ""),
                    ("Hablar más alto", False, "El volumen no mejora la comprensión."),
                ],
            ),
            (
                "A una persona ciega que recibe un documento se le ofrece…",
                U,
                [
                    ("Leérselo o describirlo", True, ""),
                    ("Que vuelva acompañada", False, ""),
                    ("Enviárselo por correo postal", False, ""),
                ],
            ),
            (
                "Si una persona sorda usa lengua de signos…",
                U,
                [
                    ("Se recurre al servicio de videointerpretación", True, ""),
                    ("Se le habla despacio y muy alto", False, ""),
                    ("Se le pide que escriba todo", False, ""),
                ],
            ),
            _vf(
                "La asistencia en el uso de medios electrónicos es un derecho de la ciudadanía.",
                True,
                "Ley 39/2015, art. 12.",
            ),
            (
                "Un ajuste razonable es…",
                U,
                [
                    (
                        "Una adaptación concreta que permite ejercer un derecho",
                        True,
                        "",
                    ),
                    ("Un trato de favor", False, ""),
                    ("Una excepción a la ley", False, ""),
                ],
            ),
            (
                "Ante una persona mayor desorientada… (varias)",
                M,
                [
                    ("Dar la información por escrito además de oralmente", True, ""),
                    ("Comprobar lo entendido", True, ""),
                    ("Tratarla con condescendencia", False, ""),
                ],
            ),
            (
                "¿Qué evita la jerga administrativa?",
                U,
                [
                    ("Malentendidos y nuevas visitas", True, ""),
                    ("Reclamaciones formales siempre", False, ""),
                    ("Nada, es necesaria", False, ""),
                ],
            ),
        ],
    },
    {
        "slug": "proteccion-de-datos-en-la-atencion",
        "title": "Protección de datos en la atención a la ciudadanía",
        "resumen": "Qué datos pedir, cómo comprobar la identidad, qué se puede decir por "
        "teléfono y cómo actuar ante una brecha, según el RGPD y la LOPDGDD.",
        "objetivos": "<ul><li>Aplicar la minimización de datos.</li><li>Verificar la "
        "identidad en cada canal.</li><li>Reconocer y comunicar una brecha.</li></ul>",
        "horas": "4",
        "modalidad": "en_linea",
        "tipo_certificado": "aprovechamiento",
        "obligatorio": True,
        "validez_meses": 12,
        "antelacion_renovacion_dias": 45,
        "canales": [],
        "competencias": ["C3", "C4"],
        "lecciones": [
            (
                "Minimización e identidad",
                15,
                [
                    (
                        "texto",
                        "<p>Pide solo los datos necesarios para el trámite. Comprueba la "
                        "identidad antes de dar información de un expediente: en persona, con el "
                        "documento de identidad; por teléfono, con preguntas de verificación o "
                        "remitiendo a la sede electrónica; nunca facilites datos a terceros sin "
                        "representación acreditada.</p>",
                    ),
                    (
                        "caso_practico",
                        {
                            "canal": "telefonico",
                            "situacion": "Llama una persona que dice ser la hija de un solicitante "
                            "y pide saber si a su padre le han concedido la ayuda.",
                            "dice_la_persona": "Soy su hija, él no se entera de nada. Dígame solo si "
                            "está concedida.",
                            "pregunta": "¿Qué información puedes darle?",
                            "buena_practica": "<p>Ninguna sobre el expediente sin representación "
                            "acreditada. Explica con amabilidad cómo puede acreditarla (apoderamiento "
                            "en el registro electrónico de apoderamientos o autorización firmada) o "
                            "que su padre consulte en la sede electrónica o llame él mismo.</p>",
                        },
                    ),
                ],
            ),
            (
                "Brechas de seguridad",
                10,
                [
                    (
                        "texto",
                        "<p>Un correo enviado a quien no debía, un documento olvidado en "
                        "el mostrador o un expediente visible en pantalla son brechas. Comunícalas "
                        "enseguida a tu responsable y a la persona delegada de protección de datos: "
                        "la notificación a la autoridad de control tiene un plazo de 72 horas.</p>",
                    ),
                    (
                        "recuerda",
                        {
                            "texto": "<p>Bloquea la pantalla cada vez que te levantes del puesto.</p>"
                        },
                    ),
                ],
            ),
        ],
        "preguntas": [
            (
                "El principio de minimización significa…",
                U,
                [
                    ("Pedir solo los datos necesarios", True, ""),
                    ("Borrar los datos al día siguiente", False, ""),
                    ("Pedir todos los datos por si acaso", False, ""),
                ],
            ),
            _vf(
                "Por teléfono se puede informar del estado de un expediente a un familiar.",
                False,
                "Solo con representación acreditada.",
            ),
            (
                "Plazo para notificar una brecha a la autoridad de control:",
                U,
                [
                    ("72 horas", True, ""),
                    ("Un mes", False, ""),
                    ("No hay plazo", False, ""),
                ],
            ),
            (
                "Son brechas de seguridad… (varias)",
                M,
                [
                    ("Un correo con datos enviado a otra persona", True, ""),
                    ("Un documento olvidado en el mostrador", True, ""),
                    ("Una cita anulada por la persona interesada", False, ""),
                ],
            ),
            (
                "Para verificar la identidad en persona se usa…",
                U,
                [
                    ("El documento de identidad", True, ""),
                    ("El número de teléfono", False, ""),
                    ("El nombre y apellidos", False, ""),
                ],
            ),
            _vf("Hay que bloquear la pantalla al levantarse del puesto.", True, ""),
            (
                "¿A quién se comunica una brecha en primer lugar?",
                U,
                [
                    (
                        "Al responsable y a la persona delegada de protección de datos",
                        True,
                        "",
                    ),
                    ("A la prensa", False, ""),
                    ("A nadie si no hay daños", False, ""),
                ],
            ),
            (
                "Una representación se puede acreditar… (varias)",
                M,
                [
                    ("Con apoderamiento en el registro electrónico", True, ""),
                    ("Con autorización firmada", True, ""),
                    ("Diciendo que es familiar", False, ""),
                ],
            ),
            _vf(
                "Se pueden pedir datos de salud para cualquier trámite por si acaso.",
                False,
                "Son categorías especiales: solo si el trámite lo exige.",
            ),
            (
                "Si alguien pide por teléfono datos de un expediente sin verificar identidad…",
                U,
                [
                    (
                        "Se le remite a la sede electrónica o se verifica su identidad",
                        True,
                        "",
                    ),
                    ("Se le dan si parece convincente", False, ""),
                    ("Se cuelga", False, ""),
                ],
            ),
        ],
    },
    {
        "slug": "asistencia-medios-electronicos",
        "title": "Asistencia en el uso de medios electrónicos y funcionarios habilitados",
        "resumen": "Ayudar a quien no puede completar un trámite en línea y actuar como "
        "funcionario/a habilitado/a para identificar o firmar en su nombre (Ley 39/2015, art. 12).",
        "objetivos": "<ul><li>Diagnosticar por qué no se completa un trámite en línea.</li>"
        "<li>Conocer los requisitos de la habilitación.</li><li>Dejar constancia del "
        "consentimiento.</li></ul>",
        "horas": "12",
        "modalidad": "mixta",
        "tipo_certificado": "aprovechamiento",
        "obligatorio": False,
        "validez_meses": 24,
        "antelacion_renovacion_dias": 60,
        "canales": ["presencial", "telematico"],
        "competencias": ["C3", "C4", "C7"],
        "lecciones": [
            (
                "Cuando el trámite en línea no sale",
                20,
                [
                    (
                        "texto",
                        "<p>Las causas más frecuentes: no tener Cl@ve activada, "
                        "certificado caducado, navegador o configuración no compatible, "
                        "documentos en formato no admitido. Diagnostica con calma y explica "
                        "cada paso para que la persona pueda hacerlo sola la próxima vez.</p>",
                    ),
                    (
                        "caso_practico",
                        {
                            "canal": "telematico",
                            "situacion": "Una autónoma escribe por el chat porque la sede le da un "
                            "error al firmar una solicitud que vence hoy.",
                            "dice_la_persona": "Llevo dos horas intentándolo y hoy es el último día.",
                            "pregunta": "¿Qué harías para que no pierda el plazo?",
                            "buena_practica": "<p>Diagnostica el error (certificado, navegador, "
                            "tamaño de archivo) y ofrece alternativas: firma con Cl@ve, "
                            "presentación en una oficina de asistencia en materia de registros "
                            "hoy mismo o, si la incidencia es técnica de la sede, informa de cómo "
                            "se amplía el plazo según el art. 32.4 de la Ley 39/2015.</p>",
                        },
                    ),
                ],
            ),
            (
                "Funcionarios habilitados",
                20,
                [
                    (
                        "texto",
                        "<p>Si la persona no dispone de medios de identificación o firma "
                        "electrónica, un funcionario/a habilitado/a puede realizar el trámite en "
                        "su nombre con su consentimiento expreso, que debe constar. El personal "
                        "habilitado debe estar inscrito en el registro correspondiente; la "
                        "formación puede ser requisito para la habilitación.</p>",
                    ),
                    (
                        "recuerda",
                        {
                            "texto": "<p>Sin consentimiento expreso documentado no se "
                            "actúa en nombre de nadie.</p>"
                        },
                    ),
                ],
            ),
        ],
        "preguntas": [
            (
                "¿Qué artículo de la Ley 39/2015 regula la asistencia en el uso de medios electrónicos?",
                U,
                [
                    ("Artículo 12", True, ""),
                    ("Artículo 42", False, ""),
                    ("Artículo 27", False, ""),
                ],
            ),
            _vf(
                "El funcionario habilitado puede firmar sin consentimiento si es urgente.",
                False,
                "Siempre con consentimiento expreso.",
            ),
            _vf("El personal habilitado debe estar inscrito en un registro.", True, ""),
            (
                "Causas frecuentes de error al firmar… (varias)",
                M,
                [
                    ("Certificado caducado", True, ""),
                    ("Navegador no compatible", True, ""),
                    ("Llamar por la tarde", False, ""),
                ],
            ),
            (
                "Si la sede electrónica falla el último día del plazo…",
                U,
                [
                    ("Puede ampliarse el plazo según el art. 32.4", True, ""),
                    ("El plazo se pierde siempre", False, ""),
                    ("Se presenta por correo electrónico", False, ""),
                ],
            ),
            (
                "El objetivo de la asistencia es también…",
                U,
                [
                    ("Que la persona pueda hacerlo sola la próxima vez", True, ""),
                    ("Hacer siempre el trámite por ella", False, ""),
                    ("Recomendar ir a una gestoría", False, ""),
                ],
            ),
            (
                "Para actuar como habilitado hace falta… (varias)",
                M,
                [
                    ("Consentimiento expreso de la persona", True, ""),
                    ("Dejar constancia", True, ""),
                    (
                        "Conocer su contraseña de Cl@ve",
                        False,
                        "Nunca se pide la contraseña.",
                    ),
                ],
            ),
            _vf(
                "Se puede pedir a la persona su contraseña de Cl@ve para ayudarla.",
                False,
                "Las credenciales son personales.",
            ),
            (
                "Cl@ve permite…",
                U,
                [
                    ("Identificarse y firmar ante las administraciones", True, ""),
                    ("Solo pedir cita previa", False, ""),
                    ("Pagar tasas sin identificarse", False, ""),
                ],
            ),
            (
                "Ante un documento en formato no admitido se recomienda…",
                U,
                [
                    ("Convertirlo a PDF con la persona", True, ""),
                    ("Presentarlo igualmente", False, ""),
                    ("Desistir del trámite", False, ""),
                ],
            ),
        ],
    },
    {
        "slug": "lenguaje-claro",
        "title": "Lenguaje claro en la comunicación administrativa",
        "resumen": "Escribir y hablar para que la ciudadanía entienda a la primera: "
        "estructura, frases cortas, palabras comunes y formato.",
        "objetivos": "<ul><li>Reescribir textos administrativos en lenguaje claro.</li>"
        "<li>Comprobar la comprensión.</li></ul>",
        "horas": "5",
        "modalidad": "en_linea",
        "tipo_certificado": "asistencia",
        "obligatorio": False,
        "validez_meses": 0,
        "canales": [],
        "competencias": ["C2"],
        "lecciones": [
            (
                "Principios del lenguaje claro",
                15,
                [
                    (
                        "texto",
                        "<p>Lo importante primero. Frases de menos de 25 palabras. Voz "
                        "activa («debe presentar» en lugar de «deberá ser presentado»). Palabras "
                        "comunes («plazo» mejor que «término»). Explica siglas la primera vez. "
                        "Usa listas para los requisitos y destaca fechas e importes.</p>",
                    ),
                    (
                        "autoevaluacion",
                        {
                            "pregunta": "¿Cuál es más clara?",
                            "opciones": [
                                {
                                    "texto": "Deberá ser aportada la documentación requerida.",
                                    "correcta": False,
                                },
                                {
                                    "texto": "Tiene que traer estos documentos:",
                                    "correcta": True,
                                },
                            ],
                            "explicacion": "<p>Voz activa, segunda persona y lista.</p>",
                        },
                    ),
                ],
            ),
            (
                "Hablar claro en la atención",
                10,
                [
                    (
                        "texto",
                        "<p>En el mostrador y al teléfono, el lenguaje claro es dar una "
                        "idea cada vez, comprobar que se entiende y ofrecer el resumen por escrito.</p>",
                    ),
                    (
                        "caso_practico",
                        {
                            "canal": "presencial",
                            "situacion": "Una persona recibe un requerimiento de subsanación y no "
                            "entiende qué se le pide.",
                            "dice_la_persona": "Aquí pone «subsanar la falta de acreditación». ¿Qué es eso?",
                            "pregunta": "¿Cómo se lo explicarías en una frase?",
                            "buena_practica": "<p>«Le falta un documento que demuestre X: tráigalo "
                            "o envíelo por la sede antes del día D; si no, la solicitud se archiva.»</p>",
                        },
                    ),
                ],
            ),
        ],
        "preguntas": [
            (
                "Longitud recomendada de las frases:",
                U,
                [
                    ("Menos de 25 palabras", True, ""),
                    ("Más de 40 palabras", False, ""),
                    ("Da igual", False, ""),
                ],
            ),
            _vf(
                "La voz pasiva hace los textos más claros.",
                False,
                "La voz activa es más clara.",
            ),
            (
                "Las siglas…",
                U,
                [
                    ("Se explican la primera vez", True, ""),
                    ("No se explican nunca", False, ""),
                    ("Se evitan siempre aunque sean conocidas", False, ""),
                ],
            ),
            (
                "Para presentar requisitos conviene…",
                U,
                [
                    ("Una lista", True, ""),
                    ("Un párrafo largo", False, ""),
                    ("Una nota al pie", False, ""),
                ],
            ),
            (
                "Son rasgos del lenguaje claro… (varias)",
                M,
                [
                    ("Lo importante primero", True, ""),
                    ("Palabras comunes", True, ""),
                    ("Latinismos jurídicos", False, ""),
                ],
            ),
            _vf("Destacar fechas e importes ayuda a la comprensión.", True, ""),
            (
                "«Subsanar» puede explicarse como…",
                U,
                [
                    ("Corregir o completar lo que falta", True, ""),
                    ("Pagar una sanción", False, ""),
                    ("Recurrir", False, ""),
                ],
            ),
            (
                "Al hablar claro en el mostrador…",
                U,
                [
                    ("Se da una idea cada vez y se comprueba", True, ""),
                    ("Se lee la norma completa", False, ""),
                    ("Se habla rápido", False, ""),
                ],
            ),
            _vf(
                "El lenguaje claro consiste en simplificar el contenido jurídico hasta hacerlo inexacto.",
                False,
                "Claridad sin perder exactitud.",
            ),
            (
                "¿Qué palabra es más clara?",
                U,
                [
                    ("Plazo", True, ""),
                    ("Término", False, ""),
                    ("Lapso preclusivo", False, ""),
                ],
            ),
        ],
    },
]
