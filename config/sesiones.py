"""Renewing a session's idle expiry without writing it on every request."""

import time

from django.conf import settings

# Unix time of the session's last save by this middleware.
RENOVADA_EN = "_renovada_en"


class RenovarSesionMiddleware:
    """Marks the session modified only when SESSION_RENOVAR_CADA seconds have
    passed since it was last renewed: SessionMiddleware then saves it with a new
    expiry (now + SESSION_COOKIE_AGE). Any other page view reads the session and
    writes nothing, so staff pages never wait for the database's write lock.

    Goes right after SessionMiddleware; runs after the view, so a session that the
    view created (sign-in) gets its mark in the same save and one that it
    emptied (sign-out) stays empty."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        respuesta = self.get_response(request)
        sesion = getattr(request, "session", None)
        if sesion is None or sesion.is_empty():
            return respuesta
        renovada = sesion.get(RENOVADA_EN)
        if sesion.is_empty():  # an unknown or expired key loads as nothing
            return respuesta
        ahora = int(time.time())
        if (
            sesion.modified
            or not isinstance(renovada, int)
            or ahora - renovada >= settings.SESSION_RENOVAR_CADA
        ):
            sesion[RENOVADA_EN] = ahora
        return respuesta
