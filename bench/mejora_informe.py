"""Benchmark: a quarter's continuous-improvement report over 100,000 → 1,000,000
survey responses, 5,000 employees and 300 offices, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vt_mejora \
        .venv/bin/python bench/mejora_informe.py [--pasos 100000 300000 1000000] [--pequeno]

`--pequeno` (what CI runs, with `--pasos 1000`): 20 offices and 200 employees, to
check the bench still runs end to end; its figures mean nothing.

It (re)creates the volume data with set-based SQL (generate_series, deterministic
setseed) through the encuestas tables — invitations, responses, response items —
and rebuilds the encuestas daily rollup from them the way its service does; then,
per step, it measures: the nightly indicator recomputation for the quarter, the
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

PERIODO = "2026-Q3"
DESDE, HASTA = date(2026, 7, 1), date(2026, 9, 30)
OFICINAS, EMPLEADOS = 300, 5000


def _tabla(app, modelo):
    return apps.get_model(app, modelo)._meta.db_table


def preparar_base():
    from importlib import import_module
    from importlib.util import find_spec

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    for app_config in apps.get_app_configs():
        nombre = f"{app_config.name}.datos_iniciales"
        if app_config.path.startswith(str(settings.BASE_DIR)) and find_spec(nombre):
            import_module(nombre).cargar(apps)
    from organizacion.models import Canal, Empleado, Oficina, Puesto

    User = get_user_model()
    puesto = Puesto.objects.create(codigo="atencion", nombre="Atención a la ciudadanía")
    with transaction.atomic():
        oficinas = Oficina.objects.bulk_create(
            Oficina(
                codigo_dir3=f"B{i:08d}",
                nombre=f"Oficina {i:03d}",
                provincia="28",
                municipio="Madrid",
            )
            for i in range(OFICINAS)
        )
        Through = Oficina.canales.through
        canales = list(Canal.objects.all())
        Through.objects.bulk_create(
            Through(oficina_id=o.pk, canal_id=c.pk) for o in oficinas for c in canales
        )
        usuarios = User.objects.bulk_create(
            User(
                username=f"bench{i}", password="!", email=f"bench{i}@ventanilla.example"
            )
            for i in range(EMPLEADOS)
        )
        Empleado.objects.bulk_create(
            Empleado(
                usuario=u,
                identificador=f"B{i:06d}",
                nombre="Persona",
                apellidos=f"Bench {i}",
                oficina=oficinas[i % OFICINAS],
                puesto=puesto,
                fecha_alta=date(2020, 1, 1),
            )
            for i, u in enumerate(usuarios)
        )
    direccion = User.objects.create_user(
        "bench-direccion", "direccion@ventanilla.example", "x"
    )
    from django.contrib.auth.models import Group

    direccion.groups.add(Group.objects.get(name="direccion"))
    return direccion


def anadir_respuestas(hasta_total: int, ya: int) -> None:
    """Add responses ya+1..hasta_total spread over the quarter, offices and channels."""
    if hasta_total <= ya:
        return
    inv, resp, item = (
        _tabla("encuestas", "Invitacion"),
        _tabla("encuestas", "Respuesta"),
        _tabla("encuestas", "RespuestaItem"),
    )
    with connection.cursor() as c:
        c.execute("SELECT setseed(%s)", [ya / 10_000_000])
        c.execute("SELECT min(id), max(id) FROM organizacion_oficina")
        of_min, _of_max = c.fetchone()
        c.execute("SELECT min(id) FROM organizacion_empleado")
        emp_min = c.fetchone()[0]
        c.execute(
            f"SELECT e.id, e.canal_id FROM {_tabla('encuestas', 'Encuesta')} e WHERE NOT e.es_quiosco ORDER BY e.id"
        )
        encuestas = c.fetchall()
        c.execute(
            f"SELECT iv.id, i.codigo FROM {_tabla('encuestas', 'ItemVersion')} iv JOIN {_tabla('encuestas', 'Item')} i ON i.id = iv.item_id"
        )
        versiones = dict((cod, pk) for pk, cod in c.fetchall())
        casos = " ".join(
            f"WHEN {k} THEN {eid}" for k, (eid, _c) in enumerate(encuestas)
        )
        canales = " ".join(
            f"WHEN {k} THEN {cid}" for k, (_e, cid) in enumerate(encuestas)
        )
        # Answered invitations as a submit leaves them (no event, times cut to the
        # day), and their responses, which do not point back at them.
        c.execute(f"""
            INSERT INTO {inv} (encuesta_id, oficina_id, canal_id, token_hash, semilla, medio, estado, creada_en,
                               caduca_en, abierta_en, contacto)
            SELECT CASE g % {len(encuestas)} {casos} END, {of_min} + (g % {OFICINAS}),
                   CASE g % {len(encuestas)} {canales} END, NULL, '', 'qr', 'respondida',
                   TIMESTAMP '2026-07-01' + ((g % 92) || ' days')::interval,
                   TIMESTAMP '2026-07-08' + ((g % 92) || ' days')::interval,
                   TIMESTAMP '2026-07-01' + ((g % 92) || ' days')::interval, ''
            FROM generate_series({ya + 1}, {hasta_total}) AS g
        """)
        c.execute(f"""
            INSERT INTO {resp} (encuesta_id, oficina_id, canal_id, servicio_id, empleado_id, medio, hora,
                                fecha, idioma, reportable, motivo_no_reportable, comentario)
            SELECT CASE g % {len(encuestas)} {casos} END, {of_min} + (g % {OFICINAS}),
                   CASE g % {len(encuestas)} {canales} END, NULL,
                   {emp_min} + ((g % {OFICINAS}) + {OFICINAS} * (abs(hashtext('b' || g)) % {EMPLEADOS // OFICINAS})),
                   'qr', TIMESTAMP '2026-07-01 10:00' + ((g % 92) || ' days')::interval,
                   (TIMESTAMP '2026-07-01 10:00' + ((g % 92) || ' days')::interval)::date, 'es', TRUE, '', ''
            FROM generate_series({ya + 1}, {hasta_total}) AS g
        """)
        # Five scale items per response; offices differ (a per-office bias) so the analysis has signal.
        for codigo, maximo in (
            ("SAT", 5),
            ("CONF", 5),
            ("EFIC", 5),
            ("TIEMPO", 5),
            ("FAC", 7),
        ):
            c.execute(f"""
                INSERT INTO {item} (respuesta_id, item_version_id, codigo, valor, texto)
                SELECT r.id, {versiones[codigo]}, '{codigo}',
                       LEAST({maximo}, GREATEST(1, floor(random() * {maximo} + 1 + ((r.oficina_id % 7) - 3) * 0.15)::int)), ''
                FROM {resp} r WHERE r.id > (SELECT coalesce(max(respuesta_id), 0) FROM {item} WHERE codigo = '{codigo}')
            """)


def reconstruir_rollup() -> int:
    """The encuestas daily rollup, rebuilt from the raw rows (what its service maintains)."""
    rd, emb = _tabla("encuestas", "ResumenDiario"), _tabla("encuestas", "EmbudoDiario")
    resp, item, inv = (
        _tabla("encuestas", "Respuesta"),
        _tabla("encuestas", "RespuestaItem"),
        _tabla("encuestas", "Invitacion"),
    )
    with connection.cursor() as c:
        c.execute(f"TRUNCATE {rd}, {emb}")
        c.execute(f"""
            INSERT INTO {rd} (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, fragmento, n)
            SELECT r.fecha, r.oficina_id, r.canal_id, coalesce(r.servicio_id, 0), coalesce(r.empleado_id, 0),
                   ri.codigo, ri.valor, 0, count(*)
            FROM {resp} r JOIN {item} ri ON ri.respuesta_id = r.id
            WHERE r.reportable AND ri.valor IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7
        """)
        c.execute(f"""
            INSERT INTO {emb} (fecha, oficina_id, canal_id, servicio_id, fragmento, ofrecidas, abiertas, completadas)
            SELECT i.creada_en::date, i.oficina_id, i.canal_id, 0, 0, count(*), count(i.abierta_en),
                   count(*) FILTER (WHERE i.estado = 'respondida')
            FROM {inv} i GROUP BY 1, 2, 3
        """)
        c.execute(f"ANALYZE {rd}; ANALYZE {emb}")
        c.execute(f"SELECT count(*) FROM {rd}")
        return c.fetchone()[0]


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
        from encuestas.models import Respuesta, ResumenDiario

        direccion = get_user_model().objects.get(username="bench-direccion")
        fila = medir(direccion, Respuesta.objects.count())
        fila["celdas"] = ResumenDiario.objects.count()
        print(fila, flush=True)
        return
    print(f"Preparando {OFICINAS} oficinas y {EMPLEADOS} personas…", flush=True)
    direccion = preparar_base()
    filas, ya = [], 0
    for total in sorted(args.pasos):
        t0 = time.perf_counter()
        anadir_respuestas(total, ya)
        celdas = reconstruir_rollup()
        ya = total
        print(
            f"{total:>9,} respuestas generadas ({celdas:,} celdas del rollup) en {time.perf_counter() - t0:.0f} s",
            flush=True,
        )
        fila = medir(direccion, total)
        fila["celdas"] = celdas
        filas.append(fila)
        print(fila, flush=True)
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
