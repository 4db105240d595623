"""Sessions on a shared database: a page view reads the session and does not write
it; the 8-hour idle expiry is renewed at most every SESSION_RENOVAR_CADA seconds,
and the browser-session cookie stays."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories.organizacion import CONTRASENA

pytestmark = pytest.mark.django_db

PAGINAS = ["inicio", "formacion:mi_formacion", "encuestas:resultados"]


def _escrituras_de_sesion(consultas) -> list[str]:
    return [
        q["sql"]
        for q in consultas
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def _entrar(client, empleado):
    respuesta = client.post(
        reverse("login"),
        {"username": empleado.usuario.username, "password": CONTRASENA},
    )
    assert respuesta.status_code == 302
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


@pytest.mark.parametrize("pagina", PAGINAS)
def test_ver_una_pagina_del_personal_no_escribe_la_sesion(client, supervisor, pagina):
    _entrar(client, supervisor)
    client.get(reverse(pagina))  # any first-visit bookkeeping happens here
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(reverse(pagina))
    assert respuesta.status_code == 200
    assert _escrituras_de_sesion(consultas.captured_queries) == []
    assert settings.SESSION_COOKIE_NAME not in respuesta.cookies


def test_la_caducidad_se_renueva_cuando_pasa_el_intervalo(client, empleado):
    sesion = _entrar(client, empleado)
    caducidad_inicial = sesion.expire_date
    # Pretend the last renewal happened one interval and a second ago.
    datos = client.session
    datos["_renovada_en"] = int(time.time()) - settings.SESSION_RENOVAR_CADA - 1
    datos.save()
    Session.objects.filter(pk=sesion.pk).update(
        expire_date=caducidad_inicial - timezone.timedelta(hours=1)
    )
    with CaptureQueriesContext(connection) as consultas:
        assert client.get(reverse("inicio")).status_code == 200
    assert len(_escrituras_de_sesion(consultas.captured_queries)) == 1
    renovada = Session.objects.get(pk=sesion.pk)
    restante = (renovada.expire_date - timezone.now()).total_seconds()
    assert 8 * 3600 - 60 < restante <= 8 * 3600
    # The next page within the interval writes nothing again.
    with CaptureQueriesContext(connection) as consultas:
        assert client.get(reverse("inicio")).status_code == 200
    assert _escrituras_de_sesion(consultas.captured_queries) == []


def test_la_inactividad_maxima_sigue_siendo_una_jornada(client, empleado):
    # Renewing at most every few minutes keeps the idle limit within that margin of 8 h.
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert not getattr(settings, "SESSION_SAVE_EVERY_REQUEST", False)
    assert 0 < settings.SESSION_RENOVAR_CADA <= 15 * 60
    respuesta = client.post(
        reverse("login"),
        {"username": empleado.usuario.username, "password": CONTRASENA},
    )
    cookie = respuesta.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    sesion = Session.objects.get(session_key=cookie.value)
    restante = (sesion.expire_date - timezone.now()).total_seconds()
    assert 8 * 3600 - 60 < restante <= 8 * 3600
    # Idle past the limit: back to the login page.
    Session.objects.filter(pk=sesion.pk).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(reverse("login"))


def test_salir_no_deja_la_sesion_viva(client, empleado):
    sesion = _entrar(client, empleado)
    client.post(reverse("logout"))
    assert not Session.objects.filter(pk=sesion.pk).exists()
