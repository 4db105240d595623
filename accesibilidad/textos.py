"""The public statement's strings in the citizen languages (the catalogues,
looked up in the reader's language as encuestas.textos does): one language
throughout the page. `{…}` fields are filled from settings and the statement."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

TEXTOS = {
    "titulo": _("Declaración de accesibilidad"),
    "declaracion_accesibilidad": _("Declaración de accesibilidad"),
    "compromiso": _(
        "{organismo} se ha comprometido a hacer accesible Ventanilla, de conformidad con el Real Decreto 1112/2018, de 7 de septiembre, sobre accesibilidad de los sitios web y aplicaciones para dispositivos móviles del sector público."
    ),
    "ambito": _(
        "Esta declaración se aplica a Ventanilla: la encuesta de valoración de la atención y las páginas del personal."
    ),
    "situacion": _("Situación de cumplimiento"),
    "estado_totalmente": _(
        "Ventanilla es plenamente conforme con el RD 1112/2018 (norma UNE-EN 301549:2022, que incorpora las WCAG 2.1 de nivel AA)."
    ),
    "estado_parcialmente": _(
        "Ventanilla es parcialmente conforme con el RD 1112/2018 (norma UNE-EN 301549:2022, WCAG 2.1 de nivel AA) debido a las excepciones y a la falta de conformidad de los aspectos que se indican a continuación."
    ),
    "estado_no": _(
        "Ventanilla no es conforme con el RD 1112/2018: todavía no hay una evaluación que muestre su conformidad."
    ),
    "no_accesible": _("Contenido no accesible"),
    "no_accesible_intro": _(
        "El contenido que se recoge a continuación no es accesible por lo siguiente:"
    ),
    "falta_de_conformidad": _("a) Falta de conformidad con el RD 1112/2018"),
    "carga_desproporcionada": _("b) Carga desproporcionada"),
    "fuera_de_ambito": _(
        "c) El contenido no entra dentro del ámbito de la legislación aplicable"
    ),
    "no_aplica": _("No aplica."),
    "criterio": _("Criterio WCAG"),
    "correccion_prevista": _("Corrección prevista"),
    "detectado": _(
        "Detectado por la comprobación automática (regla de axe-core «{regla}», impacto {impacto}) en:"
    ),
    "impacto_critical": _("crítico"),
    "impacto_serious": _("grave"),
    "impacto_moderate": _("moderado"),
    "impacto_minor": _("leve"),
    "preparacion": _("Preparación de la presente declaración de accesibilidad"),
    "preparada": _("La presente declaración fue preparada el {preparada}."),
    "metodo": _(
        "El método empleado para preparar la declaración ha sido una autoevaluación del propio organismo: comprobaciones automáticas con axe-core {axe} en un navegador real (Chromium) en cada recorrido de la ciudadanía y del personal, que también se recorren con el teclado y, los de la ciudadanía, sin JavaScript; y la revisión manual de lo que una herramienta automática no puede comprobar."
    ),
    "evaluada": _(
        "Última evaluación automática: {evaluada} ({comprobaciones} comprobaciones de página)."
    ),
    "revisada": _("Última revisión de la declaración: {revisada}."),
    "paginas_evaluadas": _("Páginas evaluadas"),
    "paginas_evaluadas_nota": _(
        "Las direcciones muestran su forma general: los identificadores se sustituyen por <id> o <token>."
    ),
    "col_pagina": _("Página"),
    "col_titulo": _("Título"),
    "col_comprobaciones": _("Comprobaciones"),
    "col_resultado": _("Resultado"),
    "col_fecha": _("Fecha"),
    "sin_fallos": _("Sin fallos"),
    "con_fallos": _("Fallos: {reglas}"),
    "ninguna_evaluada": _("Todavía no se ha evaluado ninguna página."),
    "observaciones": _("Observaciones y datos de contacto"),
    "observaciones_texto": _(
        "Puede realizar comunicaciones sobre requisitos de accesibilidad (artículo 10.2.a del RD 1112/2018), por ejemplo informar de un posible incumplimiento, transmitir otras dificultades de acceso al contenido o formular cualquier consulta o sugerencia de mejora, con el formulario de esta página o escribiendo a {email}."
    ),
    "solicitudes_texto": _(
        "También puede solicitar en formato accesible información excluida del ámbito del RD 1112/2018 o exenta por carga desproporcionada, o presentar una queja por incumplimiento de los requisitos de accesibilidad (artículo 12). Las recibe y responde {unidad} en un plazo máximo de {plazo} días hábiles."
    ),
    "reclamacion": _("Procedimiento de reclamación"),
    "reclamacion_texto": _(
        "Si su solicitud de información accesible o su queja ha sido desestimada, no está de acuerdo con la decisión adoptada o la respuesta no cumple los requisitos del artículo 12.5 del RD 1112/2018, puede presentar una reclamación (artículo 13). También puede hacerlo si han pasado {plazo} días hábiles sin obtener respuesta a una queja. La recibe y resuelve {ura}: {ura_contacto}."
    ),
    "aplicacion_texto": _(
        "Contra la resolución de la reclamación caben los recursos administrativos que procedan según la Ley 39/2015, de 1 de octubre."
    ),
    "formulario": _("Enviar una comunicación de accesibilidad"),
    "tipo": _("Tipo de comunicación"),
    "tipo_solicitud": _("Solicitud de información accesible"),
    "tipo_queja": _("Queja por incumplimiento"),
    "tipo_sugerencia": _("Comunicación o sugerencia"),
    "pagina": _("Página a la que se refiere (opcional)"),
    "pagina_ayuda": _(
        "Su dirección o lo que estaba haciendo, por ejemplo «la encuesta tras la cita»."
    ),
    "descripcion": _("Descripción"),
    "descripcion_ayuda": _(
        "Cuéntenos qué no ha podido usar o qué información necesita en formato accesible."
    ),
    "correo": _("Correo electrónico para responderle (opcional)"),
    "correo_ayuda": _(
        "Sin correo no podremos responderle: guarde el número de referencia."
    ),
    "aviso_datos": _(
        "Protección de datos. Responsable: {organismo}. Finalidad: atender su comunicación de accesibilidad (RGPD art. 6.1.c, RD 1112/2018). Conservación: hasta {dias} días después de responderla. Derechos: escribiendo a {dpd}."
    ),
    "enviar": _("Enviar"),
    "hay_errores": _("No se ha enviado: revise los campos marcados."),
    "obligatorio": _("Este campo es obligatorio."),
    "opcion_no_valida": _("Elija una de las opciones."),
    "correo_no_valido": _(
        "Escriba un correo electrónico válido, como nombre@ejemplo.es."
    ),
    "demasiado_largo": _("Es demasiado largo: como mucho {max} caracteres."),
    "recibida": _("Comunicación recibida"),
    "recibida_texto": _(
        "Hemos recibido su comunicación. Su número de referencia es {referencia}. La responderemos antes del {fecha_limite}."
    ),
    "recibida_sin_correo": _(
        "No nos ha dejado un correo: guarde la referencia para preguntar por ella en {email}."
    ),
    "volver": _("Volver a la declaración de accesibilidad"),
    "demasiadas": _(
        "Ha enviado demasiadas comunicaciones seguidas. Inténtelo más tarde o escriba a {email}."
    ),
    "idioma": _("Idioma"),
}


def _datos_fijos() -> dict[str, str]:
    from django.conf import settings

    from .app_settings import ajustes

    return {
        "organismo": ajustes.ORGANISMO,
        "unidad": ajustes.UNIDAD,
        "email": ajustes.EMAIL,
        "ura": ajustes.UNIDAD_RESPONSABLE,
        "ura_contacto": ajustes.UNIDAD_RESPONSABLE_CONTACTO,
        "plazo": str(ajustes.PLAZO_DIAS_HABILES),
        "dias": str(ajustes.CONSERVACION_DIAS),
        "dpd": settings.PROTECCION_DATOS_CONTACTO_DPD,
    }


class _Campos(dict):
    # A field the caller fills later ({referencia}, {axe}…) stays as it is.
    def __missing__(self, clave):
        return "{" + clave + "}"


def textos_de(idioma: str) -> dict[str, str]:
    """The page's strings in `idioma` (Spanish where one is missing), with the
    body, units, contact and periods filled in."""
    datos = _Campos(_datos_fijos())
    with translation.override(idioma):
        return {clave: str(valor).format_map(datos) for clave, valor in TEXTOS.items()}
