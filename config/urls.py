from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from comun.acceso_admin import urls_historial
from comun.enlaces import base_publica
from config import cabeceras, health, metricas
from config.api import api, ruta_desconocida
from config.cierre_sesion import cerrar_sesion_cms
from organizacion import views as organizacion_views
from organizacion.forms import AccesoForm

handler400 = "config.errores.peticion_no_valida"
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
    path("csp/informe/", cabeceras.informe_csp, name="informe_csp"),
    path(
        "cuenta/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=AccesoForm
        ),
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
    path(
        "cuenta/segundo-factor/",
        organizacion_views.segundo_factor_verificar,
        name="segundo_factor_verificar",
    ),
    path(
        "cuenta/segundo-factor/alta/",
        organizacion_views.segundo_factor_alta,
        name="segundo_factor_alta",
    ),
    path("cuenta/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organizacion/", include("organizacion.urls")),
    path("", include("formacion.urls")),
    path("evaluacion/", include("evaluacion.urls")),
    path("quiosco/", include("encuestas.urls_quiosco")),
    path("encuestas/", include("encuestas.urls")),
    path("api/v1/", api.urls),
    # Any other address under /api/ (another version, a typo): the API's JSON 404.
    re_path(r"^api/(?P<resto>.*)$", ruta_desconocida),
    path("mejora/", include("mejora.urls")),
    path("auditoria/", include("auditoria.urls")),
    path("accesibilidad/", include("accesibilidad.urls")),
    path("admin/", admin.site.urls),
    # Before Wagtail's own: its site history filtered by the apps' rules.
    path("cms/reports/site-history/", include(urls_historial)),
    # Before Wagtail's own: its logout drops the session cookie even on a GET.
    path("cms/logout/", cerrar_sesion_cms),
    path("cms/", include(wagtailadmin_urls)),
    path("documentos/", include(wagtaildocs_urls)),
]

if settings.ACCESO_OIDC:
    # «Entrar con la cuenta corporativa» (the login page shows it when this resolves).
    urlpatterns += [path("cuenta/oidc/", include("mozilla_django_oidc.urls"))]

if settings.DEBUG or getattr(settings, "PILOT", False):
    # Without a web server in front (`make run`, the pilot) Django serves the
    # course images (Wagtail's folders) and nothing else of media/: Wagtail
    # documents go through /documentos/ (collection privacy), and private files
    # are not under MEDIA_ROOT at all (comun.ficheros).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:original_images|images)/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page tree (courses, cartas de servicios) is served last, at /contenidos/.
urlpatterns += [path("contenidos/", include(wagtail_urls))]
