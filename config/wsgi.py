import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from config import recolector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
recolector.ajustar()

if settings.PRODUCTION:
    # Refuse to start (a clear message) rather than answer 500 on every page.
    from config.checks import comprobar_arranque

    comprobar_arranque()
