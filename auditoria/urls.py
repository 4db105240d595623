from django.urls import path

from . import views

app_name = "auditoria"

urlpatterns = [
    path("", views.registro, name="registro"),
    path("exportar.csv", views.exportar_csv, name="exportar_csv"),
]
