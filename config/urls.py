from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from comun.enlaces import base_publica
from config import health, metricas
from config.api import api, ruta_desconocida
from organizacion import views as organizacion_views

handler403 = "config.errores.prohibido"
handler404 = "config.errores.no_encontrado"
handler500 = "config.errores.error_servidor"

urlpatterns = [
    # First: the citizens' survey is the busiest address, resolved before all others.
    path("e/", include("encuestas.urls_publicas")),
    path("", RedirectView.as_view(pattern_name="inicio", permanent=False)),
    path("inicio/", organizacion_views.inicio, name="inicio"),
    path("health/", health.health, name="health"),
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("metrics", metricas.metricas, name="metricas"),
    path(
        "cuenta/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path(
        "cuenta/password_reset/",
        # The e-mail's link from comun.enlaces, read when the e-mail is written.
        auth_views.PasswordResetView.as_view(
            extra_email_context={"base_publica": lazy(base_publica, str)()}
        ),
        name="password_reset",
    ),
    path("cuenta/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organizacion/", include("organizacion.urls")),
    path("", include("formacion.urls")),
    path("evaluacion/", include("evaluacion.urls")),
    path("quiosco/", include("encuestas.urls_quiosco")),
    path("encuestas/", include("encuestas.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<resto>.*)$", ruta_desconocida),
    path("mejora/", include("mejora.urls")),
    path("auditoria/", include("auditoria.urls")),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "PILOT", False):
    # The pilot has no web server in front: Django serves the course images
    # (Wagtail's folders) and nothing else of media/, whose PDFs are private and
    # go through their own views.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:original_images|images)/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page tree (courses, cartas de servicios) is served last, at /contenidos/.
urlpatterns += [path("contenidos/", include(wagtail_urls))]
