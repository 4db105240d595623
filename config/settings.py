"""Ventanilla settings: one module, driven by environment variables.

The embedded defaults need no server (SQLite, Celery on kombu's filesystem
transport, e-mail to the console). `DJANGO_ENV=production` turns on the
hardening that `manage.py check --deploy` asks for and refuses a weak secret.
"""

import hashlib
import os
import secrets
import socket
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from comun.enlaces import validar_site_url
from comun.entropia import bits_de_entropia

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# development: `make dev`, the autoreloading debug server. pilot: `make run`, gunicorn
# with DEBUG off on the embedded defaults (an office trying it on one machine).
# production: real services, HTTPS and secrets of its own.
DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"
PILOT = DJANGO_ENV == "pilot"
DEVELOPMENT_SECRET_KEY = "django-insecure-ventanilla-solo-para-desarrollo"


def _secreto_local(nombre: str) -> str:
    """A random secret generated once in var/ (ignored by git) and kept there."""
    fichero = VAR_DIR / nombre
    if not fichero.exists():
        # Written whole, then linked into place: a worker starting alongside
        # either wins the link or reads the complete file of the one that did.
        temporal = VAR_DIR / f"{nombre}.{os.getpid()}"
        temporal.write_text(secrets.token_urlsafe(48))
        temporal.chmod(0o600)
        try:
            os.link(temporal, fichero)
        except FileExistsError:
            pass
        finally:
            temporal.unlink()
    return fichero.read_text().strip()


# The pilot answers other machines of the office: the repository's development key
# would let anyone forge its signed cookies and reset links, so it gets its own.
SECRET_KEY = env.str(
    "SECRET_KEY",
    default=_secreto_local("clave_secreta") if PILOT else DEVELOPMENT_SECRET_KEY,
)
# Entropy, not distinct characters: a short word repeated has many of them.
SECRET_KEY_BITS_MINIMOS = 128
if PRODUCTION and (
    SECRET_KEY == DEVELOPMENT_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or bits_de_entropia(SECRET_KEY) < SECRET_KEY_BITS_MINIMOS
):
    raise ImproperlyConfigured(
        "DJANGO_ENV=production necesita una SECRET_KEY propia de al menos 50 "
        f"caracteres aleatorios ({SECRET_KEY_BITS_MINIMOS} bits de entropía estimada; "
        "una palabra repetida no vale): "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'."
    )

DEBUG = env.bool("DEBUG", default=not (PRODUCTION or PILOT))
if PRODUCTION and DEBUG:
    # DEBUG shows settings, SQL and tracebacks to anyone who triggers an error.
    raise ImproperlyConfigured(
        "DJANGO_ENV=production no admite DEBUG=true: quite DEBUG del entorno o "
        "póngalo a false (para depurar, DJANGO_ENV=development en otra máquina)."
    )
_LOCALES = ["127.0.0.1", "localhost", "[::1]", "testserver"]
if PILOT:
    # The office reaches the pilot by the machine's name (HOST=0.0.0.0 make run).
    _LOCALES += [socket.gethostname(), f"{socket.gethostname()}.local"]
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else _LOCALES)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public base address of every generated link (comun.enlaces). Production requires
# it; development, when unset, follows the address the server is reached at (the
# request's host, or http://127.0.0.1:$PORT outside a request).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if PRODUCTION and not SITE_URL:
    raise ImproperlyConfigured(
        "DJANGO_ENV=production necesita SITE_URL, la dirección pública base de los "
        "enlaces (correos, SMS, QR, PDF, API): p. ej. SITE_URL=https://ventanilla.example.es, "
        "con su servidor también en ALLOWED_HOSTS."
    )
