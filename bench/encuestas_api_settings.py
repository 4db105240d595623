"""Settings for bench/encuestas_api.py: the project's, the baseline's URL, and
the per-key limit of the API high enough for a bench (still counted in Redis)."""

from config.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.encuestas_api_urls"
DEBUG = False
ENCUESTAS_API_LIMITE = (1_000_000, 60)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}
