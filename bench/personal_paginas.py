"""Benchmark: the staff pages at 5,000 people and 300 offices (issue 14, point 6),
and opening a campaign for all of them.

    .venv/bin/python bench/personal_paginas.py                  # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vt_personal \
        .venv/bin/python bench/personal_paginas.py              # PostgreSQL
    BENCH_ESCALA=pequena .venv/bin/python bench/personal_paginas.py   # 20 / 300

The data is bench/datos.py's organisation (`crear_organizacion`) with its
training and evaluation volume (`crear_formacion`, `crear_campana_cerrada`,
`crear_campana_abierta`, `repartir_estados`): mandatory courses with enrolments
in every state (expired and overdue included) and external training, a closed
campaign and an open one with evaluations in every state, self-assessments and
appeals. Opening the open campaign (one evaluation and its scores per person)
is timed on the way (target < 30 s, and a second opening adds nobody).

Then every staff page that grows with the staff is requested with Django's test
Client as the role that sees the most (calidad and dirección: the whole
organisation; the supervisor: her team), interleaved with a bare logged-in
view: p50, p95 (target ≤ 1 s), queries, and page ÷ bare view.

Without a postgres DATABASE_URL it uses its own SQLite file
(var/bench_personal_paginas.sqlite3). WARNING: the database it is given is
FLUSHED (preparar_base); give it a throwaway one.
"""

import os
import statistics
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    (RAIZ / "var").mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = (
        f"sqlite:///{RAIZ / 'var' / 'bench_personal_paginas.sqlite3'}"
    )

import django  # noqa: E402

django.setup()

from django.contrib.auth.decorators import login_required  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from informe import carga, cifra, pequena  # noqa: E402

from config.urls import urlpatterns as _proyecto  # noqa: E402


@login_required
def vacia(request):
    """The baseline: same middleware, session and login, no work."""
    return HttpResponse("ok")


# This module is the URLconf while measuring: the project plus the bare view.
urlpatterns = [path("bench/vacia/", vacia), *_proyecto]

OFICINAS, PERSONAS, CURSOS, VECES = (
    (20, 300, 8, 5) if pequena() else (300, 5000, 10, 10)
)


