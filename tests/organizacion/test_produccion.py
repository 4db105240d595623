"""`DJANGO_ENV=production`: a real secret passes `check --deploy` with no warnings;
a missing or default secret is refused. Each case runs `manage.py` in a clean
environment, as an operator would."""

import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from config.settings import DEVELOPMENT_SECRET_KEY


def manage(tmp_path, *args, **entorno):
    limpio = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_ENV": "production",
        "ALLOWED_HOSTS": "ventanilla.example.es",
        "SITE_URL": "https://ventanilla.example.es",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'produccion.sqlite3'}",
        "CELERY_FILESYSTEM_DIR": str(tmp_path / "celery"),
        **entorno,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=limpio,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _estaticos_recogidos(tmp_path):
    """A STATIC_ROOT with the manifest `collectstatic` writes (empty: no test
    here renders a page)."""
    raiz = tmp_path / "staticfiles"
    raiz.mkdir(exist_ok=True)
    (raiz / "staticfiles.json").write_text(
        '{"paths": {}, "version": "1.1", "hash": ""}'
    )
    return raiz


def _secretos():
    return {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ENCUESTAS_CLAVE_CONTACTO": secrets.token_urlsafe(48),
    }


def test_produccion_sin_collectstatic_falla_check_deploy_con_un_mensaje_claro(
    tmp_path,
):
    resultado = manage(
        tmp_path,
        "check",
        "--deploy",
        STATIC_ROOT=str(tmp_path / "vacio"),
        **_secretos(),
    )
    assert resultado.returncode != 0
    assert "ventanilla.E001" in resultado.stderr
    assert "collectstatic" in resultado.stderr


def _arrancar_wsgi(tmp_path, **entorno):
    return subprocess.run(
        [sys.executable, "-c", "import config.wsgi"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "DJANGO_ENV": "production",
            "ALLOWED_HOSTS": "ventanilla.example.es",
            "SITE_URL": "https://ventanilla.example.es",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'produccion.sqlite3'}",
            "CELERY_FILESYSTEM_DIR": str(tmp_path / "celery"),
            **_secretos(),
            **entorno,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_el_servidor_de_produccion_no_arranca_sin_collectstatic(tmp_path):
    sin = _arrancar_wsgi(tmp_path, STATIC_ROOT=str(tmp_path / "vacio"))
    assert sin.returncode != 0
    assert "Falta el manifiesto de estáticos" in sin.stderr
    assert "collectstatic" in sin.stderr

    con = _arrancar_wsgi(tmp_path, STATIC_ROOT=str(_estaticos_recogidos(tmp_path)))
    assert con.returncode == 0, con.stderr


def test_produccion_con_secreto_propio_pasa_check_deploy_sin_avisos(tmp_path):
    resultado = manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        # Delivery back-ends that really deliver (encuestas.E001/E002) and the key
        # of the contact hashes.
        ENCUESTAS_CLAVE_CONTACTO=secrets.token_urlsafe(48),
        ENCUESTAS_SMS_BACKEND="encuestas.envio.PasarelaHTTPSMS",
        EMAIL_URL="smtp+tls://ventanilla:secreto@smtp.example.es:587",
        STATIC_ROOT=str(_estaticos_recogidos(tmp_path)),
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "System check identified no issues" in resultado.stdout
    assert "WARNINGS" not in resultado.stdout + resultado.stderr


@pytest.mark.parametrize(
    "secreto",
    [
        None,
        "",
        DEVELOPMENT_SECRET_KEY,
        "corta",
        "django-insecure-" + "x" * 60,
        "a" * 60,
        "ventanilla" * 6,
        "Ab3$xY9!" * 8,
    ],
    ids=[
        "sin-secreto",
        "vacio",
        "el-de-desarrollo",
        "corto",
        "inseguro",
        "repetitivo",
        "palabra-repetida",
        "ocho-distintos-repetidos",
    ],
)
def test_produccion_rechaza_un_secreto_ausente_o_por_defecto(tmp_path, secreto):
    entorno = {} if secreto is None else {"SECRET_KEY": secreto}
    resultado = manage(tmp_path, "check", **entorno)
    assert resultado.returncode != 0
    assert "DJANGO_ENV=production necesita una SECRET_KEY propia" in resultado.stderr


def test_produccion_rechaza_debug(tmp_path):
    resultado = manage(tmp_path, "check", **_completo(DEBUG="true"))
    assert resultado.returncode != 0
    assert "DJANGO_ENV=production no admite DEBUG=true" in resultado.stderr
    sin_debug = manage(tmp_path, "check", **_completo(DEBUG="false"))
    assert "DEBUG" not in sin_debug.stderr


def test_produccion_rechaza_una_clave_de_contacto_de_poca_entropia(tmp_path):
    resultado = manage(
        tmp_path, "check", **_completo(ENCUESTAS_CLAVE_CONTACTO="contacto" * 5)
    )
    assert resultado.returncode != 0
    assert "ENCUESTAS_CLAVE_CONTACTO debe ser un secreto propio" in resultado.stderr


def test_produccion_no_instala_la_demo(tmp_path):
    resultado = manage(
        tmp_path,
        "seed_demo",
        SECRET_KEY=secrets.token_urlsafe(64),
        ENCUESTAS_CLAVE_CONTACTO=secrets.token_urlsafe(48),
    )
    assert resultado.returncode != 0
    assert "Unknown command: 'seed_demo'" in resultado.stderr


def _completo(**entorno):
    return {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ENCUESTAS_CLAVE_CONTACTO": secrets.token_urlsafe(48),
        **entorno,
    }


def test_produccion_sin_site_url_no_arranca_y_dice_que_falta(tmp_path):
    resultado = manage(tmp_path, "check", **_completo(SITE_URL=""))
    assert resultado.returncode != 0
    assert "DJANGO_ENV=production necesita SITE_URL" in resultado.stderr


@pytest.mark.parametrize(
    "url, motivo",
    [
        ("ventanilla.example.es", "https://"),
        ("ftp://ventanilla.example.es", "https://"),
        ("https://ventanilla.example.es/ventanilla", "no debe llevar ruta"),
        ("https://ventanilla.example.es/?a=1", "no debe llevar parámetros"),
        ("https://otra.example.es", "no está en ALLOWED_HOSTS"),
    ],
)
def test_produccion_rechaza_una_site_url_mal_formada(tmp_path, url, motivo):
    resultado = manage(tmp_path, "check", **_completo(SITE_URL=url))
    assert resultado.returncode != 0
    assert f"SITE_URL={url!r} no vale" in resultado.stderr
    assert motivo in resultado.stderr


def test_produccion_admite_http_explicito_con_su_servidor_en_allowed_hosts(tmp_path):
    resultado = manage(
        tmp_path,
        "shell",
        "-c",
        "from comun.enlaces import enlace_absoluto; print(enlace_absoluto('/x/'))",
        **_completo(
            SITE_URL="http://ventanilla.intranet:8080/",
            ALLOWED_HOSTS="ventanilla.intranet",
            PORT="9999",
        ),
    )
    assert resultado.returncode == 0, resultado.stderr
    assert (
        resultado.stdout.strip().splitlines()[-1]
        == "http://ventanilla.intranet:8080/x/"
    )
