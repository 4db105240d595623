"""mejora's processing activities (see organizacion.proteccion_datos)."""

from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Tratamiento
from organizacion.tratamientos import RESPONSABLE_SEGURIDAD

TRATAMIENTOS = [
    Tratamiento(
        codigo="mejora-continua",
        nombre=_("Autoevaluación EFQM y plan de mejora"),
        finalidad=_(
            "Registrar quién participa en las autoevaluaciones y sus puntuaciones, "
            "quién responde de cada acción de mejora y quién genera y aprueba los "
            "informes."
        ),
        base_juridica=_(
            "RGPD art. 6.1.e: misión de interés público (RD 951/2005, marco "
            "general para la mejora de la calidad)."
        ),
        interesados=_("Personal que participa en la mejora continua."),
        categorias_datos=_(
            "Identificativos, puntuaciones y comentarios, responsabilidades."
        ),
        destinatarios=_(
            "No se comunican a terceros; los informes no nombran personas."
        ),
        conservacion=_("Mientras estén vigentes el plan y sus informes."),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "mejora.Autoevaluacion.miembros",
            "mejora.PuntuacionIndividual.miembro",
            "mejora.PuntuacionIndividual.comentario",
            "mejora.ValorManual.introducido_por",
            "mejora.Hallazgo.editado_por",
            "mejora.AccionMejora.responsable",
            "mejora.AccionMejora.responsable_usuario",
            "mejora.Informe.solicitado_por",
            "mejora.Informe.aprobado_por",
        ),
    ),
]

_NOMBRE_DE_COSA = _("Nombre de una cosa, no de una persona.")
NO_PERSONALES = {
    "mejora.ModeloCalidad.nombre": _NOMBRE_DE_COSA,
    "mejora.Indicador.nombre": _NOMBRE_DE_COSA,
    "mejora.PlanMejora.nombre": _NOMBRE_DE_COSA,
    "mejora.CartaServicios.nombre": _NOMBRE_DE_COSA,
}