if SITE_URL and (_errores_site_url := validar_site_url(SITE_URL, ALLOWED_HOSTS)):
    raise ImproperlyConfigured(
        f"SITE_URL={SITE_URL!r} no vale: {'; '.join(_errores_site_url)}. "
        "Ponga la dirección pública base, p. ej. https://ventanilla.example.es."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_prometheus",
    # The API docs' Swagger UI from its static files, not from a CDN.
    "ninja",
    "config.apps.ArranqueConfig",
    "organizacion",
    # The personal-data access log (ENS): below the apps that write to it.
    "auditoria",
    "formacion",
    "evaluacion",
    "encuestas",
    "mejora",
    # The accessibility statement and its communications (reads encuestas' languages).
    "accesibilidad",
]
# Demo data (`manage.py seed_demo`): a development tool, so production neither
# installs the app nor ships the package (pyproject lists only the apps).
DEMO = env.bool("DEMO", default=not PRODUCTION)
if DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    # First and (almost) last: django-prometheus times everything in between.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "config.registro.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (config.cabeceras).
    "config.cabeceras.PoliticaSeguridadMiddleware",
    "config.cabeceras.PermisosMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Links built while serving a request use its address when SITE_URL is unset.
    "comun.enlaces.EnlacesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.sesiones.RenovarSesionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The language of one's profile over the browser's; English not for staff pages.
    "comun.idioma.IdiomaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Control characters in an address or a form: 400 before any view (comun.entradas).
    "comun.entradas.EntradasMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: it sees the result of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Widgets render through TEMPLATES, so templates/wagtailadmin/widgets/ can replace
# Wagtail's inline scripts (the CSP refuses them); django.forms has Django's own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "organizacion.context_processors.navegacion",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, for the test database: integration tests share it with
    # a real Celery worker process.
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("SQLITE_TEST_NAME", default=str(VAR_DIR / "test.sqlite3"))
    }
    # WAL lets the web process read while the worker writes. SQLite has one
    # write lock: every write transaction is short (batches and imports write in
    # chunks, a page view writes no session), so a writer waits at most the busy
    # timeout for it and then fails instead of hanging the request.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 10,
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # psycopg prepares the statements that ask for it (the survey submit); Django's
    # own queries bind client-side and are never prepared. Empty turns preparing off
    # (PgBouncer before 1.21 in transaction mode).
    _umbral = env.str("DB_PREPARE_THRESHOLD", default="5")
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        int(_umbral) if _umbral else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- operación: métricas, registros, Sentry ---
# prometheus_client's multiprocess mode: every web and worker process of this
# installation writes its counters under one folder and /metrics adds them up. It
# must be in the environment before prometheus_client is imported (apps load after
# settings). The default folder is per database, so two installations on one
# checkout (the suite on SQLite and on PostgreSQL, side by side) do not mix their
# counts. Empty it when the whole installation starts (README, Operación).
if not env.str("PROMETHEUS_MULTIPROC_DIR", default=""):
    _clave_bd = hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(
        VAR_DIR / "prometheus" / _clave_bd[:12]
    )
Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
# /metrics answers loopback only (not through a proxy); with a token, only to
# `Authorization: Bearer <METRICS_TOKEN>`.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# JSON lines (one object per record, with the request id) in production, or asked for.
LOG_FORMAT = env.str("LOG_FORMAT", default="json" if PRODUCTION else "texto")
if LOG_FORMAT not in ("json", "texto"):
    raise ImproperlyConfigured("LOG_FORMAT debe ser «json» o «texto».")
