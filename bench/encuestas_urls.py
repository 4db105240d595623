from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as proyecto


@csrf_exempt
def insertar(request):
    """The baseline: same server, same middleware, one INSERT and a tiny answer."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_insercion (valor, creado) VALUES (%s, now())", [request.POST.get("v", "")])
    return HttpResponse("ok")


urlpatterns = [path("bench/insertar/", insertar), *proyecto]
