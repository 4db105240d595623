"""organizacion's processing activities (see proteccion_datos): the staff
records, the user accounts, sign-in security and the admin activity logs."""

from django.utils.translation import gettext_lazy as _

from .proteccion_datos import Tratamiento

RESPONSABLE_SEGURIDAD = _(
    "Medidas del Esquema Nacional de Seguridad (RD 311/2022): acceso por rol y "
    "por objeto, contraseñas cifradas, bloqueo de intentos, conexiones cifradas, "
    "copias de seguridad."
)

# Who acted in /admin/ and /cms/: also the export's references (datos_personales).
CAMPOS_ACTIVIDAD_ADMINISTRACION = (
    "admin.LogEntry.user",
    "wagtailusers.UserProfile.user",
    "wagtaildocs.Document.uploaded_by_user",
    "wagtailimages.Image.uploaded_by_user",
    "wagtailadmin.EditingSession.user",
    "wagtailadmin.FormState.user",
    "wagtailcore.APIToken.user",
    "wagtailcore.ModelLogEntry.user",
    "wagtailcore.Revision.user",
    "wagtailcore.UploadedFile.uploaded_by_user",
    "wagtailcore.WorkflowState.requested_by",
    "wagtailcore.TaskState.finished_by",
    "wagtailcore.Page.locked_by",
    "wagtailcore.Page.owner",
    "wagtailcore.PageLogEntry.user",
    "wagtailcore.Comment.user",
    "wagtailcore.Comment.resolved_by",
    "wagtailcore.CommentReply.user",
    "wagtailcore.PageSubscription.user",
)

TRATAMIENTOS = [
    Tratamiento(
        codigo="personal",
        nombre=_("Gestión del personal y de sus cuentas de acceso"),
        finalidad=_(
            "Identificar a cada persona empleada, su oficina, puesto, canales y "
            "supervisión, y darle acceso a la plataforma con los permisos de su rol."
        ),
        base_juridica=_(
            "RGPD art. 6.1.c y 6.1.e: obligación legal y ejercicio de poderes "
            "públicos (TREBEP, Ley 40/2015)."
        ),
        interesados=_("Personal empleado de la organización."),
        categorias_datos=_(
            "Identificativos (nombre, apellidos, identificador, usuario, correo), "
            "de puesto y organización, fechas de alta y baja, último acceso."
        ),
        destinatarios=_("No se comunican a terceros, salvo obligación legal."),
        conservacion=_(
            "Mientras dure la relación y, tras la baja, los años que fije la "
            "política de conservación."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "organizacion.Empleado.usuario",
            "organizacion.Empleado.identificador",
            "organizacion.Empleado.nombre",
            "organizacion.Empleado.apellidos",
            "organizacion.Empleado.oficina",
            "organizacion.Empleado.puesto",
            "organizacion.Empleado.supervisor",
            "organizacion.Empleado.canales",
            "organizacion.Empleado.fecha_alta",
            "organizacion.Empleado.fecha_baja",
            "organizacion.Oficina.responsable",
            "organizacion.Importacion.por",
            "auth.User.username",
            "auth.User.email",
            "auth.User.first_name",
            "auth.User.last_name",
            "auth.User.last_login",
            "auth.User.date_joined",
            "auth.User.groups",
        ),
    ),
    Tratamiento(
        codigo="control-acceso",
        nombre=_("Control de acceso y bloqueo de intentos de inicio de sesión"),
        finalidad=_(
            "Proteger las cuentas frente a intentos repetidos y dejar constancia "
            "de los accesos."
        ),
        base_juridica=_(
            "RGPD art. 6.1.c: obligación legal (Esquema Nacional de Seguridad, "
            "RD 311/2022)."
        ),
        interesados=_("Personas que inician sesión en la plataforma."),
        categorias_datos=_(
            "Nombre de usuario, dirección IP, navegador, fecha y hora del intento."
        ),
        destinatarios=_("No se comunican a terceros."),
        conservacion=_(
            "El periodo de los registros fijado en la política de conservación."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "axes.AccessAttempt.username",
            "axes.AccessAttempt.ip_address",
            "axes.AccessAttempt.user_agent",
            "axes.AccessLog.username",
            "axes.AccessLog.ip_address",
            "axes.AccessLog.user_agent",
            "axes.AccessFailureLog.username",
            "axes.AccessFailureLog.ip_address",
            "axes.AccessFailureLog.user_agent",
            # The second factor's devices (django-otp): whose authenticator.
            "otp_totp.TOTPDevice.user",
            "otp_static.StaticDevice.user",
        ),
    ),
    Tratamiento(
        codigo="registro-accesos-datos",
        nombre=_("Registro de accesos a datos personales (ENS)"),
        finalidad=_(
            "Dejar constancia de quién vio, descargó o exportó datos personales de "
            "otra persona, cuándo y con qué perfil."
        ),
        base_juridica=_(
            "RGPD art. 6.1.c: obligación legal (Esquema Nacional de Seguridad, "
            "RD 311/2022, trazabilidad)."
        ),
        interesados=_("Personal que accede y personal cuyos datos se consultan."),
        categorias_datos=_(
            "Usuario y perfiles de quien accede, identificador de la persona "
            "consultada, qué se consultó, ruta, fecha y hora."
        ),
        destinatarios=_("La persona delegada de protección de datos."),
        conservacion=_(
            "El periodo de los registros fijado en la política de conservación."
        ),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=(
            "auditoria.AccesoDatos.usuario",
            "auditoria.AccesoDatos.sujeto",
        ),
    ),
    Tratamiento(
        codigo="actividad-administracion",
        nombre=_(
            "Registro de actividad en la administración y el gestor de contenidos"
        ),
        finalidad=_(
            "Saber quién creó, cambió, publicó o comentó cada contenido y cada "
            "registro administrado."
        ),
        base_juridica=_("RGPD art. 6.1.c: obligación legal (ENS, trazabilidad)."),
        interesados=_("Personal con acceso a /admin/ o /cms/."),
        categorias_datos=_("Usuario, acción realizada, fecha y hora."),
        destinatarios=_("No se comunican a terceros."),
        conservacion=_("Mientras exista el contenido o el registro."),
        medidas=RESPONSABLE_SEGURIDAD,
        campos=CAMPOS_ACTIVIDAD_ADMINISTRACION,
    ),
]

_NOMBRE_DE_COSA = _("Nombre de una cosa, no de una persona.")
NO_PERSONALES = {
    "organizacion.Canal.nombre": _NOMBRE_DE_COSA,
    "organizacion.Oficina.nombre": _NOMBRE_DE_COSA,
    "organizacion.Servicio.nombre": _NOMBRE_DE_COSA,
    "organizacion.Competencia.nombre": _NOMBRE_DE_COSA,
    "organizacion.MarcoCompetencial.nombre": _NOMBRE_DE_COSA,
    "organizacion.CompetenciaMarco.nombre": _NOMBRE_DE_COSA,
    "organizacion.Puesto.nombre": _NOMBRE_DE_COSA,
    "organizacion.Importacion.nombre": _(
        "Nombre del fichero importado (el contenido se borra al terminar)."
    ),
}
