from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as proyecto

FORMULARIO = (
    '<!doctype html><form method="post" action="/bench/insertar/">'
    '<input type="hidden" name="v" value="hola"><button>Enviar</button></form>'
)


@csrf_exempt
def insertar(request):
    """The baseline: same server, same middleware; a GET answers a tiny form, a
    POST does one INSERT and a tiny answer."""
    if request.method != "POST":
        return HttpResponse(FORMULARIO)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_insercion (valor, creado) VALUES (%s, now())",
            [request.POST.get("v", "")],
        )
    return HttpResponse("ok")


urlpatterns = [path("bench/insertar/", insertar), *proyecto]
