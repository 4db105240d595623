from django.urls import path

from . import views

app_name = "organizacion"

urlpatterns = [
    path("oficinas/", views.oficinas, name="oficinas"),
    path("equipo/", views.equipo, name="equipo"),
    path("empleados/<int:pk>/", views.empleado, name="empleado"),
    path(
        "empleados/<int:pk>/datos-personales.zip",
        views.exportar_datos,
        name="exportar_datos",
    ),
    path("mis-datos/", views.mis_datos, name="mis_datos"),
    path("idioma/", views.cambiar_idioma, name="idioma"),
    path("datos-personales/", views.datos_personales, name="datos_personales"),
    path(
        "registro-de-tratamientos/",
        views.registro_tratamientos,
        name="registro_tratamientos",
    ),
    path(
        "registro-de-tratamientos/csv/",
        views.registro_tratamientos_csv,
        name="registro_tratamientos_csv",
    ),
]
