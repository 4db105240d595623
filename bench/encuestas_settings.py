"""Settings for bench/encuestas_envio.py: the project's settings plus a bare INSERT view."""

from config.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.encuestas_urls"
DEBUG = False
ENCUESTAS_IP_LIMITE = (0, 60)  # one load generator = one IP; the per-IP limit is not what we measure
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
