from django.urls import path

from . import views

app_name = "organizacion"

urlpatterns = [
    path("oficinas/", views.oficinas, name="oficinas"),
    path("equipo/", views.equipo, name="equipo"),
    path("empleados/<int:pk>/", views.empleado, name="empleado"),
]
