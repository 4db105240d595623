"""The language of a staff page: the one in the person's profile
(`Empleado.idioma`, kept in the session at sign-in and when they change it),
otherwise the cookie or the browser's, limited to the staff languages
(settings.IDIOMAS_PERSONAL): English exists for citizens only, and a staff page
labelled English would be Spanish (WCAG 3.1.1). Citizen pages pick their own
language per request (encuestas.textos, config.errores) and override this."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_vary_headers

CLAVE_SESION = "idioma_perfil"


def idioma_de_personal(codigo: str | None) -> str:
    codigo = (codigo or "").split("-")[0].lower()
    return codigo if codigo in settings.IDIOMAS_PERSONAL else settings.LANGUAGE_CODE


class IdiomaMiddleware:
    """After LocaleMiddleware and authentication: the profile's language, or
    LocaleMiddleware's choice brought into the staff languages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        perfil = (
            request.session.get(CLAVE_SESION) if hasattr(request, "session") else None
        )
        idioma = idioma_de_personal(perfil or translation.get_language())
        if idioma != translation.get_language():
            translation.activate(idioma)
        request.LANGUAGE_CODE = idioma
        return self.get_response(request)


def recordar_idioma(request, idioma: str) -> None:
    """The profile's language for the rest of this session ("" forgets it: the
    browser's again)."""
    if idioma:
        request.session[CLAVE_SESION] = idioma
    else:
        request.session.pop(CLAVE_SESION, None)


@receiver(user_logged_in, dispatch_uid="comun.idioma")
def _al_entrar(sender, request, user, **kwargs):
    empleado = getattr(user, "empleado", None) if request is not None else None
    if empleado is not None and empleado.idioma:
        recordar_idioma(request, empleado.idioma)


def idioma_publico(request) -> str:
    """A citizen's language: the link's (?idioma=), else the cookie's or the
    browser's, among all of settings.LANGUAGES (English included)."""
    pedido = (request.GET.get("idioma") or "").lower()
    idiomas = [codigo for codigo, _nombre in settings.LANGUAGES]
    if pedido in idiomas:
        return pedido
    navegador = translation.get_language_from_request(request)
    return navegador if navegador in idiomas else settings.LANGUAGE_CODE


def pagina_publica(vista):
    """A page for anyone (no sign-in): rendered in `idioma_publico`, with the
    five-language selector (its template includes includes/idiomas_ciudadania.html
    with `idiomas` and `idioma`)."""

    @wraps(vista)
    def envuelta(request, *args, **kwargs):
        idioma = idioma_publico(request)
        request.idioma_publico = idioma
        with translation.override(idioma):
            respuesta = vista(request, *args, **kwargs)
        respuesta.headers["Content-Language"] = idioma
        patch_vary_headers(respuesta, ("Accept-Language", "Cookie"))
        return respuesta

    return envuelta


def idioma_de_usuario(usuario) -> str:
    """The language of what is addressed to this user (e-mails, PDFs): their
    profile's, else the installation's."""
    empleado = getattr(usuario, "empleado", None) if usuario is not None else None
    return idioma_de_personal(getattr(empleado, "idioma", None))


def en_idioma_de(usuario):
    """`with en_idioma_de(usuario):` renders an e-mail or PDF in their language."""
    return translation.override(idioma_de_usuario(usuario))
