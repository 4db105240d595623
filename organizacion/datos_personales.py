"""organizacion's part of an employee's data export (see proteccion_datos)."""

from django.utils.translation import gettext_lazy as _

from .models import Empleado
from .proteccion_datos import Seccion
from .tratamientos import CAMPOS_ACTIVIDAD_ADMINISTRACION


def perfil(empleado: Empleado):
    """The employee's record and user account, one (data, value) row each."""
    e = (
        Empleado.objects.select_related("usuario", "oficina", "puesto", "supervisor")
        .prefetch_related("canales", "usuario__groups")
        .get(pk=empleado.pk)
    )
    u = e.usuario
    return [
        (_("Identificador"), e.identificador),
        (_("Nombre"), e.nombre),
        (_("Apellidos"), e.apellidos),
        (_("Usuario"), u.username),
        (_("Correo electrónico"), u.email),
        (_("Nombre en la cuenta"), f"{u.first_name} {u.last_name}".strip()),
        (_("Oficina"), e.oficina),
        (_("Puesto"), e.puesto),
        (_("Supervisor/a"), e.supervisor or ""),
        (_("Canales que atiende"), ", ".join(str(c) for c in e.canales.all())),
        (_("Fecha de alta"), e.fecha_alta),
        (_("Fecha de baja"), e.fecha_baja),
        (_("Bienvenida enviada el"), e.bienvenida_enviada_en),
        (_("Idioma"), e.get_idioma_display() or _("El del navegador")),
        (_("Roles"), ", ".join(sorted(g.name for g in u.groups.all()))),
        (_("Cuenta activa"), u.is_active),
        (_("Alta de la cuenta"), u.date_joined),
        (_("Último acceso"), u.last_login),
    ]


SECCIONES = [
    Seccion(
        fichero="organizacion/perfil.csv",
        columnas=(_("Dato"), _("Valor")),
        filas=perfil,
        cubre=("organizacion.Empleado.usuario",),
    ),
]

# Records where the employee appears as the one who did something, or in
# charge of something: listed by identifier, without the others involved.
REFERENCIAS = (
    "organizacion.Empleado.supervisor",
    "organizacion.Oficina.responsable",
    "organizacion.Importacion.por",
    *CAMPOS_ACTIVIDAD_ADMINISTRACION,
)

# Links deliberately left out of the ZIP, with the reason.
OMITIDOS = {
    "otp_totp.TOTPDevice.user": _(
        "La clave del autenticador es un secreto: no sale de la plataforma."
    ),
    "otp_static.StaticDevice.user": _(
        "Los códigos de recuperación son secretos: no salen de la plataforma."
    ),
    "auditoria.AccesoDatos.usuario": _(
        "Los accesos propios y los de otros a sus datos los entrega la persona "
        "delegada de protección de datos desde el registro de accesos."
    ),
    "auditoria.AccesoDatos.sujeto": _(
        "Quién consultó sus datos lo entrega la persona delegada de protección de "
        "datos desde el registro de accesos, filtrado por su identificador."
    ),
}
