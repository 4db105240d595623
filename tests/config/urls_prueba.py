"""The project's URLs plus views that fail on purpose, for the 403 and 500 pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def falla(request):
    raise RuntimeError("fallo de prueba")


def prohibe(request):
    raise PermissionDenied


urlpatterns = [
    path("e/prueba/falla/", falla),
    path("e/prueba/prohibe/", prohibe),
    path("organizacion/prueba/falla/", falla),
    path("organizacion/prueba/prohibe/", prohibe),
    *urlpatterns,
]
