from django.urls import path

from . import views

app_name = "mejora"

urlpatterns = [
    path("", views.tablero, name="tablero"),
    path("indicadores/<slug:codigo>/", views.indicador, name="indicador"),
    path("valores/", views.valores_manuales, name="valores"),
    path("recalcular/", views.recalcular, name="recalcular"),
    path("hallazgos/", views.hallazgos, name="hallazgos"),
    path("plan/", views.plan, name="plan"),
    path("acciones/nueva/", views.accion, name="accion_nueva"),
    path("acciones/<int:pk>/", views.accion, name="accion"),
    path("cartas/", views.cartas, name="cartas"),
    path("cartas/<int:pk>/", views.carta, name="carta"),
    path("autoevaluaciones/", views.autoevaluaciones, name="autoevaluaciones"),
    path("autoevaluaciones/<int:pk>/", views.autoevaluacion, name="autoevaluacion"),
    path("informes/", views.informes, name="informes"),
    path("informes/<int:pk>/", views.informe, name="informe"),
    path("informes/<int:pk>/estado/", views.informe_estado, name="informe_estado"),
    path("informes/<int:pk>/pdf/", views.informe_pdf, name="informe_pdf"),
    path("informes/<int:pk>/aprobar/", views.informe_aprobar, name="informe_aprobar"),
    path(
        "informes/<int:pk>/regenerar/",
        views.informe_regenerar,
        name="informe_regenerar",
    ),
]
