"""Settings of the test OIDC provider: its own SQLite file, an RSA key made at
start-up, one confidential client for Ventanilla (created by `servir`)."""

import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

SECRET_KEY = "proveedor-oidc-de-pruebas-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.integration.proveedor_oidc.urls"
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(os.path.dirname(__file__), "plantillas")],
        "OPTIONS": {"context_processors": ["django.template.context_processors.csrf"]},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("PROVEEDOR_OIDC_BD", ":memory:"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
LOGIN_URL = "/entrar/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

_clave = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _clave.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode(),
    "OIDC_ISS_ENDPOINT": os.environ.get("PROVEEDOR_OIDC_EMISOR", ""),
    "OAUTH2_VALIDATOR_CLASS": "tests.integration.proveedor_oidc.validador.Validador",
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Perfil",
        "email": "Correo",
    },
}
