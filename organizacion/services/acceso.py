"""Signing in with the organisation's directory (LDAP, OpenID Connect) and the
TOTP second factor: which user a directory identity is, which roles its groups
give, and enrolling an authenticator app."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import Empleado

CODIGOS_DE_RECUPERACION = 10


class AccesoRechazado(Exception):
    """The directory said yes, but this platform says no (the message says why)."""


def usuario_del_directorio(
    *, identificador: str, username: str, exigir_empleado: bool = True
):
    """The user behind a directory identity: the one of the imported Empleado with
    that identifier. With no such Empleado, refused unless `exigir_empleado` is
    off, then a user of that username (created without a local password)."""
    identificador = (identificador or "").strip()
    empleado = (
        Empleado.objects.select_related("usuario")
        .filter(identificador=identificador)
        .first()
        if identificador
        else None
    )
    if empleado is not None:
        if empleado.fecha_baja and empleado.fecha_baja <= timezone.localdate():
            raise AccesoRechazado(
                _("Su ficha de empleado/a consta de baja: no puede entrar.")
            )
        return empleado.usuario
    if exigir_empleado:
        raise AccesoRechazado(
            _(
                "Su cuenta corporativa (identificador «%(identificador)s») no "
                "corresponde a nadie de la plantilla. Pida a Calidad que revise "
                "la importación de personal."
            )
            % {"identificador": identificador or "—"}
        )
    User = get_user_model()
    usuario, creado = User.objects.get_or_create(username=username)
    if creado:
        usuario.set_unusable_password()
        usuario.save(update_fields=["password"])
    return usuario


def sincronizar_roles(*, usuario, roles: set[str], gestionados: set[str]) -> None:
    """Give `usuario` exactly `roles` among the `gestionados` (those the directory
    maps): a group left in the directory takes its role away at the next login,
    roles granted by hand outside the mapping stay."""
    grupos = {g.name: g for g in Group.objects.filter(name__in=gestionados | roles)}
    actuales = set(
        usuario.groups.filter(name__in=gestionados).values_list("name", flat=True)
    )
    with transaction.atomic():
        quitar = actuales - roles
        anadir = roles - actuales
        if quitar:
            usuario.groups.remove(*(grupos[n] for n in quitar))
        if anadir:
            usuario.groups.add(*(grupos[n] for n in anadir if n in grupos))


def iniciar_alta_totp(*, usuario) -> TOTPDevice:
    """The authenticator being enrolled (unconfirmed until a first code matches)."""
    dispositivo = TOTPDevice.objects.filter(user=usuario, confirmed=False).first()
    if dispositivo is None:
        dispositivo = TOTPDevice.objects.create(
            user=usuario, name=_("Aplicación de autenticación"), confirmed=False
        )
    return dispositivo


def confirmar_alta_totp(*, dispositivo: TOTPDevice, codigo: str) -> list[str] | None:
    """Confirm the authenticator when `codigo` matches; return the single-use
    recovery codes (shown once), or None when the code is wrong."""
    if not dispositivo.verify_token(codigo):
        return None
    with transaction.atomic():
        dispositivo.confirmed = True
        dispositivo.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=dispositivo.user).exclude(
            pk=dispositivo.pk
        ).delete()
        recuperacion, _creado = StaticDevice.objects.get_or_create(
            user=dispositivo.user, defaults={"name": "recuperacion"}
        )
        recuperacion.token_set.all().delete()
        codigos = [StaticToken.random_token() for _n in range(CODIGOS_DE_RECUPERACION)]
        StaticToken.objects.bulk_create(
            StaticToken(device=recuperacion, token=c) for c in codigos
        )
    return codigos
