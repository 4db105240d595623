"""Writing the access log: one INSERT per access, from the view that shows the data."""

from django.db import models

from organizacion.models import Empleado
from organizacion.selectors import empleado_de, roles_de

from .models import AccesoDatos

Categoria = AccesoDatos.Categoria
Accion = AccesoDatos.Accion


def _roles(usuario) -> str:
    # roles_de() is cached on the user: the permission check or the menu of the
    # page already paid for it, so the log adds no query of its own here.
    roles = sorted(roles_de(usuario))
    if usuario.is_superuser:
        roles.insert(0, "superusuario")
    return ",".join(roles)


def registrar_acceso(
    request,
    *,
    categoria: str,
    accion: str,
    objeto: models.Model | None = None,
    sujeto: Empleado | None = None,
) -> AccesoDatos | None:
    """Record that `request.user` saw, downloaded or exported personal data of
    `sujeto` (or of several people, sujeto None) in `objeto`.

    A person reading their own record is not an access to someone else's data:
    nothing is written then, and None is returned."""
    usuario = request.user
    if sujeto is not None:
        propio = empleado_de(usuario)
        if propio is not None and propio.pk == sujeto.pk:
            return None
    return AccesoDatos.objects.create(
        usuario=usuario if usuario.is_authenticated else None,
        usuario_nombre=usuario.get_username()[:150],
        roles=_roles(usuario)[:200] if usuario.is_authenticated else "",
        accion=accion,
        categoria=categoria,
        objeto_tipo=objeto._meta.label_lower if objeto is not None else "",
        objeto_id=str(objeto.pk) if objeto is not None else "",
        sujeto=sujeto,
        sujeto_identificador=sujeto.identificador if sujeto is not None else "",
        ruta=request.get_full_path().replace("\x00", "")[:500],
        metodo=request.method[:10],
    )
