"""Settings for tests/test_catalogos.py's extraction: the project's, with the
catalogues written to a temporary folder instead of locale/."""

import os

from config.settings import *  # noqa: F403

LOCALE_PATHS = [os.environ["CATALOGOS_DESTINO"]]
