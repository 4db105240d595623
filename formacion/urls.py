"""Training URLs: employee and supervisor screens under /formacion/, the public
verification page under /verificar/ (no login)."""

from django.urls import path

from .views import certificados, cursos, equipo, mi_formacion

app_name = "formacion"

urlpatterns = [
    path("formacion/", mi_formacion.mi_formacion, name="mi_formacion"),
    path(
        "formacion/expediente/generar/",
        mi_formacion.generar_expediente,
        name="generar_expediente",
    ),
    path(
        "formacion/expedientes/<int:pk>/descargar/",
        mi_formacion.descargar_expediente,
        name="descargar_expediente",
    ),
    path(
        "formacion/expedientes/<int:pk>/estado/",
        mi_formacion.estado_expediente,
        name="estado_expediente",
    ),
    path("formacion/catalogo/", cursos.catalogo, name="catalogo"),
    path(
        "formacion/cursos/<int:curso_id>/matricularme/",
        cursos.matricularme,
        name="matricularme",
    ),
    path(
        "formacion/cursos/<int:curso_id>/cuestionario/",
        cursos.iniciar_cuestionario,
        name="iniciar_cuestionario",
    ),
    path(
        "formacion/lecciones/<int:leccion_id>/completar/",
        cursos.completar_leccion,
        name="completar_leccion",
    ),
    path("formacion/intentos/<int:intento_id>/", cursos.intento, name="intento"),
    path(
        "formacion/intentos/<int:intento_id>/resultado/",
        cursos.resultado,
        name="resultado",
    ),
    path(
        "formacion/certificados/<int:pk>/descargar/",
        mi_formacion.descargar_certificado,
        name="descargar_certificado",
    ),
    path(
        "formacion/certificados/<int:pk>/estado/",
        mi_formacion.estado_certificado,
        name="estado_certificado",
    ),
    path(
        "formacion/certificados/<int:pk>/revocar/", certificados.revocar, name="revocar"
    ),
    path("formacion/equipo/", equipo.equipo, name="equipo"),
    path(
        "formacion/equipo/exportar.<str:formato>",
        equipo.equipo_exportar,
        name="equipo_exportar",
    ),
    path("formacion/asignar/", equipo.asignar, name="asignar"),
    path("formacion/externa/", equipo.formacion_externa, name="formacion_externa"),
    path(
        "formacion/externa/<int:pk>/evidencia/",
        equipo.evidencia_externa,
        name="evidencia_externa",
    ),
    path("formacion/estadisticas/", equipo.estadisticas, name="estadisticas"),
    path("verificar/", certificados.verificar_formulario, name="verificar_formulario"),
    path("verificar/<str:codigo>/", certificados.verificar, name="verificar"),
    path(
        "verificar/<str:codigo>/pdf/", certificados.verificar_pdf, name="verificar_pdf"
    ),
]
