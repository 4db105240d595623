from django.urls import path, register_converter

from . import views_publicas


class TokenConverter:
    regex = "[0-9A-Za-z]{1,40}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")

app_name = "e"
urlpatterns = [
    path(
        "sede/<str:codigo_dir3>/<slug:resultado>/",
        views_publicas.desde_sede,
        name="sede",
    ),
    # Before the survey's token: "privacidad" would match it.
    path("privacidad/", views_publicas.privacidad, name="privacidad"),
    path("b/<token:token>/", views_publicas.baja, name="baja"),
    path("<token:token>/", views_publicas.responder, name="responder"),
]
