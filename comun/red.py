"""The client's address behind the installation's own proxies.

Behind nginx every request reaches gunicorn from nginx's address, so a per-IP
limit keyed on REMOTE_ADDR would count every citizen as one. X-Forwarded-For is
believed only when the request comes from a proxy listed in PROXIES_DE_CONFIANZA,
and then only from the right: each of our proxies appends the address it saw, so
the rightmost address that is not one of ours is the client (anything to its left
was written by the client and may be forged)."""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _redes(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _direccion(texto: str):
    try:
        return ipaddress.ip_address(texto.strip())
    except ValueError:
        return None


def _de_confianza(direccion) -> bool:
    redes = _redes(tuple(settings.PROXIES_DE_CONFIANZA))
    return direccion is not None and any(direccion in red for red in redes)


def ip_cliente(request) -> str:
    remota = request.META.get("REMOTE_ADDR", "")
    if not _de_confianza(_direccion(remota)):
        return remota
    saltos = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    cliente = remota
    for texto in reversed(saltos):
        direccion = _direccion(texto)
        if direccion is None:
            break
        cliente = str(direccion)
        if not _de_confianza(direccion):
            break
    return cliente
