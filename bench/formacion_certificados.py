"""Benchmark: time to render one certificate PDF (goal: under 1 s each).

    .venv/bin/python bench/formacion_certificados.py [n]

n certificates (BENCH_ESCALA=pequena: 5; completa: 20), each rendered once; the
first one also loads the fonts, so the target is judged on the others. Runs on a
throwaway SQLite database (bench/desechable.py: the runner's migrated copy, or
var/bench_formacion.sqlite3 recreated on every run, so running it twice measures
the same thing); MEDIA goes to a temporary folder.
"""

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desechable import sqlite_desechable
from informe import cifra, pequena

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
BD = sqlite_desechable(RAIZ / "var" / "bench_formacion.sqlite3")
os.environ["DATABASE_URL"] = f"sqlite:///{BD}"
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-formacion-")
atexit.register(shutil.rmtree, os.environ["MEDIA_ROOT"], ignore_errors=True)
os.environ["PRIVATE_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-formacion-privado-")
atexit.register(shutil.rmtree, os.environ["PRIVATE_MEDIA_ROOT"], ignore_errors=True)
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
LIMITE_S = 1.0


def main(n: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import transaction

    from formacion import services
    from formacion.models import Certificado
    from tests.factories import EmpleadoFactory, curso_con_lecciones

    with transaction.atomic():
        curso, lecciones, _p = curso_con_lecciones(
            n_lecciones=1,
            tipo_certificado="asistencia",
            title="Curso de banco de pruebas",
            slug=f"bench-{time.time_ns()}",
        )
        certificados = []
        for _i in range(n):
            empleado = EmpleadoFactory()
            matricula = services.matricular(
                empleado=empleado, curso=curso, origen="propia"
            )
            services.completar_leccion(matricula=matricula, leccion=lecciones[0])
            certificados.append(Certificado.objects.get(matricula=matricula))
    tiempos = []
    for certificado in certificados:
        inicio = time.perf_counter()
        services.generar_pdf(certificado=certificado, forzar=True)
        tiempos.append(time.perf_counter() - inicio)
    resto = tiempos[1:] or tiempos
    print(f"Certificados PDF: n={n}")
    cifra(
        "formacion.certificado.primero",
        tiempos[0],
        "s",
        nota="el primero, con la carga de fuentes",
    )
    cifra("formacion.certificado.p50", statistics.median(resto), "s", n=len(resto))
    cifra(
        "formacion.certificado.max",
        max(resto),
        "s",
        maximo=LIMITE_S,
        n=len(resto),
        nota="el más lento sin el primero",
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5 if pequena() else 20)
