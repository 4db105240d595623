"""Benchmark: time to render one certificate PDF (goal: under 1 s each).

    .venv/bin/python bench/formacion_certificados.py [n]

Runs on a throwaway SQLite database (var/bench_formacion.sqlite3) so it never
touches your data; MEDIA goes to a temporary folder. The database is recreated on
every run, so running it twice measures the same thing (and does not collide with
the staff the previous run left).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
BD = RAIZ / "var" / "bench_formacion.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{BD}"
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-formacion-")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"


def main(n: int = 20) -> None:
    BD.parent.mkdir(exist_ok=True)
    for resto in ("", "-wal", "-shm", "-journal"):
        Path(f"{BD}{resto}").unlink(missing_ok=True)
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
    print(f"Certificados PDF: n={n}")
    print(f"  primero (incluye cargar fuentes): {tiempos[0]:.3f} s")
    print(
        f"  mediana: {statistics.median(tiempos):.3f} s · "
        f"p95: {sorted(tiempos)[int(0.95 * (n - 1))]:.3f} s · "
        f"máximo: {max(tiempos):.3f} s"
    )
    print(
        "  objetivo < 1 s (sin el primero): "
        + ("CUMPLE" if max(tiempos[1:] or tiempos) < 1 else "NO CUMPLE")
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
