from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("entrar/", auth_views.LoginView.as_view(template_name="entrar.html")),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