# Errors to Sentry only when a DSN is set; without one sentry_sdk is not even imported.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from config.sentry import iniciar_sentry

    iniciar_sentry(
        dsn=SENTRY_DSN,
        entorno=env.str("SENTRY_ENVIRONMENT", default=DJANGO_ENV),
        muestreo_trazas=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://ventanilla")}

# --- acceso del personal: contraseña local, LDAP, OIDC, segundo factor TOTP ---
# config/acceso.py reads ACCESO_* and TOTP_* (all off by default) and builds
# AUTHENTICATION_BACKENDS and the directory settings.
from config.acceso import configurar as _configurar_acceso  # noqa: E402

globals().update(_configurar_acceso(env))
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
_autenticacion = MIDDLEWARE.index(
    "django.contrib.auth.middleware.AuthenticationMiddleware"
)
MIDDLEWARE[_autenticacion + 1 : _autenticacion + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "organizacion.segundo_factor.SegundoFactorMiddleware",
]
# --- fin del acceso del personal ---
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inicio"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 8 idle hours (a working day) and with the browser. Rewriting
# the session on every request (SESSION_SAVE_EVERY_REQUEST) made every page view a
# write, queued behind SQLite's single write lock: RenovarSesionMiddleware renews
# the expiry at most every SESSION_RENOVAR_CADA seconds instead, so the idle limit
# is 8 h minus at most that. Sessions stay in the database (not signed cookies) so
# that signing out or removing a session ends it on every device at once.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_RENOVAR_CADA = 5 * 60

# django-axes: lock a username (from any address) after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username"]
# The name tried, cut to User's 150 characters and without control characters.
AXES_USERNAME_CALLABLE = "comun.entradas.usuario_para_axes"
# Offices share one public address behind NAT: locking by IP would lock out a whole
# office after one person's typos, so axes' "add ip_address" advice is silenced.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/bloqueado.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_CLIENT_IP_CALLABLE = "comun.red.ip_cliente"
# The proxies in front of gunicorn (nginx on this machine, a balancer): only from
# them is X-Forwarded-For believed (comun.red). Empty: the header is ignored.
# Production runs behind nginx on the same machine (deploy/nginx).
PROXIES_DE_CONFIANZA = env.list(
    "PROXIES_DE_CONFIANZA", default=["127.0.0.1", "::1"] if PRODUCTION else []
)

LANGUAGE_CODE = "es"
# Each language named in itself (a selector is read by someone looking for theirs).
LANGUAGES = [
    ("es", "Castellano"),
    ("ca", "Català"),
    ("eu", "Euskara"),
    ("gl", "Galego"),
    ("en", "English"),
]
# The staff interface: the co-official languages; English is for citizens only
# (their pages choose their own language, encuestas.textos). comun.idioma.
IDIOMAS_PERSONAL = ("es", "ca", "eu", "gl")
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers as each language writes them; English in its British form.
FORMAT_MODULE_PATH = ["config.formatos"]
TIME_ZONE = "Europe/Madrid"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# --- Private files (comun.ficheros) ---------------------------------------------
# Every file about a person or a report (evaluation, certificate, training-record and
# report PDFs, external-training evidence, staff imports), kept outside MEDIA_ROOT
# under random names so no web server serves them: each is downloaded through the
# view that checks who asks. Shared by web and workers (one disk or a network
# mount, like MEDIA_ROOT).
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "privado"))
)
# Behind nginx: the prefix of its `internal` location aliased to
# PRIVATE_MEDIA_ROOT (deploy/nginx). The view answers with X-Accel-Redirect and
# nginx sends the file. Empty: Django streams it.
PRIVATE_MEDIA_ACCEL_PREFIX = env.str("PRIVATE_MEDIA_ACCEL_PREFIX", default="")
# --- end of private files --------------------------------------------------------
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "privado": {"BACKEND": "comun.ficheros.AlmacenPrivado"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Without EMAIL_URL, e-mail stays on the machine: one readable .eml per message
# under var/correo/<day>/ with an index, and one log line per batch (the demo
# alone sends hundreds). Production refuses it (encuestas.checks).
if env.str("EMAIL_URL", default=""):
    EMAIL_CONFIG = env.email("EMAIL_URL")
    vars().update(EMAIL_CONFIG)
else:
    EMAIL_BACKEND = "comun.correo.CorreoEnArchivo"
    EMAIL_FILE_PATH = str(VAR_DIR / "correo")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Ventanilla <no-responder@ventanilla.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: the filesystem transport is a real broker that needs no server.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = Path(
        env.str("CELERY_FILESYSTEM_DIR", default=str(VAR_DIR / "celery"))
    )
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        # Exchange tables; kombu's default is ./control, relative to the working directory.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
# The soft limit lets a task clean up before the hard one kills it.
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - min(
    60, CELERY_TASK_TIME_LIMIT // 10
)
# Work survives a dead worker. A task is acknowledged after it runs (every task is
# idempotent: run twice, same effect), and one whose pool process dies (OOM killer,
# SIGKILL) goes back to the queue instead of being dropped as failed.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A lost broker connection cancels running acks-late tasks: they are redelivered.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# When a whole worker dies, Redis hands its unacknowledged messages to another
# worker after the visibility timeout. It must exceed the longest task (the hard
# time limit) or a slow task still running would be delivered twice; and it is
# how long a message waits after its worker died.
CELERY_VISIBILITY_TIMEOUT = env.int(
    "CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 5 * 60
)
if CELERY_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT debe superar CELERY_TASK_TIME_LIMIT: si no, "
        "Redis entregaría dos veces una tarea larga que aún se está ejecutando."
    )
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
# A generation (report, PDF, import) writes a heartbeat every few seconds; one
# whose last beat is older than the threshold is shown as interrupted, with
# "Regenerar". The threshold leaves room for a busy database to miss some beats.
GENERACION_LATIDO_SEGUNDOS = env.int("GENERACION_LATIDO_SEGUNDOS", default=10)
GENERACION_LATIDO_UMBRAL_SEGUNDOS = env.int(
    "GENERACION_LATIDO_UMBRAL_SEGUNDOS", default=6 * GENERACION_LATIDO_SEGUNDOS
)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_DEFAULT_QUEUE = "celery"
# PDFs render on their own queues so they never hold up short tasks: `pdf` for the
# ones a person is waiting for, `pdf_lote` (a low-priority worker of its own) for
# those of a batch (demo seeding, scheduled reports), marked by comun.colas.en_lote.
CELERY_TASK_ROUTES = [
    "comun.colas.enrutar_lote",
    {
        "*.tasks.generar_pdf_*": {"queue": "pdf"},
        "*.tasks.renderizar_*": {"queue": "pdf"},
    },
]
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # kombu looks for a dead worker's messages every 10 s but, throttled, scans
    # Redis only every tenth time: up to 100 s more than the visibility timeout.
    # One ZRANGE every 10 s costs nothing; the rehearsal (deploy/ensayo.py) measures it.
    CELERY_BROKER_TRANSPORT_OPTIONS["unacked_restore_throttle"] = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Each app adds its periodic jobs here, by task name.
