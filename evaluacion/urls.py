from django.urls import path

from . import views

app_name = "evaluacion"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("evaluaciones/<int:pk>/", views.evaluacion, name="evaluacion"),
    path("evaluaciones/<int:pk>/puntuar/", views.puntuar, name="puntuar"),
    path(
        "evaluaciones/<int:pk>/autoevaluacion/", views.autoevaluar, name="autoevaluar"
    ),
    path("evaluaciones/<int:pk>/recibir/", views.reconocer, name="reconocer"),
    path("evaluaciones/<int:pk>/alegar/", views.alegar, name="alegar"),
    path("evaluaciones/<int:pk>/revisar/", views.revisar, name="revisar"),
    path("evaluaciones/<int:pk>/cerrar/", views.cerrar, name="cerrar"),
    path("evaluaciones/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("evaluaciones/<int:pk>/plan/", views.plan, name="plan"),
    path("campanas/", views.campanas, name="campanas"),
    path("campanas/<int:pk>/", views.campana, name="campana"),
    path("campanas/<int:pk>/mapa/", views.mapa, name="mapa"),
    path("campanas/<int:pk>/calibracion/", views.calibracion, name="calibracion"),
    path("campanas/<int:pk>/abrir/", views.abrir_campana, name="abrir_campana"),
    path("campanas/<int:pk>/cerrar/", views.cerrar_campana, name="cerrar_campana"),
    path("marcos/", views.marcos, name="marcos"),
    path("marcos/<int:pk>/nueva-version/", views.nueva_version, name="nueva_version"),
]
