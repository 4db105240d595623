"""Benchmark: peak memory (RSS) of importing a staff file, by file size.

    .venv/bin/python bench/organizacion_importacion_memoria.py [MB ...]   # default 1 4

Each size runs in a fresh subprocess (a throwaway SQLite database, the import
simulated: read, check every row, write and roll back) and reports the process's
peak RSS from resource.getrusage. Memory flat in the file size means the peak
barely moves from the small file to the large one; the issue's target is a 50 MB
file under 300 MB.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def hijo(megas: float) -> None:
    carpeta = tempfile.mkdtemp(prefix="bench-importacion-memoria-")
    os.environ["DATABASE_URL"] = f"sqlite:///{carpeta}/bench.sqlite3"
    os.environ["CELERY_FILESYSTEM_DIR"] = f"{carpeta}/celery"
    os.environ["EMAIL_URL"] = "dummymail://"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(RAIZ))
    import django

    django.setup()
    from django.core.management import call_command

    from bench.organizacion_importacion import fichero
    from organizacion.models import Oficina, Puesto
    from organizacion.services import importar_plantilla

    call_command("migrate", verbosity=0)
    n = max(100, int(megas * 1024 * 1024 / 130))  # about 130 bytes a row
    oficinas = max(1, n // 40)
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
    ruta = Path(carpeta) / "plantilla.csv"
    ruta.write_bytes(fichero(n, oficinas))
    antes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    inicio = time.perf_counter()
    with ruta.open("rb") as f:
        informe = importar_plantilla(
            fichero=f, nombre="plantilla.csv", por=None, simular=True
        )
    assert informe.ok, informe.lineas()[:3]
    pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tamano = ruta.stat().st_size / 1024 / 1024
    print(
        f"{tamano:6.1f} MB  {n:7d} filas  RSS antes {antes / 1024:6.0f} MB  "
        f"pico {pico / 1024:6.0f} MB  {time.perf_counter() - inicio:6.1f} s",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--hijo":
        hijo(float(sys.argv[2]))
        return
    for megas in sys.argv[1:] or ["1", "4"]:
        subprocess.run(
            [sys.executable, __file__, "--hijo", megas], cwd=RAIZ, check=True
        )


if __name__ == "__main__":
    main()
