"""URLs of bench/encuestas_api.py: the project's, plus the bare baseline."""

import json

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as proyecto


@csrf_exempt
def insertar_lote(request):
    """The baseline: same server and middleware, the same JSON body parsed, its
    events written as one multi-row INSERT, and a small JSON answer."""
    eventos = json.loads(request.body)["atenciones"]
    filas = ", ".join(["(%s, %s, now())"] * len(eventos))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO bench_atencion (oficina, referencia, creado) VALUES {filas}",
            [p for e in eventos for p in (e["oficina"], e.get("referencia", ""))],
        )
    return JsonResponse({"guardados": len(eventos)}, status=201)


urlpatterns = [path("bench/lote/", insertar_lote), *proyecto]
