"""Settings for bench/encuestas_envio.py: the project's settings (the per-IP limit
on, the cache in Redis from CACHE_URL as in production) plus a bare INSERT view."""

from config.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.encuestas_urls"
DEBUG = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}
