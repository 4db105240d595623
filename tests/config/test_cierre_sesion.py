"""config/cierre_sesion.py: every logout address signs out by POST only; a GET
(a link or an image on any page) answers 405 and keeps the session."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SALIDAS = ["/cuenta/logout/", "/admin/logout/", "/cms/logout/"]


def _rutas(patrones, prefijo=""):
    for p in patrones:
        if isinstance(p, URLResolver):
            yield from _rutas(p.url_patterns, prefijo + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefijo + str(p.pattern)


def test_todas_las_direcciones_de_salida_estan_en_la_lista():
    salidas = {
        "/" + r.lstrip("^").rstrip("$")
        for r in _rutas(get_resolver().url_patterns)
        if "logout" in r
    }
    assert salidas <= set(SALIDAS), salidas


@pytest.fixture
def personal(client):
    usuaria = User.objects.create_superuser("admin-salida", "a@example.es", "x")
    client.force_login(usuaria)
    return client


@pytest.mark.parametrize("url", SALIDAS)
def test_un_get_no_cierra_la_sesion(personal, url):
    r = personal.get(url)
    assert r.status_code == 405
    # The response does not delete the cookie (empty value, expired).
    galleta = r.cookies.get(settings.SESSION_COOKIE_NAME)
    assert galleta is None or (galleta.value and galleta["max-age"] != 0)
    assert personal.get("/cms/").status_code == 200
    assert "_auth_user_id" in personal.session


@pytest.mark.parametrize("url", SALIDAS)
def test_un_post_cierra_la_sesion(personal, url):
    r = personal.post(url)
    assert r.status_code == 302
    assert "_auth_user_id" not in personal.session
