"""The TOTP second factor (django-otp): who must pass it, and the middleware
that keeps the rest of the site (app, /admin/, /cms/) closed until they do.

Whether a session still owes the second factor is decided once, when the person
signs in (any way: local password, LDAP, OIDC, the admin's own login pages), and
kept in the session, so pages pay no query for it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user

from .models import Rol

PENDIENTE = "segundo_factor_pendiente"
VERIFICAR = "verificar"
ALTA = "alta"
ROLES_CON_SEGUNDO_FACTOR = {Rol.DIRECCION, Rol.CALIDAD}


def debe_segundo_factor(usuario) -> bool:
    """Direction, quality and the administrators, when TOTP_OBLIGATORIO is on."""
    if usuario.is_superuser or usuario.is_staff:
        return True
    return usuario.groups.filter(name__in=ROLES_CON_SEGUNDO_FACTOR).exists()


def pendiente_para(usuario) -> str | None:
    """What the session owes after a password: VERIFICAR (has an authenticator),
    ALTA (must enrol one) or nothing."""
    if any(True for _ in devices_for_user(usuario, confirmed=True)):
        return VERIFICAR
    if settings.TOTP_OBLIGATORIO and debe_segundo_factor(usuario):
        return ALTA
    return None


@receiver(user_logged_in, dispatch_uid="organizacion.segundo_factor")
def _al_entrar(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if getattr(user, "otp_device", None) is not None:
        request.session.pop(PENDIENTE, None)
        return
    pendiente = pendiente_para(user)
    if pendiente:
        request.session[PENDIENTE] = pendiente
    else:
        request.session.pop(PENDIENTE, None)


def _rutas_libres() -> tuple[str, ...]:
    return (
        reverse("segundo_factor_verificar"),
        reverse("segundo_factor_alta"),
        reverse("logout"),
        reverse("set_language"),
        reverse("organizacion:idioma"),
        "/health/",
        settings.STATIC_URL,
    )


class SegundoFactorMiddleware:
    """After OTPMiddleware: a session that owes the second factor reaches only
    the verification and enrolment pages, logout and the language switch."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pendiente = (
            request.session.get(PENDIENTE) if hasattr(request, "session") else None
        )
        if pendiente and request.user.is_authenticated:
            if request.user.is_verified():
                del request.session[PENDIENTE]
            elif not request.path_info.startswith(_rutas_libres()):
                destino = (
                    "segundo_factor_verificar"
                    if pendiente == VERIFICAR
                    else "segundo_factor_alta"
                )
                siguiente = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(destino)}?{siguiente}")
        return self.get_response(request)