def _preparar():
    import logging

    from datos import como_tras_autovacuum, crear_organizacion, preparar_base
    from datos_personal import (
        crear_campana_abierta,
        crear_campana_cerrada,
        crear_formacion,
        repartir_estados,
    )
    from django.db import connection

    from evaluacion import services
    from evaluacion.models import Campana, Puntuacion

    logging.disable(logging.INFO)  # Wagtail logs every course page it creates
    t = time.perf_counter()
    preparar_base()
    print(f"Base de datos: {connection.vendor} · carga {carga()} (uptime)", flush=True)
    print(f"Migración y vaciado: {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    org = crear_organizacion(oficinas=OFICINAS, personas=PERSONAS)
    cursos, matriculas = crear_formacion(org, cursos=CURSOS)
    cerrada = crear_campana_cerrada(org)
    abierta = Campana.objects.get(pk=crear_campana_abierta())
    print(
        f"Datos: {PERSONAS} personas en {OFICINAS} oficinas, {len(cursos)} cursos, "
        f"{matriculas} matrículas, una campaña cerrada "
        f"({time.perf_counter() - t:.1f} s)",
        flush=True,
    )
    t = time.perf_counter()
    primera = services.abrir_campana(campana=abierta)
    apertura = time.perf_counter() - t
    t = time.perf_counter()
    segunda = services.abrir_campana(campana=abierta)
    repeticion = time.perf_counter() - t
    puntuaciones = Puntuacion.objects.filter(evaluacion__campana=abierta).count()
    cifra(
        "personal.apertura.segundos",
        apertura,
        "s",
        maximo=30,
        nota=f"{primera['creadas']} evaluaciones y {puntuaciones} puntuaciones, "
        f"{len(primera['sin_evaluador'])} sin evaluador",
    )
    cifra("personal.apertura.repetida", repeticion, "s", nota="segunda apertura")
    assert segunda["creadas"] == 0, segunda
    evaluaciones = repartir_estados(abierta.pk)
    print(f"Campaña abierta con {evaluaciones} evaluaciones en cada estado", flush=True)
    como_tras_autovacuum()
    return org, cerrada, abierta.pk


def _paginas(org, cerrada: int, abierta: int) -> list[tuple[str, str, str]]:
    """(key, role, url) of every staff page that grows with the staff."""
    oficina = org.oficinas[0]
    return [
        ("formacion.equipo.supervisora", "supervisor", "/formacion/equipo/"),
        ("formacion.xlsx.supervisora", "supervisor", "/formacion/equipo/exportar.xlsx"),
        ("formacion.equipo.calidad", "calidad", "/formacion/equipo/"),
        ("formacion.equipo.calidad_oficina", "calidad", f"/formacion/equipo/?oficina={oficina}"),
        ("formacion.csv.calidad", "calidad", "/formacion/equipo/exportar.csv"),
        ("formacion.xlsx.calidad", "calidad", "/formacion/equipo/exportar.xlsx"),
        ("formacion.estadisticas.calidad", "calidad", "/formacion/estadisticas/"),
        ("formacion.asignar.calidad", "calidad", "/formacion/asignar/"),
        ("formacion.externa.calidad", "calidad", "/formacion/externa/"),
        ("evaluacion.campanas.direccion", "direccion", "/evaluacion/campanas/"),
        ("evaluacion.campana.direccion", "direccion", f"/evaluacion/campanas/{abierta}/"),
        ("evaluacion.mapa.direccion", "direccion", f"/evaluacion/campanas/{abierta}/mapa/"),
        ("evaluacion.mapa_oficina.direccion", "direccion", f"/evaluacion/campanas/{abierta}/mapa/?oficina={oficina}"),
        ("evaluacion.calibracion.direccion", "direccion", f"/evaluacion/campanas/{abierta}/calibracion/"),
        ("evaluacion.calibracion_cerrada.calidad", "calidad", f"/evaluacion/campanas/{cerrada}/calibracion/"),
        ("evaluacion.inicio.supervisora", "supervisor", "/evaluacion/"),
        ("evaluacion.campana.supervisora", "supervisor", f"/evaluacion/campanas/{abierta}/"),
        ("evaluacion.mapa.supervisora", "supervisor", f"/evaluacion/campanas/{abierta}/mapa/"),
        ("organizacion.oficinas.direccion", "direccion", "/organizacion/oficinas/"),
        ("organizacion.equipo.supervisora", "supervisor", "/organizacion/equipo/"),
    ]  # fmt: skip


def _pedir(cliente, url: str) -> float:
    t = time.perf_counter()
    respuesta = cliente.get(url)
    if respuesta.streaming:
        b"".join(respuesta.streaming_content)
    else:
        respuesta.content  # noqa: B018
    segundos = time.perf_counter() - t
    assert respuesta.status_code == 200, (url, respuesta.status_code)
    return segundos


def _percentil(valores: list[float], p: float) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p * (len(ordenados) - 1)))]


def _medir(org, cerrada: int, abierta: int) -> bool:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from config import recolector

    recolector.ajustar()  # as the gunicorn worker it stands for (config/wsgi.py)
    User = get_user_model()
    clientes = {}
    for rol, nombre in org.usuarios.items():
        clientes[rol] = Client()
        clientes[rol].force_login(User.objects.get(username=nombre))
    todo_cumple = True
    for clave, rol, url in _paginas(org, cerrada, abierta):
        cliente = clientes[rol]
        consultas = []  # warm-up, its queries counted

        def contar(execute, sql, params, many, context, consultas=consultas):
            consultas.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(contar):
            _pedir(cliente, url)
        base, pagina = [], []
        for _vez in range(VECES):  # interleaved: the same load on both
            base.append(_pedir(cliente, "/bench/vacia/"))
            pagina.append(_pedir(cliente, url))
        p50, p95 = statistics.median(pagina), _percentil(pagina, 0.95)
        cifra(f"personal.{clave}.p50", p50, "s", n=VECES)
        cumple = cifra(f"personal.{clave}.p95", p95, "s", maximo=1.0, n=VECES)
        todo_cumple = todo_cumple and bool(cumple)
        cifra(f"personal.{clave}.consultas", len(consultas), "consultas")
        cifra(
            f"personal.{clave}.relacion",
            p50 / statistics.median(base),
            "",
            nota=f"página ÷ vista mínima ({statistics.median(base) * 1000:.1f} ms)",
        )
    return todo_cumple


def main() -> None:
    from django.test.utils import override_settings

    org, cerrada, abierta = _preparar()
    with override_settings(
        ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], DEBUG=False
    ):
        todo = _medir(org, cerrada, abierta)
    print(
        f"Carga al terminar: {carga()} · todas las páginas p95 ≤ 1 s: "
        + ("sí" if todo else "NO"),
        flush=True,
    )


if __name__ == "__main__":
    main()