CELERY_BEAT_SCHEDULE: dict = {}

WAGTAIL_SITE_NAME = "Ventanilla"
# No Gravatar: staff e-mail hashes are not sent to a third party, and the
# admin's CSP (img-src 'self' data:) stays closed to it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's own notification e-mails: it takes a fixed string, not a callable.
WAGTAILADMIN_BASE_URL = (
    SITE_URL or f"http://127.0.0.1:{env.str('PORT', default='8000')}"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "odt",
    "ods",
    "csv",
    "txt",
    "mp4",
    "webm",
    "vtt",
]
WAGTAIL_I18N_ENABLED = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.registro.RequestIdFilter"}},
    "formatters": {
        "texto": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
            },
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler (DEBUG only, plain text) would print every
        # request warning twice, once not in JSON: its records go to root instead.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# --- cabeceras de seguridad (config.cabeceras) ---
# Video players the course pages may embed (wagtail.embeds): framed, and allowed
# to go full screen. ORIGENES_VIDEO (comma-separated) replaces the list.
ORIGENES_VIDEO = env.list(
    "ORIGENES_VIDEO",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
)
_CSP_COMUN = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    # data: for the SVG and PNG the pages draw inline (QR codes, chart markers).
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": [SELF, *ORIGENES_VIDEO],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
    "report-uri": "/csp/informe/",
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_COMUN}
# Wagtail's and Django's admin: the same, except style attributes in their markup.
CSP_PREFIJOS_ADMINISTRACION = ("/cms/", "/admin/")
CSP_POLITICA_ADMINISTRACION = {**_CSP_COMUN, "style-src": [SELF, UNSAFE_INLINE]}
# Browser features: none that the platform does not use, for its pages and what
# they frame. Full screen and picture-in-picture only for the course videos.
_VIDEOS = [f'"{origen}"' for origen in ORIGENES_VIDEO]
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self", *_VIDEOS],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", *_VIDEOS],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# --- formacion ---
FORMACION_EMISOR = env.str(
    "FORMACION_EMISOR", default="Dirección General de Atención a la Ciudadanía"
)
# The co-official language of the administration (ca, eu or gl): certificates are
# then issued bilingual, Spanish and that language, one page each. Empty: in the
# holder's language only.
FORMACION_CERTIFICADO_COOFICIAL = env.str("FORMACION_CERTIFICADO_COOFICIAL", default="")
CELERY_BEAT_SCHEDULE.update(
    {
        "formacion-tareas-diarias": {
            "task": "formacion.tasks.tareas_diarias_formacion",
            "schedule": crontab(hour=5, minute=30),
        },
        "formacion-recordatorios": {
            "task": "formacion.tasks.enviar_recordatorios_formacion",
            "schedule": crontab(hour=7, minute=0),
        },
    }
)

