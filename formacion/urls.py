"""Training URLs: employee and supervisor screens under /formacion/, the public
verification page under /verificar/ (no login)."""

from django.urls import path

from . import views

app_name = "formacion"

urlpatterns = [
    path("formacion/", views.mi_formacion, name="mi_formacion"),
    path(
        "formacion/expediente/generar/",
        views.generar_expediente,
        name="generar_expediente",
    ),
    path(
        "formacion/expedientes/<int:pk>/descargar/",
        views.descargar_expediente,
        name="descargar_expediente",
    ),
    path(
        "formacion/expedientes/<int:pk>/estado/",
        views.estado_expediente,
        name="estado_expediente",
    ),
    path("formacion/catalogo/", views.catalogo, name="catalogo"),
    path(
        "formacion/cursos/<int:curso_id>/matricularme/",
        views.matricularme,
        name="matricularme",
    ),
    path(
        "formacion/cursos/<int:curso_id>/cuestionario/",
        views.iniciar_cuestionario,
        name="iniciar_cuestionario",
    ),
    path(
        "formacion/lecciones/<int:leccion_id>/completar/",
        views.completar_leccion,
        name="completar_leccion",
    ),
    path("formacion/intentos/<int:intento_id>/", views.intento, name="intento"),
    path(
        "formacion/intentos/<int:intento_id>/resultado/",
        views.resultado,
        name="resultado",
    ),
    path(
        "formacion/certificados/<int:pk>/descargar/",
        views.descargar_certificado,
        name="descargar_certificado",
    ),
    path(
        "formacion/certificados/<int:pk>/estado/",
        views.estado_certificado,
        name="estado_certificado",
    ),
    path("formacion/certificados/<int:pk>/revocar/", views.revocar, name="revocar"),
    path("formacion/equipo/", views.equipo, name="equipo"),
    path(
        "formacion/equipo/exportar.<str:formato>",
        views.equipo_exportar,
        name="equipo_exportar",
    ),
    path("formacion/asignar/", views.asignar, name="asignar"),
    path("formacion/externa/", views.formacion_externa, name="formacion_externa"),
    path("formacion/estadisticas/", views.estadisticas, name="estadisticas"),
    path("verificar/", views.verificar_formulario, name="verificar_formulario"),
    path("verificar/<str:codigo>/", views.verificar, name="verificar"),
    path("verificar/<str:codigo>/pdf/", views.verificar_pdf, name="verificar_pdf"),
]
