"""Signing in and out: lockout after repeated failures, session expiry, password
reset by e-mail, error pages in Spanish, the language switcher, /health/."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django.db.utils import OperationalError
from django.urls import reverse
from kombu import Connection

from config.celery import app as celery_app
from tests.factories import EmpleadoFactory
from tests.factories.organizacion import CONTRASENA

pytestmark = pytest.mark.django_db

LOGIN = "/cuenta/login/"


def entrar(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_entrar_lleva_al_inicio_y_salir_al_login(client, empleado):
    respuesta = entrar(client, empleado.usuario.username, CONTRASENA)
    assert respuesta.status_code == 302 and respuesta["Location"] == reverse("inicio")
    respuesta = client.post(reverse("logout"))
    assert respuesta.status_code == 302 and respuesta["Location"] == reverse("login")
    assert client.get(reverse("inicio")).status_code == 302


def test_contrasena_erronea_muestra_error_en_espanol(client, empleado):
    respuesta = entrar(client, empleado.usuario.username, "mala")
    assert respuesta.status_code == 200
    assert (
        "Por favor, introduzca un nombre de usuario y clave correctos"
        in respuesta.content.decode()
    )


def test_bloqueo_tras_el_limite_de_intentos_fallidos(client, empleado):
    limite = settings.AXES_FAILURE_LIMIT
    for _ in range(limite - 1):
        assert entrar(client, empleado.usuario.username, "mala").status_code == 200
    bloqueada = entrar(client, empleado.usuario.username, "mala")
    assert bloqueada.status_code in (403, 429)
    html = bloqueada.content.decode()
    assert "Cuenta bloqueada temporalmente" in html
    assert '<html lang="es">' in html
    # Even the right password is refused while the lock lasts...
    assert entrar(client, empleado.usuario.username, CONTRASENA).status_code in (
        403,
        429,
    )
    assert "_auth_user_id" not in client.session
    # ...but only for that username: a colleague at the same address still signs in.
    colega = EmpleadoFactory()
    assert entrar(client, colega.usuario.username, CONTRASENA).status_code == 302


def test_la_sesion_caduca_en_una_jornada_y_al_cerrar_el_navegador(client, empleado):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    # The 8 hours count from the last request, renewed without a write per page
    # (tests/config/test_sesiones.py).
    assert 0 < settings.SESSION_RENOVAR_CADA <= 15 * 60
    respuesta = entrar(client, empleado.usuario.username, CONTRASENA)
    cookie = respuesta.cookies[settings.SESSION_COOKIE_NAME]
    assert (
        cookie["max-age"] == "" and cookie["expires"] == ""
    )  # a browser-session cookie
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_una_sesion_caducada_vuelve_al_login(client, empleado):
    client.force_login(empleado.usuario)
    sesion = client.session
    sesion.set_expiry(-1)
    sesion.save()
    respuesta = client.get(reverse("inicio"))
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(reverse("login"))


def test_restablecer_contrasena_envia_un_correo_con_enlace(client):
    persona = EmpleadoFactory(usuario__email="lucia@ventanilla.example")
    respuesta = client.post(
        reverse("password_reset"), {"email": "lucia@ventanilla.example"}
    )
    assert respuesta.status_code == 302
    assert len(mail.outbox) == 1
    correo = mail.outbox[0]
    assert correo.to == ["lucia@ventanilla.example"]
    assert correo.subject == "Ventanilla: restablecer la contraseña"
    assert "/cuenta/reset/" in correo.body
    # The link works and lets the person choose a new password.
    enlace = next(p for p in correo.body.split() if "/cuenta/reset/" in p)
    ruta = enlace[enlace.index("/cuenta/reset/") :]
    formulario = client.get(ruta, follow=True)
    assert formulario.status_code == 200
    nueva = "Otra-clave-segura-2026"
    client.post(
        formulario.redirect_chain[-1][0],
        {"new_password1": nueva, "new_password2": nueva},
    )
    persona.usuario.refresh_from_db()
    assert persona.usuario.check_password(nueva)


def test_el_enlace_para_restablecer_usa_la_direccion_publica(client, settings):
    EmpleadoFactory(usuario__email="lucia@ventanilla.example")
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost", "ventanilla.example.es"]
    client.post(
        reverse("password_reset"),
        {"email": "lucia@ventanilla.example"},
        HTTP_HOST="localhost:8123",
    )
    settings.SITE_URL = "https://ventanilla.example.es"
    client.post(
        reverse("password_reset"),
        {"email": "lucia@ventanilla.example"},
        HTTP_HOST="localhost:8123",
    )
    enlaces = [
        next(p for p in c.body.split() if "/cuenta/reset/" in p) for c in mail.outbox
    ]
    assert enlaces[0].startswith("http://localhost:8123/cuenta/reset/")
    assert enlaces[1].startswith("https://ventanilla.example.es/cuenta/reset/")


def test_restablecer_con_un_correo_desconocido_no_revela_nada(client):
    respuesta = client.post(
        reverse("password_reset"), {"email": "nadie@ventanilla.example"}
    )
    assert respuesta.status_code == 302
    assert mail.outbox == []


def test_pagina_403_en_espanol(client, empleado):
    client.force_login(empleado.usuario)
    respuesta = client.get(reverse("organizacion:oficinas"))
    assert respuesta.status_code == 403
    html = respuesta.content.decode()
    assert "Acceso no permitido" in html and '<html lang="es">' in html


def test_pagina_404_en_espanol(client):
    respuesta = client.get("/no-existe-esta-pagina/")
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert "Página no encontrada" in html and '<html lang="es">' in html


def test_pagina_500_en_espanol():
    from django.test import RequestFactory

    from config.errores import error_servidor

    respuesta = error_servidor(RequestFactory().get("/"))
    assert respuesta.status_code == 500
    assert 'lang="es"' in respuesta.content.decode()


# --- /health/ ------------------------------------------------------------------


def test_health_200_cuando_responden_la_bd_y_el_broker(client):
    respuesta = client.get("/health/")
    assert respuesta.status_code == 200
    assert respuesta.json() == {
        "status": "ok",
        "database": {"ok": True, "detail": "ok"},
        "broker": {"ok": True, "detail": "ok"},
        "storage": {"ok": True, "detail": "ok"},
    }


class _BdCaida:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_health_503_si_la_base_de_datos_no_responde(client, monkeypatch):
    monkeypatch.setattr("config.health.connection", _BdCaida())
    respuesta = client.get("/health/")
    assert respuesta.status_code == 503
    datos = respuesta.json()
    assert datos["status"] == "error"
    assert datos["database"] == {"ok": False, "detail": "OperationalError"}
    assert datos["broker"]["ok"] is True


def test_health_503_si_el_broker_no_responde(client, monkeypatch):
    # A real connection attempt to a port where nothing listens.
    monkeypatch.setattr(
        celery_app, "connection_for_write", lambda: Connection("redis://127.0.0.1:9/0")
    )
    respuesta = client.get("/health/")
    assert respuesta.status_code == 503
    datos = respuesta.json()
    assert datos["broker"]["ok"] is False
    assert datos["database"]["ok"] is True


def test_health_solo_admite_get(client):
    assert client.post("/health/").status_code == 405


def test_un_usuario_de_mas_de_150_caracteres_es_un_error_del_formulario(client):
    # django-axes stored the name tried as it came (255 columns: a 500 in PostgreSQL).
    respuesta = entrar(client, "u" * 300, "mala")
    assert respuesta.status_code == 200
    assert "introduzca un nombre de usuario y clave correctos" in (
        respuesta.content.decode()
    )
    assert all(
        len(u) <= 150 for u in AccessAttempt.objects.values_list("username", flat=True)
    )


def test_axes_guarda_el_usuario_recortado_en_el_acceso_del_admin(client):
    client.post("/admin/login/", {"username": "v" * 300, "password": "mala"})
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["v" * 150]
