"""Checking one row of each kind: its cells converted, the rows it points at
(parent unit, supervisor, office, responsible person) found in the file or the
database, and the model's own validation. A row that passes becomes a
`Pendiente` (built again, a chunk at a time, when the import service writes
it); one that fails leaves errors by cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Empleado, Oficina, Servicio
from ..validators import normalizar_dir3
from .celdas import (
    ROLES_ESCRITOS,
    booleano,
    canales,
    fecha,
    lista,
    provincia,
    texto,
)
from .columnas import EMPLEADOS, OFICINAS, normalizar_cabecera
from .lectura import Tabla

if TYPE_CHECKING:
    from .validacion import Validador

AUSENTE = object()  # the column is not in the file: keep what the database has

# Who grants these reads everyone's records: superusers or the command line only.
ROLES_PRIVILEGIADOS = {"direccion", "calidad"}


@dataclass
class Pendiente:
    """A checked row waiting to be written."""

    tabla: Tabla
    linea: int
    obj: object
    nuevo: bool
    cambiado: bool = False
    canales: list[str] | None = None
    superior: object = AUSENTE  # DIR3 / identifier of the parent, "" for none
    responsable: object = AUSENTE
    oficina: str = ""  # an office created by this same import
    usuario: dict = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)


def foto(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _leer_canales(v: Validador, p: Pendiente, valores, errores_campo) -> list | None:
    """The channel codes of the row; None keeps the ones the database has."""
    codigos = v.convertir(p, valores, "canales", canales, errores_campo)
    return None if codigos is AUSENTE else codigos


def _canales_cambian(p: Pendiente) -> bool:
    return p.canales is not None and set(p.canales) != {
        c.codigo for c in p.obj.canales.all()
    }


# --- Offices ---------------------------------------------------------------------


def comprobar_oficina(
    v: Validador, tabla: Tabla, linea: int, valores: list
) -> Pendiente | None:
    dir3 = v.clave(tabla, valores)
    if not dir3:
        v.error(tabla, linea, "codigo_dir3", _("El código DIR3 es obligatorio."))
        return None
    obj = v.oficinas.get(dir3) or Oficina(codigo_dir3=dir3)
    p = Pendiente(tabla, linea, obj, nuevo=obj.pk is None)
    antes, errores_campo = foto(obj), set()
    v.asignar_texto(p, valores, ("nombre", "municipio", "direccion_postal"))
    v.asignar(p, valores, "provincia", provincia, errores_campo)
    v.asignar(p, valores, "activa", booleano, errores_campo, por_defecto=True)
    p.canales = _leer_canales(v, p, valores, errores_campo)
    p.superior = v.referencia(
        p,
        "unidad_superior",
        v.celda(tabla, valores, "unidad_superior"),
        dir3,
        v.oficinas_bd,
        v.claves[OFICINAS],
        _("Una oficina no puede depender de sí misma."),
    )
    _responsable_de_la_oficina(v, p, valores)
    v.limpiar(
        p, errores_campo | {"unidad_superior", "responsable"}, "unidad_superior_id"
    )
    p.cambiado = p.nuevo or foto(obj) != antes
    if not p.nuevo:
        p.cambiado |= _canales_cambian(p)
        if p.superior is not AUSENTE:
            p.cambiado |= (p.superior or None) != v.oficinas_bd[dir3][1]
        if p.responsable is not AUSENTE:
            p.cambiado |= (p.responsable or None) != v.responsables_bd.get(dir3)
    return p


def _responsable_de_la_oficina(v: Validador, p: Pendiente, valores) -> None:
    responsable = v.celda(p.tabla, valores, "responsable")
    if responsable is AUSENTE:
        return
    ident = texto(responsable)
    if ident and ident not in v.claves[EMPLEADOS] and ident not in v.empleados_bd:
        v.error(
            p.tabla,
            p.linea,
            "responsable",
            _(
                "No hay ninguna persona con identificador «%(id)s» ni en el fichero ni en la base de datos."
            )
            % {"id": ident},
        )
    else:
        p.responsable = ident


# --- Services --------------------------------------------------------------------


def comprobar_servicio(
    v: Validador, tabla: Tabla, linea: int, valores: list
) -> Pendiente | None:
    codigo = v.clave(tabla, valores)
    if not codigo:
        v.error(tabla, linea, "codigo", _("El código del servicio es obligatorio."))
        return None
    obj = v.servicios.get(codigo) or Servicio(codigo=codigo)
    p = Pendiente(tabla, linea, obj, nuevo=obj.pk is None)
    antes, errores_campo = foto(obj), set()
    v.asignar_texto(p, valores, ("nombre", "descripcion", "codigo_sia"))
    v.asignar(p, valores, "activo", booleano, errores_campo, por_defecto=True)
    p.canales = _leer_canales(v, p, valores, errores_campo)
    if obj.codigo_sia and not v.escribiendo:
        previa = v.sia_en_fichero.setdefault(obj.codigo_sia, linea)
        if previa != linea:
            v.error(
                tabla,
                linea,
                "codigo_sia",
                _("El código SIA «%(sia)s» ya está en la línea %(linea)s.")
                % {"sia": obj.codigo_sia, "linea": previa},
            )
            errores_campo.add("codigo_sia")
    v.limpiar(p, errores_campo)
    p.cambiado = p.nuevo or foto(obj) != antes
    if not p.nuevo:
        p.cambiado |= _canales_cambian(p)
    return p


# --- Employees -------------------------------------------------------------------


def comprobar_empleado(
    v: Validador, tabla: Tabla, linea: int, valores: list
) -> Pendiente | None:
    ident = v.clave(tabla, valores)
    if not ident:
        v.error(tabla, linea, "identificador", _("El identificador es obligatorio."))
        return None
    obj = v.empleados.get(ident) or Empleado(identificador=ident)
    p = Pendiente(tabla, linea, obj, nuevo=obj.pk is None)
    antes, errores_campo = foto(obj), {"usuario"}
    v.asignar_texto(p, valores, ("nombre", "apellidos"))
    _oficina_del_empleado(v, p, valores, errores_campo)
    _puesto_del_empleado(v, p, valores, errores_campo)
    p.superior = v.referencia(
        p,
        "supervisor",
        v.celda(tabla, valores, "supervisor"),
        ident,
        v.empleados_bd,
        v.claves[EMPLEADOS],
        _("Nadie puede ser su propio supervisor."),
    )
    p.canales = _leer_canales(v, p, valores, errores_campo)
    _fechas_del_empleado(v, p, valores, errores_campo)
    _perfiles_del_empleado(v, p, valores)
    _correo_del_empleado(v, p, valores)
    _usuario_del_empleado(v, p, valores)
    # Office and puesto were resolved against what was loaded, the identifier
    # is looked up by value and `clean()` checks the dates: skipping Django's
    # per-row existence, unique and constraint queries keeps big files fast.
    v.limpiar(
        p,
        errores_campo | {"supervisor", "oficina", "puesto"},
        "supervisor_id",
        validate_unique=False,
        validate_constraints=False,
    )
    p.cambiado = p.nuevo or foto(obj) != antes
    if not p.nuevo:
        p.cambiado |= _canales_cambian(p)
        if p.superior is not AUSENTE:
            p.cambiado |= (p.superior or None) != v.empleados_bd[ident][1]
        p.cambiado |= bool(set(p.roles) - v.roles_de(obj))
    return p


def _oficina_del_empleado(v: Validador, p: Pendiente, valores, errores_campo) -> None:
    """An office in the database, or one this same file creates (its id is set
    when the import writes it)."""
    dir3 = normalizar_dir3(texto(v.celda(p.tabla, valores, "oficina")))
    if not dir3:
        v.error(
            p.tabla,
            p.linea,
            "oficina",
            _("La oficina (su código DIR3) es obligatoria."),
        )
        errores_campo.add("oficina")
    elif dir3 in v.oficinas_bd:
        p.obj.oficina_id = v.oficinas_bd[dir3][0]
    elif dir3 in v.claves[OFICINAS]:
        p.oficina = dir3
        errores_campo.add("oficina")
    else:
        v.error(
            p.tabla,
            p.linea,
            "oficina",
            _(
                "No hay ninguna oficina con código DIR3 «%(dir3)s» ni en el fichero ni en la base de datos."
            )
            % {"dir3": dir3},
        )
        errores_campo.add("oficina")


def _puesto_del_empleado(v: Validador, p: Pendiente, valores, errores_campo) -> None:
    """By code or by name, as people write either."""
    nombre_puesto = texto(v.celda(p.tabla, valores, "puesto"))
    puesto = v.puestos.get(nombre_puesto.casefold()) or v.puestos.get(
        normalizar_cabecera(nombre_puesto)
    )
    if puesto is None:
        v.error(
            p.tabla,
            p.linea,
            "puesto",
            _("El puesto «%(puesto)s» no existe. Puestos disponibles: %(lista)s.")
            % {
                "puesto": nombre_puesto,
                "lista": ", ".join(v.codigos_puesto) or "—",
            },
        )
        errores_campo.add("puesto")
    else:
        p.obj.puesto = puesto


def _fechas_del_empleado(v: Validador, p: Pendiente, valores, errores_campo) -> None:
    """A new person without a start date starts today; an empty cell keeps the
    start date someone already has."""
    alta = v.convertir(p, valores, "fecha_alta", fecha, errores_campo)
    if alta is not AUSENTE and (alta is not None or p.nuevo):
        p.obj.fecha_alta = alta or timezone.localdate()
    v.asignar(p, valores, "fecha_baja", fecha, errores_campo)


def _perfiles_del_empleado(v: Validador, p: Pendiente, valores) -> None:
    roles = v.celda(p.tabla, valores, "roles")
    for rol in lista(roles) if roles is not AUSENTE else []:
        codigo = ROLES_ESCRITOS.get(normalizar_cabecera(rol))
        if codigo in ROLES_PRIVILEGIADOS and not v.puede_conceder:
            v.error(
                p.tabla,
                p.linea,
                "roles",
                _("Solo un superusuario puede conceder el perfil «%(rol)s».")
                % {"rol": rol},
            )
        elif codigo is None:
            v.error(
                p.tabla,
                p.linea,
                "roles",
                _(
                    "Perfil desconocido «%(rol)s»: use empleado, supervisor, direccion o calidad."
                )
                % {"rol": rol},
            )
        else:
            p.roles.append(codigo)


# The account: the import creates it for new people. An existing account's login
# and e-mail are not changed here: whoever controls the e-mail can reset the
# password, so that stays in the users' admin.


def _correo_del_empleado(v: Validador, p: Pendiente, valores) -> None:
    email = v.celda(p.tabla, valores, "email")
    if email is AUSENTE:
        return
    email = texto(email)
    try:
        if email:
            validate_email(email)
    except ValidationError:
        v.error(
            p.tabla,
            p.linea,
            "email",
            _("«%(email)s» no es un correo electrónico válido.") % {"email": email},
        )
    else:
        if p.nuevo:
            p.usuario["email"] = email
        elif email != p.obj.usuario.email:
            v.aviso_cuenta(p.tabla, p.linea, "email", p.obj.identificador)


def _usuario_del_empleado(v: Validador, p: Pendiente, valores) -> None:
    """A new person's login: the Usuario column, or else the identifier in
    lower case; unique within the file (the database is checked across rows)."""
    ident = p.obj.identificador
    usuario = v.celda(p.tabla, valores, "usuario")
    username = texto(usuario) if usuario is not AUSENTE else ""
    if not p.nuevo:
        if username and username != p.obj.usuario.username:
            v.aviso_cuenta(p.tabla, p.linea, "usuario", ident)
        return
    username = username or ident.lower()
    campo = "usuario" if usuario is not AUSENTE and texto(usuario) else "identificador"
    try:
        UnicodeUsernameValidator()(username)
        if len(username) > 150:
            raise ValidationError("largo")
    except ValidationError:
        v.error(
            p.tabla,
            p.linea,
            campo,
            _(
                "«%(usuario)s» no sirve como nombre de usuario (letras, dígitos "
                "y @ . + - _): añada una columna Usuario."
            )
            % {"usuario": username},
        )
        return
    previa = p.linea
    if not v.escribiendo:  # checked in the first pass; the write needs no memory of it
        previa = v.usuarios_en_fichero.setdefault(username, p.linea)
    if previa != p.linea:
        v.error(
            p.tabla,
            p.linea,
            campo,
            _("El usuario «%(usuario)s» ya está en la línea %(linea)s.")
            % {"usuario": username, "linea": previa},
        )
    p.usuario["username"] = username
