"""Ventanilla's URLs with the OIDC routes, as config/urls.py mounts them when
ACCESO_OIDC_EMISOR is set (settings read once, before the tests change them)."""

from django.urls import include, path

from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [
    path("cuenta/oidc/", include("mozilla_django_oidc.urls")),
    *urlpatterns,
]