# --- evaluacion ---
CELERY_BEAT_SCHEDULE["evaluacion-abrir-campanas"] = {
    "task": "evaluacion.tasks.abrir_campanas_vencidas",
    "schedule": 60 * 60,  # hourly: opening is idempotent, so a missed run costs nothing
}
CELERY_BEAT_SCHEDULE["evaluacion-recordatorios"] = {
    "task": "evaluacion.tasks.recordar_evaluadores_atrasados",
    "schedule": 6 * 60 * 60,  # at most one e-mail per evaluator and day anyway
}
# --- encuestas ---
ENCUESTAS_MIN_N_OFICINA = env.int("ENCUESTAS_MIN_N_OFICINA", default=30)
ENCUESTAS_MIN_N_EMPLEADO = env.int("ENCUESTAS_MIN_N_EMPLEADO", default=10)
ENCUESTAS_UMBRAL_ALERTA = env.int(
    "ENCUESTAS_UMBRAL_ALERTA", default=2
)  # SAT <= this is "low"
ENCUESTAS_PLAZO_ALERTA_HORAS = env.int("ENCUESTAS_PLAZO_ALERTA_HORAS", default=48)
ENCUESTAS_FATIGA_DIAS = env.int("ENCUESTAS_FATIGA_DIAS", default=30)
# Key of the contact hashes (fatigue rule, opt-out): a secret of its own, so that
# SECRET_KEY alone cannot brute-force them back into phone numbers. Development
# generates one once in var/ (ignored by git); production must set it.
ENCUESTAS_CLAVE_CONTACTO = env.str("ENCUESTAS_CLAVE_CONTACTO", default="")
if not ENCUESTAS_CLAVE_CONTACTO and not PRODUCTION:
    ENCUESTAS_CLAVE_CONTACTO = _secreto_local("clave_contacto")
ENCUESTAS_CLAVE_CONTACTO_BITS_MINIMOS = 64
if (
    len(ENCUESTAS_CLAVE_CONTACTO) < 32
    or ENCUESTAS_CLAVE_CONTACTO == SECRET_KEY
    or (
        PRODUCTION
        and bits_de_entropia(ENCUESTAS_CLAVE_CONTACTO)
        < ENCUESTAS_CLAVE_CONTACTO_BITS_MINIMOS
    )
):
    raise ImproperlyConfigured(
        "ENCUESTAS_CLAVE_CONTACTO debe ser un secreto propio de al menos 32 "
        "caracteres aleatorios, distinto de SECRET_KEY "
        f"({ENCUESTAS_CLAVE_CONTACTO_BITS_MINIMOS} bits de entropía estimada en "
        "producción; python -c 'import secrets; print(secrets.token_urlsafe(48))')."
    )
