"""Benchmark: the survey results pages on realistic volume, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vt_resultados \\
        .venv/bin/python bench/encuestas_resultados.py [--respuestas 1000000 10000000]

!!! IT FLUSHES THE DATABASE OF DATABASE_URL (migrate + flush + initial data):
!!! give it a throwaway database, never one whose data you want to keep.

The organisation (300 offices, 5,000 staff) and the responses (realistic: employee
and service, every day and channel of every office, all items, six quarters up
to today, so the pages' default last 90 days are full) come from bench/datos.py;
the rollups are built by the consolidation (set-based at full scale, the app's
own `resumenes.consolidar` at small scale). At each `--respuestas` step it
measures with Django's test Client, logged in as the organisation's users, p50
and p95 and the query count of: the office results page (a supervisor, her
office), the organisation results page (dirección) and `/inicio/` for every role
(empleado, supervisor, calidad, dirección); against a bare logged-in view
measured interleaved in the same run. Targets of issue 14: office p95 < 150 ms,
organisation p95 < 400 ms, `/inicio/` < 200 ms (p95).

BENCH_ESCALA=pequena (CI): 20 offices, 200 staff, 20,000 responses, few rounds;
its figures only show the bench runs.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import datos  # noqa: E402
import datos_encuestas  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402
from django.utils import timezone  # noqa: E402
from informe import cifra, pequena  # noqa: E402

from config.urls import urlpatterns as proyecto  # noqa: E402

OBJETIVO = {"oficina": 0.150, "organizacion": 0.400, "inicio": 0.200}
ROLES = ("empleado", "supervisor", "calidad", "direccion")


@login_required
def vacia(request):
    """The baseline: same middleware and session, no query of its own."""
    return HttpResponse("ok")


urlpatterns = [path("bench/vacia/", vacia), *proyecto]


def _clientes(org) -> dict[str, Client]:
    User = get_user_model()
    clientes = {}
    for rol in ROLES:
        cliente = Client()
        cliente.force_login(User.objects.get(username=org.usuarios[rol]))
        clientes[rol] = cliente
    return clientes


def _casos(org, clientes) -> dict[str, tuple[Client, str]]:
    casos = {
        "vacia": (clientes["direccion"], "/bench/vacia/"),
        "oficina": (clientes["supervisor"], f"/encuestas/?oficina={org.oficinas[0]}"),
        "organizacion": (clientes["direccion"], "/encuestas/"),
    }
    for rol in ROLES:
        casos[f"inicio.{rol}"] = (clientes[rol], "/inicio/")
    return casos


def _pedir(cliente: Client, url: str) -> float:
    inicio = time.perf_counter()
    respuesta = cliente.get(url, HTTP_HOST="127.0.0.1")
    segundos = time.perf_counter() - inicio
    if respuesta.status_code != 200:
        sys.exit(f"{url}: HTTP {respuesta.status_code}")
    return segundos


def medir(org, respuestas: int, rondas: int) -> None:
    from config import recolector

    recolector.ajustar()  # as the gunicorn worker it stands for (config/wsgi.py)
    casos = _casos(org, _clientes(org))
    consultas = {}
    for nombre, (cliente, url) in casos.items():
        _pedir(cliente, url)  # warm-up: connection, templates, plans
        with CaptureQueriesContext(connection) as capturadas:
            _pedir(cliente, url)
        consultas[nombre] = len(capturadas)
    tiempos: dict[str, list[float]] = {nombre: [] for nombre in casos}
    for _ in range(rondas):  # interleaved: every case once per round
        for nombre, (cliente, url) in casos.items():
            tiempos[nombre].append(_pedir(cliente, url))
    base = statistics.median(tiempos["vacia"])
    print(f"\n{respuestas:,} respuestas; carga {os.getloadavg()[0]:.2f}", flush=True)
    for nombre, valores in tiempos.items():
        p50 = statistics.median(valores)
        p95 = statistics.quantiles(valores, n=20, method="inclusive")[18]
        objetivo = OBJETIVO.get(nombre.split(".")[0])
        clave = f"encuestas.resultados.{nombre}"
        extra = {"respuestas": respuestas}
        cifra(f"{clave}.p50", p50 * 1000, "ms", n=len(valores), **extra)
        cifra(
            f"{clave}.p95",
            p95 * 1000,
            "ms",
            maximo=None if objetivo is None else objetivo * 1000,
            n=len(valores),
            **extra,
        )
        cifra(f"{clave}.consultas", consultas[nombre], "", **extra)
        if nombre != "vacia":
            cifra(
                f"{clave}.relacion",
                p50 / base,
                "",
                nota="p50 ÷ p50 de la vista mínima",
                **extra,
            )


def _al_menos_dos(texto: str) -> int:
    rondas = int(texto)
    if rondas < 2:
        raise argparse.ArgumentTypeError("al menos 2 (el p95 necesita dos medidas)")
    return rondas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--respuestas",
        nargs="+",
        type=int,
        default=[20_000] if pequena() else [1_000_000],
        help="pasos de volumen (acumulados): 1000000 10000000",
    )
    parser.add_argument(
        "--rondas",
        type=_al_menos_dos,
        default=10 if pequena() else 60,
        help="medidas por página (al menos 2: el p95 necesita dos)",
    )
    parser.add_argument(
        "--solo-medir",
        action="store_true",
        help="medir sobre los datos de una ejecución anterior (no borra nada)",
    )
    parser.add_argument(
        "--reutilizar",
        action="store_true",
        help="no borrar: seguir la organización y las respuestas que ya hay",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Este bench necesita PostgreSQL: DATABASE_URL=postgres://…")
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    from encuestas.models import Respuesta

    if args.solo_medir:
        medir(datos.organizacion_creada(), Respuesta.objects.count(), args.rondas)
        return
    if args.reutilizar:
        org, ya = datos.organizacion_creada(), Respuesta.objects.count()
    else:
        oficinas, personas = (20, 200) if pequena() else (300, 5000)
        print(
            f"BORRANDO la base {connection.settings_dict['NAME']}; "
            f"{oficinas} oficinas y {personas} personas…",
            flush=True,
        )
        datos.preparar_base()
        org = datos.crear_organizacion(oficinas=oficinas, personas=personas)
        ya = 0
    hasta = timezone.localdate()
    periodo = {
        "desde": hasta - timedelta(days=datos_encuestas.DIAS - 1),
        "hasta": hasta,
    }
    for total in sorted(args.respuestas):
        inicio = time.perf_counter()
        datos_encuestas.anadir_respuestas(
            org, total, ya=ya, comprobar_claves=pequena(), **periodo
        )
        datos_encuestas.construir_resumenes(en_bloque=not pequena())
        ya = total
        cifra(
            "encuestas.resultados.generacion",
            time.perf_counter() - inicio,
            "s",
            respuestas=total,
            nota="respuestas y resúmenes",
        )
        medir(org, total, args.rondas)


if __name__ == "__main__":
    main()
