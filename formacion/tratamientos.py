"""formacion's processing activities (see organizacion.proteccion_datos)."""

from django.utils.translation import gettext_lazy as _

from organizacion.proteccion_datos import Tratamiento
from organizacion.tratamientos import RESPONSABLE_SEGURIDAD

TRATAMIENTOS = [
    Tratamiento(
        codigo="formacion",
        nombre=_("Formación del personal"),
        finalidad=_(
            "Asignar cursos, registrar el progreso y los cuestionarios, emitir y "
            "verificar certificados, reconocer formación externa y expedir el "
            "expediente formativo."
        ),
        base_juridica=_(
            "RGPD art. 6.1.c y 6.1.e: derecho y deber de formación del personal "
            "(TREBEP, arts. 14.g y 54.8)."
        ),
        interesados=_("Personal empleado de la organización."),
        categorias_datos=_(
            "Identificativos, cursos, progreso, respuestas y notas de cuestionarios, "
            "certificados, formación externa con su evidencia, adaptaciones de "
            "tiempo (motivo)."
        ),
        destinatarios=_(
            "Quien tenga el código de un certificado puede verificarlo en la "
            "página pública de verificación; nadie más fuera de la organización."
        ),
        conservacion=_(
            "Los certificados y el expediente, mientras dure la relación y los "
            "años que fije la política de conservación; lo demás, lo mismo."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "formacion.Matricula.empleado",
            "formacion.Matricula.asignada_por",
            "formacion.Matricula.nota",
            "formacion.ProgresoLeccion.matricula",
            "formacion.Intento.matricula",
            "formacion.RespuestaIntento.intento",
            "formacion.Certificado.empleado",
            "formacion.Certificado.nombre_persona",
            "formacion.Certificado.identificador_persona",
            "formacion.Certificado.revocado_por",
            "formacion.Certificado.pdf",
            "formacion.FormacionExterna.empleado",
            "formacion.FormacionExterna.reconocida_por",
            "formacion.FormacionExterna.evidencia",
            "formacion.Expediente.empleado",
            "formacion.Expediente.solicitado_por",
            "formacion.Expediente.pdf",
            "formacion.TiempoExtra.empleado",
            "formacion.TiempoExtra.motivo",
            "formacion.Recordatorio.destinatario",
            "formacion.ReglaAsignacion.equipo_de",
            "formacion.ReglaAsignacion.creada_por",
            "formacion.RegistroAsignacion.por",
        ),
    ),
]

NO_PERSONALES = {
    "formacion.ReglaAsignacion.nombre": _("Nombre de la regla de asignación."),
}