# Hashes of contacts not invited for this long (and not opted out) are deleted daily.
CELERY_BEAT_SCHEDULE["encuestas-purgar-contactos"] = {
    "task": "encuestas.tasks.purgar_contactos",
    "schedule": crontab(hour=3, minute=15),
}
ENCUESTAS_SMS_BACKEND = env.str(
    "ENCUESTAS_SMS_BACKEND", default="encuestas.envio.ArchivoSMS"
)
ENCUESTAS_SMS_DIR = env.str("ENCUESTAS_SMS_DIR", default=str(VAR_DIR / "sms"))
ENCUESTAS_SMS_URL = env.str("ENCUESTAS_SMS_URL", default="")
ENCUESTAS_SMS_TOKEN = env.str("ENCUESTAS_SMS_TOKEN", default="")
ENCUESTAS_QUEJAS_EMAIL = env.str(
    "ENCUESTAS_QUEJAS_EMAIL", default="quejas@ventanilla.local"
)
# (requests, seconds): per API key; per kiosk taps before a burst is flagged; per IP hash on /e/.
ENCUESTAS_API_LIMITE = (env.int("ENCUESTAS_API_LIMITE", default=120), 60)
ENCUESTAS_QUIOSCO_RAFAGA = (env.int("ENCUESTAS_QUIOSCO_RAFAGA", default=8), 30)
ENCUESTAS_IP_LIMITE = (env.int("ENCUESTAS_IP_LIMITE", default=60), 60)
# Counter QR codes per employee and hour; their lifetime (0: until the end of the day).
ENCUESTAS_QR_POR_HORA = env.int("ENCUESTAS_QR_POR_HORA", default=30)
ENCUESTAS_QR_CADUCIDAD_HORAS = env.int("ENCUESTAS_QR_CADUCIDAD_HORAS", default=0)
ENCUESTAS_API_MAX_BYTES = 2 * 1024 * 1024
# PostgreSQL: the submit commits without waiting for the disk flush (a crash in the
# next instant loses that response and the use of its token together).
ENCUESTAS_COMMIT_ASINCRONO = env.bool("ENCUESTAS_COMMIT_ASINCRONO", default=True)
# Submits queue their response; beat adds the queue to the results this often.
ENCUESTAS_CONSOLIDAR_SEGUNDOS = env.int("ENCUESTAS_CONSOLIDAR_SEGUNDOS", default=30)
CELERY_BEAT_SCHEDULE["encuestas-consolidar-resumenes"] = {
    "task": "encuestas.tasks.consolidar_resumenes",
    "schedule": ENCUESTAS_CONSOLIDAR_SEGUNDOS,
    # A run that waited longer than the interval is superseded by the next one.
    "options": {"expires": ENCUESTAS_CONSOLIDAR_SEGUNDOS},
}
# --- mejora ---
CELERY_BEAT_SCHEDULE.update(
    {
        "mejora-recalcular-indicadores": {
            "task": "mejora.tasks.recalcular_indicadores",
            "schedule": crontab(hour=2, minute=30),
        },
        "mejora-recordar-acciones-vencidas": {
            "task": "mejora.tasks.recordar_acciones_vencidas",
            "schedule": crontab(hour=8, minute=0),
        },
        "mejora-informe-mensual": {
            "task": "mejora.tasks.informe_programado",
            "schedule": crontab(day_of_month=2, hour=4, minute=0),
            "args": ["mensual"],
        },
        "mejora-informe-trimestral": {
            "task": "mejora.tasks.informe_programado",
            "schedule": crontab(
                day_of_month=3, month_of_year="1,4,7,10", hour=4, minute=30
            ),
            "args": ["trimestral"],
        },
    }
)
# Each period's recalculation is its own task with its own limits (seconds): the
# soft one records the run as interrupted, the hard one kills it (the heartbeat
# stops and the dashboard says so); the period keeps its previous values.
MEJORA_RECALCULO_LIMITE = env.int("MEJORA_RECALCULO_LIMITE", default=300)
MEJORA_RECALCULO_LIMITE_SUAVE = env.int(
    "MEJORA_RECALCULO_LIMITE_SUAVE", default=MEJORA_RECALCULO_LIMITE - 30
)
# Quality model of the scheduled reports (EFQM or CAF).
MEJORA_MODELO_INFORME = env.str("MEJORA_MODELO_INFORME", default="EFQM")
# Share of a model's subcriteria (EFQM parts) that must be scored before a
# self-assessment shows a total; below it only criteria and the count are shown.
MEJORA_COMPLETITUD_TOTAL = env.float("MEJORA_COMPLETITUD_TOTAL", default=1.0)

