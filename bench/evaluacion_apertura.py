"""Benchmark: open a campaign for N active employees (default 5,000).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vt_evaluacion \
        .venv/bin/python bench/evaluacion_apertura.py [N]

Creates the staff in bulk inside a transaction that is rolled back at the end,
so it leaves the database as it found it. Goal: under 30 s on PostgreSQL.
"""

import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from evaluacion import services  # noqa: E402
from evaluacion.models import Campana, Evaluacion, Puntuacion  # noqa: E402
from organizacion.models import Canal, Empleado, MarcoCompetencial, Oficina, Puesto  # noqa: E402


class _Deshacer(Exception):
    pass


def main(n: int) -> None:
    User = get_user_model()
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            oficinas = Oficina.objects.bulk_create(
                Oficina(
                    codigo_dir3=f"B{i:08d}",
                    nombre=f"Oficina banco {i}",
                    provincia="28",
                    municipio="Madrid",
                )
                for i in range(50)
            )
            puesto, _ = Puesto.objects.get_or_create(
                codigo="bench-informador", defaults={"nombre": "Informador"}
            )
            usuarios = User.objects.bulk_create(
                User(username=f"bench{i}", email=f"bench{i}@ventanilla.example")
                for i in range(n)
            )
            jefes = Empleado.objects.bulk_create(
                Empleado(
                    usuario=usuarios[i],
                    identificador=f"BJ{i:06d}",
                    nombre="Jefa",
                    apellidos=f"Banco {i}",
                    oficina=oficinas[i],
                    puesto=puesto,
                    fecha_alta=date(2015, 1, 1),
                )
                for i in range(len(oficinas))
            )
            plantilla = Empleado.objects.bulk_create(
                (
                    Empleado(
                        usuario=usuarios[i],
                        identificador=f"BE{i:06d}",
                        nombre="Persona",
                        apellidos=f"Banco {i}",
                        oficina=oficinas[i % len(oficinas)],
                        puesto=puesto,
                        # 1 in 50 with no supervisor: the head is found
                        supervisor=None if i % 50 == 0 else jefes[i % len(jefes)],
                        fecha_alta=date(2016, 1, 1),
                    )
                    for i in range(len(oficinas), n)
                ),
                batch_size=1000,
            )
            for oficina, jefe in zip(oficinas, jefes, strict=True):
                oficina.responsable = jefe
            Oficina.objects.bulk_update(oficinas, ["responsable"])
            presencial = Canal.objects.get(codigo="presencial")
            Empleado.canales.through.objects.bulk_create(
                Empleado.canales.through(empleado_id=e.pk, canal_id=presencial.pk)
                for e in plantilla
            )
            campana = Campana.objects.create(
                nombre="Campaña de banco de pruebas",
                marco=MarcoCompetencial.objects.get(vigente=True),
                periodo_inicio=date(2025, 1, 1),
                periodo_fin=date(2025, 12, 31),
                fecha_apertura=date(2026, 1, 1),
                evaluacion_hasta=date(2099, 1, 1),
                con_autoevaluacion=False,
            )
            campana.oficinas.set(oficinas)
            preparacion = time.perf_counter() - t0

            t1 = time.perf_counter()
            primera = services.abrir_campana(campana=campana)
            apertura = time.perf_counter() - t1
            t2 = time.perf_counter()
            segunda = services.abrir_campana(campana=campana)
            repeticion = time.perf_counter() - t2
            evaluaciones = Evaluacion.objects.filter(campana=campana).count()
            puntuaciones = Puntuacion.objects.filter(
                evaluacion__campana=campana
            ).count()
            print(f"Base de datos: {connection.vendor}")
            print(
                f"Plantilla: {n} personas en {len(oficinas)} oficinas (preparación {preparacion:.1f} s)"
            )
            print(
                f"Apertura: {primera['creadas']} evaluaciones y {puntuaciones} puntuaciones en {apertura:.2f} s"
                f" ({len(primera['sin_evaluador'])} sin evaluador)"
            )
            print(
                f"Segunda apertura: {segunda['creadas']} evaluaciones nuevas en {repeticion:.2f} s"
            )
            assert evaluaciones == primera["creadas"] and segunda["creadas"] == 0
            print("OBJETIVO < 30 s:", "CUMPLIDO" if apertura < 30 else "NO CUMPLIDO")
            raise _Deshacer
    except _Deshacer:
        pass


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
