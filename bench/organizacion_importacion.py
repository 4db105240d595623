"""Benchmark: import a staff file of N people (CSV as Excel writes it) into a
throwaway SQLite database, then re-import it unchanged. Prints times and queries.

    .venv/bin/python bench/organizacion_importacion.py [N]

N: 300 at BENCH_ESCALA=pequena, 5,000 (the organisation of the issue 14
benches) at completa. The database is bench/desechable.py's (the runner's
migrated copy, or a file of its own in a temporary folder).
"""

import atexit
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from desechable import sqlite_desechable
from informe import cifra, pequena

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
carpeta = tempfile.mkdtemp(prefix="bench-importacion-")
atexit.register(shutil.rmtree, carpeta, ignore_errors=True)
BD = sqlite_desechable(Path(carpeta) / "bench.sqlite3")
os.environ["DATABASE_URL"] = f"sqlite:///{BD}"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ["CELERY_FILESYSTEM_DIR"] = f"{carpeta}/celery"
os.environ["EMAIL_URL"] = "dummymail://"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["LOG_LEVEL"] = "WARNING"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from plantilla import escribir_plantilla  # noqa: E402

from organizacion.models import Empleado, Oficina, Puesto  # noqa: E402
from organizacion.services import importar_plantilla  # noqa: E402


def fichero(n: int, oficinas: int) -> bytes:
    salida = io.StringIO()
    escribir_plantilla(salida, n, oficinas)
    return salida.getvalue().encode("utf-8-sig")


def medir(contenido: bytes, **kw):
    consultas = []

    def contar(execute, sql, params, many, context):
        consultas.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(contar):
        inicio = time.perf_counter()
        informe = importar_plantilla(
            fichero=contenido, nombre="bench.csv", tipo="auto", por=None, **kw
        )
        segundos = time.perf_counter() - inicio
    assert informe.ok, informe.lineas()[:5]
    return segundos, len(consultas), informe.recuentos["empleados"]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300 if pequena() else 5000
    oficinas = max(1, n // 40)
    call_command("migrate", verbosity=0)
    Puesto.objects.create(codigo="informador", nombre="Informador/a")
    Oficina.objects.bulk_create(
        Oficina(
            codigo_dir3=f"O{10000000 + i:08d}",
            nombre=f"Oficina {i}",
            provincia="28",
            municipio="Madrid",
        )
        for i in range(oficinas)
    )
    contenido = fichero(n, oficinas)
    print(
        f"Importación de {n} personas en {oficinas} oficinas ({len(contenido) // 1024} KiB, SQLite)"
    )
    for clave, titulo, kw in [
        ("simulada", "simulada", {"simular": True}),
        ("primera", "primera", {}),
        ("reimportacion", "reimportación sin cambios", {}),
    ]:
        segundos, consultas, r = medir(contenido, **kw)
        print(
            f"  {titulo}: {r.creados} nuevos, {r.actualizados} actualizados, "
            f"{r.sin_cambios} sin cambios"
        )
        cifra(f"organizacion.importacion.{clave}", segundos, "s", n=n)
        cifra(f"organizacion.importacion.{clave}.consultas", consultas, n=n)
    assert Empleado.objects.count() == n


if __name__ == "__main__":
    main()