# --- protección de datos (RGPD/LOPDGDD) ---
# Shown to citizens in the privacy notice (/e/privacidad/ and the survey's contact
# step): who is responsible and how to reach the data-protection officer.
PROTECCION_DATOS_RESPONSABLE = env.str(
    "PROTECCION_DATOS_RESPONSABLE", default="Ayuntamiento de Ventanilla (demostración)"
)
PROTECCION_DATOS_CONTACTO_DPD = env.str(
    "PROTECCION_DATOS_CONTACTO_DPD", default="dpd@ventanilla.local"
)
# Retention (`manage.py aplicar_conservacion`, nightly by beat): a citizen's
# contact in a survey alert, in days from the alert (closing it deletes it
# earlier); former employees' personal data, in years from their leaving date;
# sign-in attempts (django-axes) and the local mail and SMS spools, in days.
PROTECCION_DATOS_CONSERVACION_DIAS = env.int(
    "PROTECCION_DATOS_CONSERVACION_DIAS", default=30
)
CONSERVACION_EXEMPLEADOS_ANOS = env.int("CONSERVACION_EXEMPLEADOS_ANOS", default=5)
CONSERVACION_ACCESOS_DIAS = env.int("CONSERVACION_ACCESOS_DIAS", default=90)
CONSERVACION_CORREO_DIAS = env.int("CONSERVACION_CORREO_DIAS", default=14)
CELERY_BEAT_SCHEDULE["organizacion-aplicar-conservacion"] = {
    "task": "organizacion.tasks.aplicar_conservacion",
    "schedule": crontab(hour=3, minute=15),
}
# --- fin de protección de datos ---

# --- accesibilidad (RD 1112/2018) ---
# The public statement at /accesibilidad/: the body it speaks for, the unit that
# answers the communications (and its mailbox), and the Unidad Responsable de
# Accesibilidad that hears complaints (art. 13).
ACCESIBILIDAD_ORGANISMO = env.str(
    "ACCESIBILIDAD_ORGANISMO", default=PROTECCION_DATOS_RESPONSABLE
)
ACCESIBILIDAD_UNIDAD = env.str(
    "ACCESIBILIDAD_UNIDAD", default="Unidad de Calidad y Atención a la Ciudadanía"
)
ACCESIBILIDAD_EMAIL = env.str(
    "ACCESIBILIDAD_EMAIL", default="accesibilidad@ventanilla.local"
)
ACCESIBILIDAD_UNIDAD_RESPONSABLE = env.str(
    "ACCESIBILIDAD_UNIDAD_RESPONSABLE",
    default="Unidad Responsable de Accesibilidad del Ayuntamiento",
)
ACCESIBILIDAD_UNIDAD_RESPONSABLE_CONTACTO = env.str(
    "ACCESIBILIDAD_UNIDAD_RESPONSABLE_CONTACTO", default="ura@ventanilla.local"
)
# Communications per IP and hour; days a closed one is kept.
ACCESIBILIDAD_LIMITE_IP = (env.int("ACCESIBILIDAD_LIMITE_IP", default=5), 3600)
ACCESIBILIDAD_CONSERVACION_DIAS = env.int(
    "ACCESIBILIDAD_CONSERVACION_DIAS", default=365
)
