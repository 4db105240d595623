"""Benchmark: a quarter's continuous-improvement report over 100,000 → 1,000,000
survey responses, 5,000 employees and 300 offices, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vt_mejora \
        .venv/bin/python bench/mejora_informe.py [--pasos 100000 300000 1000000] [--pequeno]

`--pequeno` (what CI runs, with `--pasos 1000`): 20 offices and 200 employees, to
check the bench still runs end to end; its figures mean nothing.

The organisation and the survey volume come from bench/datos.py (realistic
responses over six quarters, added step by step with set-based SQL and summed
into the rollups as the consolidation does); then, per step, it measures: the nightly indicator recomputation for the quarter, the
report's data gathering, the PDF rendering, the peak memory of a separate process
doing exactly what the worker does (generar_informe), and the dashboard.

Targets: gathering < 5 s, PDF < 20 s, worker peak < 500 MB, dashboard < 500 ms.
The database must be a throwaway one: the script FLUSHES it.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")

import django  # noqa: E402

django.setup()

import datos  # noqa: E402
import datos_encuestas  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from informe import cifra, pequena  # noqa: E402

PERIODO = "2026-Q3"
DESDE, HASTA = date(2026, 7, 1), date(2026, 9, 30)
OFICINAS, EMPLEADOS = 300, 5000


def _celdas() -> int:
    from encuestas.models import ResumenDiario

    return ResumenDiario.objects.count()


def medir(direccion, total):
    from mejora import informe as documento
    from mejora import services
    from mejora.models import Informe, ModeloCalidad

    t0 = time.perf_counter()
    services.recalcular_indicadores(periodos=[PERIODO])
    recalculo = time.perf_counter() - t0

    Informe.objects.all().delete()
    inf = Informe.objects.create(
        tipo="trimestral",
        periodo=PERIODO,
        modelo=ModeloCalidad.objects.get(codigo="EFQM"),
        version=1,
    )
    t0 = time.perf_counter()
    datos = documento.reunir_datos(inf, hoy=date(2026, 10, 3))
    reunir = time.perf_counter() - t0
    t0 = time.perf_counter()
    pdf = documento.pdf(datos)
    t_pdf = time.perf_counter() - t0

    # Peak memory of a separate process doing what the worker does for this report.
    antes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, __file__, "--solo-generar", str(inf.pk)], check=True, cwd=RAIZ
    )
    pico_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, antes) / 1024

    from config import recolector

    recolector.ajustar()  # as the gunicorn worker it stands for (config/wsgi.py)
    cliente = Client()
    cliente.force_login(direccion)
    tiempos = []
    for _ in range(6):
        t0 = time.perf_counter()
        r = cliente.get(f"/mejora/?periodo={PERIODO}", HTTP_HOST="127.0.0.1")
        tiempos.append(time.perf_counter() - t0)
        assert r.status_code == 200, r.status_code
    tablero = statistics.median(tiempos[1:])
    return {
        "respuestas": total,
        "recalculo_s": recalculo,
        "reunir_s": reunir,
        "pdf_s": t_pdf,
        "pdf_kb": len(pdf) / 1024,
        "pico_worker_mb": pico_mb,
        "tablero_ms": tablero * 1000,
    }


def informar(fila: dict) -> None:
    """The step's figures, each with the target of this report."""
    n = fila["respuestas"]
    clave = f"mejora.informe.{n}"
    cifra(f"{clave}.recalculo", fila["recalculo_s"], "s", n=n, nota="el trimestre")
    cifra(f"{clave}.reunir", fila["reunir_s"], "s", maximo=5, n=n)
    cifra(f"{clave}.pdf", fila["pdf_s"], "s", maximo=20, n=n)
    cifra(f"{clave}.pico_worker", fila["pico_worker_mb"], "MB", maximo=500, n=n)
    cifra(f"{clave}.tablero", fila["tablero_ms"], "ms", maximo=500, n=n)


def solo_generar(informe_id: int) -> None:
    from mejora import services
    from mejora.models import Informe

    inf = Informe.objects.get(pk=informe_id)
    Informe.objects.filter(pk=inf.pk).update(estado="pendiente", sha256="")
    services.generar_informe(
        informe_id=inf.pk, version=inf.version, hoy=date(2026, 10, 3)
    )
    assert Informe.objects.get(pk=inf.pk).estado == "listo"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--pasos", nargs="+", type=int, default=[100_000, 300_000, 1_000_000]
    )
    parser.add_argument("--solo-generar", type=int)
    parser.add_argument(
        "--pequeno", action="store_true", help="20 oficinas y 200 personas (CI)"
    )
    parser.add_argument(
        "--solo-medir", action="store_true", help="Medir sobre los datos ya generados."
    )
    args = parser.parse_args()
    if pequena():  # `make bench` (CI): the same run on a small organisation
        args.pequeno, args.pasos = True, [1000]
    if args.solo_generar:
        solo_generar(args.solo_generar)
        return
    if connection.vendor != "postgresql":
        sys.exit(
            "Este benchmark necesita PostgreSQL: DATABASE_URL=postgres://…/vt_mejora"
        )
    settings.ALLOWED_HOSTS = ["*"]
    if args.pequeno:
        global OFICINAS, EMPLEADOS
        OFICINAS, EMPLEADOS = 20, 200
    if args.solo_medir:
        from encuestas.models import Respuesta

        direccion = get_user_model().objects.get(username="bench-direccion")
        fila = medir(direccion, Respuesta.objects.count())
        fila["celdas"] = _celdas()
        print(fila, flush=True)
        return
    print(f"Preparando {OFICINAS} oficinas y {EMPLEADOS} personas…", flush=True)
    datos.preparar_base()
    org = datos.crear_organizacion(oficinas=OFICINAS, personas=EMPLEADOS)
    direccion = get_user_model().objects.get(username=org.usuarios["direccion"])
    filas, ya = [], 0
    for total in sorted(args.pasos):
        t0 = time.perf_counter()
        datos_encuestas.anadir_respuestas(
            org, total, ya=ya, comprobar_claves=args.pequeno
        )
        datos_encuestas.construir_resumenes(en_bloque=True)
        celdas = _celdas()
        ya = total
        print(
            f"{total:>9,} respuestas generadas ({celdas:,} celdas del rollup) en {time.perf_counter() - t0:.0f} s",
            flush=True,
        )
        fila = medir(direccion, total)
        fila["celdas"] = celdas
        filas.append(fila)
        print(fila, flush=True)
        informar(fila)
    print(
        "\n| respuestas | celdas rollup encuestas | recálculo nocturno (trimestre) | reunir datos | PDF | pico worker | tablero |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for f in filas:
        print(
            f"| {f['respuestas']:,} | {f['celdas']:,} | {f['recalculo_s']:.1f} s | {f['reunir_s']:.2f} s | "
            f"{f['pdf_s']:.1f} s | {f['pico_worker_mb']:.0f} MB | {f['tablero_ms']:.0f} ms |"
        )


if __name__ == "__main__":
    main()
