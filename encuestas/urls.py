from django.urls import path

from . import views

app_name = "encuestas"
urlpatterns = [
    path("", views.resultados, name="resultados"),
    path("comentarios/", views.comentarios, name="comentarios"),
    path("mi-valoracion/", views.mi_valoracion, name="mi_valoracion"),
    path("alertas/", views.alertas, name="alertas"),
    path("alertas/<int:pk>/", views.alerta, name="alerta"),
    path("respuestas/<int:pk>/queja/", views.remitir_queja, name="queja"),
    path("invitar/", views.invitar, name="invitar"),
    path("qr/<str:token>.<str:formato>", views.qr, name="qr"),
    path("exportar.csv", views.exportar_csv, name="exportar_csv"),
    path("exportar.xlsx", views.exportar_xlsx, name="exportar_xlsx"),
]
