"""The citizen's address behind the installation's own proxies (nginx in front of
gunicorn): the per-IP survey limit must count citizens, not nginx."""

import pytest
from django.test import RequestFactory, override_settings

from comun.red import ip_cliente


def _peticion(remota: str, reenviada: str | None = None):
    extra = {"REMOTE_ADDR": remota}
    if reenviada is not None:
        extra["HTTP_X_FORWARDED_FOR"] = reenviada
    return RequestFactory().get("/", **extra)


def test_sin_proxies_de_confianza_la_cabecera_no_cuenta():
    # Anyone can send X-Forwarded-For: without a declared proxy it is ignored.
    with override_settings(PROXIES_DE_CONFIANZA=[]):
        assert ip_cliente(_peticion("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(PROXIES_DE_CONFIANZA=["127.0.0.1/32", "::1/128", "10.0.0.0/8"])
@pytest.mark.parametrize(
    ("remota", "reenviada", "esperada"),
    [
        # nginx on the same machine: the citizen is the address nginx added.
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        # A citizen who forges the header: nginx appends the real address, the
        # rightmost untrusted one counts, not the forged first one.
        ("127.0.0.1", "1.2.3.4, 198.51.100.1", "198.51.100.1"),
        # Two of our proxies (balancer 10.x then nginx).
        ("127.0.0.1", "198.51.100.1, 10.0.0.5", "198.51.100.1"),
        ("::1", "2001:db8::1", "2001:db8::1"),
        # A request straight to gunicorn from outside: the header is not ours.
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        # From the proxy, with no header or garbage in it: the proxy's address.
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "no-es-una-ip", "127.0.0.1"),
        ("127.0.0.1", "10.0.0.5", "10.0.0.5"),
    ],
)
def test_detras_de_proxies_de_confianza(remota, reenviada, esperada):
    assert ip_cliente(_peticion(remota, reenviada)) == esperada


@override_settings(PROXIES_DE_CONFIANZA=["127.0.0.1/32"])
def test_el_limite_de_la_encuesta_cuenta_personas_detras_de_nginx(client, settings):
    from encuestas.views_publicas import _ip

    uno = _peticion("127.0.0.1", "198.51.100.1")
    otra = _peticion("127.0.0.1", "198.51.100.2")
    assert _ip(uno) != _ip(otra)
