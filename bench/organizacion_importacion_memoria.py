"""Benchmark: peak memory (RSS) of importing a staff file, by file size.

    .venv/bin/python bench/organizacion_importacion_memoria.py [MB ...]
    .venv/bin/python bench/organizacion_importacion_memoria.py --escribir 50

Each size runs in a fresh subprocess on a copy of a throwaway SQLite database
(tables created once). The file is written to disk row by row, then the
process's peak RSS is reset (/proc/self/clear_refs) and the import runs:
simulated (read and check every row) or, with --escribir, writing everything.
It prints the peak RSS during the import (VmHWM: what the worker needs), its
growth over the RSS before, and the time. Memory flat in the file size means
the peak barely moves from the small file to the large one; the issue's target
is a 50 MB file under 300 MB. Sizes by default: 1 and 3 MB at
BENCH_ESCALA=pequena, 4 and 50 MB at completa. `--json` prints one JSON line per
size and nothing else (the test in tests/organizacion/services/test_importacion.py
reads it).
"""

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from informe import cifra, pequena
from plantilla import escribir_plantilla

RAIZ = Path(__file__).resolve().parent.parent
BYTES_POR_FILA = 118  # what a row of `escribir_fichero` takes
LIMITE_MB = 300


def _entorno(bd: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{bd}"
    os.environ["CELERY_FILESYSTEM_DIR"] = str(bd.parent / "celery")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(RAIZ))
    import django

    django.setup()


def _kib(campo: str) -> int:
    estado = Path("/proc/self/status").read_text()
    return int(re.search(rf"{campo}:\s+(\d+)", estado).group(1))


def escribir_fichero(ruta: Path, n: int, oficinas: int) -> None:
    """A CSV as Spanish Excel writes it, row by row (never whole in memory)."""
    with ruta.open("w", encoding="utf-8-sig", newline="") as salida:
        escribir_plantilla(salida, n, oficinas, digitos=7)


def preparar(bd: Path, escribir: bool) -> None:
    """The tables and a puesto. A simulated import needs no data migration: its
    tables come straight from the models (faster than every migration); a real
    one needs the channels and the groups the migrations create."""
    _entorno(bd)
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command

    from organizacion.models import Puesto

    if not escribir:
        settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
    Puesto.objects.create(codigo="informador", nombre="Informador/a")


def hijo(megas: float, bd: Path, escribir: bool) -> dict:
    _entorno(bd)
    from organizacion.models import Oficina
    from organizacion.services import importar_plantilla

    n = max(100, int(megas * 1024 * 1024 / BYTES_POR_FILA))
    oficinas = max(1, n // 40)
    Oficina.objects.bulk_create(
        (
            Oficina(
                codigo_dir3=f"O{10000000 + i:08d}",
                nombre=f"Oficina {i}",
                provincia="28",
                municipio="Madrid",
            )
            for i in range(oficinas)
        ),
        batch_size=500,
    )
    ruta = bd.parent / "plantilla.csv"
    escribir_fichero(ruta, n, oficinas)
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts here
    antes = _kib("VmRSS")
    inicio = time.perf_counter()
    with ruta.open("rb") as f:
        informe = importar_plantilla(
            fichero=f, nombre="plantilla.csv", por=None, simular=not escribir
        )
    segundos = time.perf_counter() - inicio
    assert informe.ok, informe.lineas()[:3]
    assert informe.recuentos["empleados"].filas == n
    return {
        "megas": round(ruta.stat().st_size / 1024 / 1024, 1),
        "filas": n,
        "rss_antes_mb": round(antes / 1024),
        "pico_mb": round(_kib("VmHWM") / 1024),
        "segundos": round(segundos, 1),
        "escrito": escribir,
    }


def medir(tamanos: list[float], escribir: bool = False) -> list[dict]:
    """One subprocess per size, each on its own copy of a prepared database."""
    carpeta = Path(tempfile.mkdtemp(prefix="bench-importacion-memoria-"))
    try:
        plantilla = carpeta / "plantilla.sqlite3"
        subprocess.run(
            [sys.executable, __file__, "--preparar", str(plantilla)]
            + (["--escribir"] if escribir else []),
            cwd=RAIZ,
            check=True,
        )
        resultados = []
        for i, megas in enumerate(tamanos):
            bd = carpeta / str(i) / "bench.sqlite3"
            bd.parent.mkdir()
            shutil.copy(plantilla, bd)
            orden = [sys.executable, __file__, "--hijo", str(megas), str(bd)]
            salida = subprocess.run(
                orden + (["--escribir"] if escribir else []),
                cwd=RAIZ,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
            resultados.append(json.loads(salida.strip().splitlines()[-1]))
            shutil.rmtree(bd.parent)
        return resultados
    finally:
        shutil.rmtree(carpeta, ignore_errors=True)


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("megas", nargs="*", type=float)
    args.add_argument("--escribir", action="store_true")
    args.add_argument("--json", action="store_true")
    args.add_argument("--preparar", type=Path)
    args.add_argument("--hijo", nargs=2)
    opciones = args.parse_args()
    if opciones.preparar:
        preparar(opciones.preparar, opciones.escribir)
        return
    if opciones.hijo:
        megas, bd = opciones.hijo
        print(json.dumps(hijo(float(megas), Path(bd), opciones.escribir)), flush=True)
        return
    megas = opciones.megas or ([1, 3] if pequena() else [4, 50])
    resultados = medir(megas, opciones.escribir)
    for pedido, r in zip(megas, resultados, strict=True):
        if opciones.json:
            print(json.dumps(r), flush=True)
            continue
        modo = "escrita" if r["escrito"] else "simulada"
        print(
            f"{r['megas']:6.1f} MB  {r['filas']:8d} filas  {modo}  "
            f"RSS antes {r['rss_antes_mb']:5d} MB",
            flush=True,
        )
        tamano = f"{pedido:g}".replace(".", "_")  # a dot separates the key's parts
        clave = f"organizacion.importacion.memoria.{modo}.{tamano}mb"
        cifra(f"{clave}.pico", r["pico_mb"], "MB", maximo=LIMITE_MB, n=r["filas"])
        cifra(f"{clave}.segundos", r["segundos"], "s", n=r["filas"])
    if len(resultados) > 1 and not opciones.json:
        menor, mayor = resultados[0], resultados[-1]
        cifra(
            "organizacion.importacion.memoria.crecimiento",
            (mayor["pico_mb"] - menor["pico_mb"]) / (mayor["megas"] - menor["megas"]),
            "MB/MB",
            nota=f"pico de {mayor['megas']:g} MB menos el de {menor['megas']:g} MB, "
            "por MB de fichero",
        )


if __name__ == "__main__":
    main()
