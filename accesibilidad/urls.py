from django.urls import path

from . import views

app_name = "accesibilidad"

urlpatterns = [
    path("", views.declaracion, name="declaracion"),
    path("recibida/", views.recibida, name="recibida"),
    path("comunicaciones/", views.comunicaciones, name="comunicaciones"),
    path("comunicaciones/<int:pk>/", views.comunicacion, name="comunicacion"),
]
