"""Benchmark: the supervisor's "Formación del equipo" page (and its XLSX export)
for a team of 2,000 people × the mandatory courses, with queries counted.

    .venv/bin/python bench/formacion_equipo.py [personas] [cursos]

Runs on a throwaway SQLite database (var/bench_formacion_equipo.sqlite3).
"""

import os
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DATABASE_URL"] = (
    f"sqlite:///{RAIZ / 'var' / 'bench_formacion_equipo.sqlite3'}"
)


def main(personas: int = 2000, n_cursos: int = 20) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from formacion.models import CursoPage, Matricula
    from organizacion.models import Canal, Empleado
    from tests.factories import EmpleadoFactory, crear_curso

    User = get_user_model()
    jefa = Empleado.objects.filter(identificador="BENCH-JEFA").first()
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        if jefa is None:
            t = time.perf_counter()
            with transaction.atomic():
                jefa = EmpleadoFactory(
                    identificador="BENCH-JEFA",
                    usuario__roles=["empleado", "supervisor"],
                )
                usuarios = User.objects.bulk_create(
                    User(username=f"bench{i}", first_name="P", last_name=f"Bench {i}")
                    for i in range(personas)
                )
                empleados = Empleado.objects.bulk_create(
                    Empleado(
                        usuario=u,
                        identificador=f"BENCH{i:05d}",
                        nombre="Persona",
                        apellidos=f"Bench {i:05d}",
                        oficina=jefa.oficina,
                        puesto=jefa.puesto,
                        supervisor=jefa,
                    )
                    for i, u in enumerate(usuarios)
                )
                presencial = Canal.objects.get(codigo="presencial")
                Empleado.canales.through.objects.bulk_create(
                    Empleado.canales.through(empleado_id=e.pk, canal_id=presencial.pk)
                    for e in empleados
                )
                cursos = [
                    crear_curso(
                        obligatorio=True, validez_meses=12, slug=f"bench-eq-{j}"
                    )
                    for j in range(n_cursos)
                ]
                ahora = timezone.now()
                filas = []
                for i, e in enumerate(empleados):
                    for j, c in enumerate(cursos):
                        if (i + j) % 3 == 0:
                            filas.append(
                                Matricula(
                                    empleado=e,
                                    curso=c,
                                    origen="asignacion",
                                    estado="completada",
                                    completada_en=ahora - timedelta(days=(i * j) % 400),
                                    caduca_en=(
                                        ahora + timedelta(days=((i + j) % 500) - 100)
                                    ).date(),
                                )
                            )
                        elif (i + j) % 3 == 1:
                            filas.append(
                                Matricula(
                                    empleado=e,
                                    curso=c,
                                    origen="asignacion",
                                    estado="pendiente",
                                    plazo=(
                                        ahora + timedelta(days=(i % 40) - 20)
                                    ).date(),
                                )
                            )
                Matricula.objects.bulk_create(filas, batch_size=5000)
            print(f"Datos creados en {time.perf_counter() - t:.1f} s")
    n_equipo = Empleado.objects.filter(supervisor=jefa).count()
    n_cursos = CursoPage.objects.filter(obligatorio=True).count()
    cliente = Client()
    cliente.force_login(jefa.usuario)
    for nombre, url in (
        ("página del equipo", "/formacion/equipo/"),
        ("exportación XLSX", "/formacion/equipo/exportar.xlsx"),
        ("exportación CSV", "/formacion/equipo/exportar.csv"),
    ):
        tiempos = []
        for _i in range(3):
            with CaptureQueriesContext(connection) as consultas:
                t = time.perf_counter()
                respuesta = cliente.get(url)
                tiempos.append(time.perf_counter() - t)
            assert respuesta.status_code == 200, respuesta.status_code
        print(
            f"{nombre}: {n_equipo} personas × {n_cursos} cursos obligatorios · "
            f"{len(consultas)} consultas · mejor {min(tiempos):.2f} s · "
            f"peor {max(tiempos):.2f} s"
        )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
