from django.urls import path

from . import views_publicas

app_name = "quiosco"
urlpatterns = [
    path("<int:pk>/", views_publicas.quiosco, name="inicio"),
    path("<int:pk>/motivo/", views_publicas.quiosco_motivo, name="motivo"),
    path("<int:pk>/registrar/", views_publicas.quiosco_registrar, name="registrar"),
]
