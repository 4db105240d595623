"""Benchmark of the surveys module on PostgreSQL with gunicorn.

    .venv/bin/python bench/encuestas_envio.py [--segundos 30] [--respuestas 1000000]

1. Survey submission (POST /e/<token>/, the real view: token lookup, validation,
   redaction, then one statement that burns the token and writes the response, its
   values and both rollups) against a bare Django view doing
   one INSERT on the same gunicorn: maximum throughput (closed loop) and latency
   at a fixed 300 requests/s (open loop, latency counted from the scheduled time).
2. An office's results page and the whole-organisation page with 1,000,000
   responses in the database (the page reads only the rollups).
3. CSV export of 1,000,000 responses: peak memory of the process that streams it.

Uses its own database (BENCH_DATABASE_URL, default vt_encuestas_bench) and port.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
BD = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vt_encuestas_bench"
)
os.environ["DATABASE_URL"] = BD
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.encuestas_settings"
os.environ.setdefault("CONN_MAX_AGE", "600")
PUERTO = int(os.environ.get("BENCH_PUERTO", "8791"))


def preparar_bd():
    import psycopg

    nombre = BD.rsplit("/", 1)[1]
    with psycopg.connect(BD.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        if not c.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [nombre]
        ).fetchone():
            c.execute(f'CREATE DATABASE "{nombre}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS bench_insercion (id bigserial PRIMARY KEY, valor text, creado timestamptz)"
        )
    from demo import organizacion as organizacion_demo

    organizacion_demo.sembrar()


def crear_tokens(n: int) -> list[str]:
    from datetime import timedelta

    from django.utils import timezone

    from encuestas import seguridad
    from encuestas.models import Encuesta, Invitacion
    from organizacion.models import Oficina

    global ENCUESTA
    oficina = Oficina.objects.get(codigo_dir3="O00009001")
    encuesta = Encuesta.objects.get(codigo="presencial")
    ENCUESTA = encuesta.pk
    tokens = [seguridad.nuevo_token() for _ in range(n)]
    ahora = timezone.now()
    Invitacion.objects.bulk_create(
        [
            Invitacion(
                encuesta=encuesta,
                oficina=oficina,
                canal=encuesta.canal,
                token_hash=seguridad.hash_token(t),
                medio="qr",
                estado="enviada",
                caduca_en=ahora + timedelta(days=7),
            )
            for t in tokens
        ],
        batch_size=5000,
    )
    return tokens


# --- a small asyncio HTTP/1.1 load generator -----------------------------------------------


async def _peticion(host, puerto, crudo: bytes, conexion):
    if conexion[0] is None:
        conexion[0] = await asyncio.open_connection(host, puerto)
    lector, escritor = conexion[0]
    escritor.write(crudo)
    await escritor.drain()
    cabecera = await lector.readuntil(b"\r\n\r\n")
    estado = int(cabecera.split(b" ", 2)[1])
    longitud, cerrar = None, False
    for linea in cabecera.split(b"\r\n")[1:]:
        nombre, _, valor = linea.partition(b":")
        if nombre.lower() == b"content-length":
            longitud = int(valor.strip())
        elif nombre.lower() == b"connection" and valor.strip().lower() == b"close":
            cerrar = True
    cuerpo = await (
        lector.readexactly(longitud) if longitud is not None else lector.read()
    )
    if cerrar or longitud is None:
        escritor.close()
        conexion[0] = None
    return estado, cuerpo


def _post(ruta: str, cuerpo: str, cookie: str = "") -> bytes:
    datos = cuerpo.encode()
    return (
        f"POST {ruta} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(datos)}\r\n{cookie}\r\n"
    ).encode() + datos


async def carga(
    peticiones, *, concurrencia: int, segundos: float, tasa: float | None = None
):
    """Closed loop (tasa None) or open loop at `tasa` req/s. Returns (ok, errors, latencies, elapsed)."""
    iterador = iter(peticiones)
    latencias, errores = [], 0
    inicio = time.perf_counter()
    fin = inicio + segundos
    cola: asyncio.Queue = asyncio.Queue()

    async def programador():
        k = 0
        while True:
            objetivo = inicio + k / tasa
            if objetivo >= fin:
                break
            espera = objetivo - time.perf_counter()
            if espera > 0:
                await asyncio.sleep(espera)
            await cola.put(objetivo)
            k += 1
        for _ in range(concurrencia):
            await cola.put(None)

    async def trabajador():
        nonlocal errores
        conexion = [None]
        while True:
            if tasa:
                previsto = await cola.get()
                if previsto is None:
                    return
            else:
                if time.perf_counter() >= fin:
                    return
                previsto = time.perf_counter()
            try:
                crudo, esperado = next(iterador)
            except StopIteration:
                return
            try:
                estado, cuerpo = await _peticion("127.0.0.1", PUERTO, crudo, conexion)
                if estado != 200 or esperado not in cuerpo:
                    errores += 1
                else:
                    latencias.append(time.perf_counter() - previsto)
            except (OSError, asyncio.IncompleteReadError):
                errores += 1
                conexion[0] = None

    tareas = [asyncio.create_task(trabajador()) for _ in range(concurrencia)]
    if tasa:
        tareas.append(asyncio.create_task(programador()))
    await asyncio.gather(*tareas)
    return len(latencias), errores, latencias, time.perf_counter() - inicio


def cpu_por_proceso(gunicorn_pid: int) -> dict[str, float]:
    """CPU seconds (user + system) so far of the gunicorn master and workers, every
    PostgreSQL process, and this load generator: where each request's time goes."""
    tic = os.sysconf("SC_CLK_TCK")
    total = {"gunicorn": 0.0, "postgres": 0.0}
    for entrada in Path("/proc").iterdir():
        if not entrada.name.isdigit():
            continue
        try:
            campos = (entrada / "stat").read_text().rsplit(")", 1)[1].split()
            nombre = (entrada / "comm").read_text().strip()
        except OSError:
            continue
        cpu = (int(campos[11]) + int(campos[12])) / tic
        if nombre.startswith("postgres"):
            total["postgres"] += cpu
        elif int(entrada.name) == gunicorn_pid or int(campos[1]) == gunicorn_pid:
            total["gunicorn"] += cpu
    propio = os.times()
    total["generador"] = propio.user + propio.system
    return total


def medir(gunicorn_pid: int, nombre: str, *args, **kwargs):
    antes = cpu_por_proceso(gunicorn_pid)
    r = asyncio.run(carga(*args, **kwargs))
    despues = cpu_por_proceso(gunicorn_pid)
    resultado = resumen(nombre, *r)
    ok = max(1, r[0])
    print(
        " " * 42
        + "  CPU por respuesta: "
        + ", ".join(
            f"{k} {1000 * (despues[k] - antes[k]) / ok:.2f} ms" for k in despues
        ),
        flush=True,
    )
    return resultado


def resumen(nombre, ok, errores, latencias, duracion):
    lat = sorted(latencias) or [0]
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    linea = (
        f"{nombre:<42} {ok / duracion:8.1f} resp/s  p50 {p(0.5):6.1f} ms  p95 {p(0.95):6.1f} ms  "
        f"p99 {p(0.99):6.1f} ms  errores {errores}"
    )
    print(linea, flush=True)
    return {"rps": ok / duracion, "p95": p(0.95), "errores": errores}


ENCUESTA = None  # id of the survey the tokens belong to (set by crear_tokens)


def peticiones_envio(tokens):
    """What the survey form of a browser posts (its hidden fields included)."""
    encuesta = ENCUESTA
    for t in tokens:
        cuerpo = (
            f"paso=1&idioma=es&encuesta={encuesta}&SAT=4&CONF=5&EFIC=4&FAC=6&TIEMPO=3&TRATO=5"
            "&comentario=Bien+atendida%2C+gracias"
        )
        yield _post(f"/e/{t}/?idioma=es", cuerpo), b"Gracias"


def peticiones_insert():
    while True:
        yield _post("/bench/insertar/", "v=hola"), b"ok"


def arrancar_gunicorn(trabajadores: int, hilos: int):
    entorno = dict(os.environ)
    proceso = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PUERTO}",
            "--workers",
            str(trabajadores),
            "--worker-class",
            "gthread",
            "--threads",
            str(hilos),
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
            "--env",
            "DJANGO_SETTINGS_MODULE=bench.encuestas_settings",
        ],
        cwd=RAIZ,
        env=entorno,
    )
    import socket

    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", PUERTO), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    return proceso


def generar_millon(n: int):
    """1,000,000 responses and their items, written by SQL (generate_series), and
    the rollups built from them with one INSERT … SELECT … GROUP BY."""
    from django.db import connection

    from encuestas.models import Encuesta, ItemVersion, Respuesta
    from organizacion.models import Oficina

    existentes = Respuesta.objects.filter(motivo_no_reportable="bench").count()
    if existentes >= n:
        print(f"(ya hay {existentes} respuestas de volumen)")
        return
    encuesta = Encuesta.objects.get(codigo="presencial")
    oficinas = list(Oficina.objects.order_by("pk").values_list("pk", flat=True))
    versiones = {
        v.item.codigo: v.pk for v in ItemVersion.objects.select_related("item")
    }
    t = time.perf_counter()
    with connection.cursor() as c:
        # Answered invitations as a submit leaves them (no event, times cut to the
        # day), and their responses, which do not point back at them.
        c.execute(f"""
            INSERT INTO encuestas_invitacion (encuesta_id, oficina_id, canal_id, token_hash, semilla, medio, estado,
                creada_en, caduca_en, abierta_en, contacto, enviada_en)
            SELECT {encuesta.pk}, (ARRAY{oficinas})[1 + g % {len(oficinas)}], {encuesta.canal_id},
                   md5('bench-a' || g) || md5('bench-b' || g), '', 'qr', 'respondida',
                   date_trunc('day', now() - ((g % 540) || ' days')::interval), date_trunc('day', now()),
                   date_trunc('day', now()), '', date_trunc('day', now())
            FROM generate_series({existentes + 1}, {n}) g""")
        c.execute(f"""
            INSERT INTO encuestas_respuesta (encuesta_id, oficina_id, canal_id, servicio_id, empleado_id, medio,
                hora, fecha, idioma, reportable, motivo_no_reportable, comentario)
            SELECT {encuesta.pk}, (ARRAY{oficinas})[1 + g % {len(oficinas)}], {encuesta.canal_id}, NULL, NULL, 'qr',
                   date_trunc('hour', now() - ((g % 540) || ' days')::interval),
                   ((now() - ((g % 540) || ' days')::interval) AT TIME ZONE 'Europe/Madrid')::date, 'es', true, 'bench',
                   CASE WHEN g % 4 = 0 THEN 'Comentario de volumen ' || g || ': tardaron un poco pero bien.' ELSE '' END
            FROM generate_series({existentes + 1}, {n}) g""")
        for codigo, maximo in (
            ("SAT", 5),
            ("CONF", 5),
            ("EFIC", 5),
            ("FAC", 7),
            ("TIEMPO", 5),
            ("TRATO", 5),
        ):
            c.execute(f"""
                INSERT INTO encuestas_respuestaitem (respuesta_id, item_version_id, codigo, valor, texto)
                SELECT r.id, {versiones[codigo]}, '{codigo}', 1 + abs(hashtext(r.id || '{codigo}')) % {maximo}, ''
                FROM encuestas_respuesta r WHERE r.motivo_no_reportable = 'bench'""")
        c.execute("""
            INSERT INTO encuestas_resumendiario (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, fragmento, n)
            SELECT r.fecha, r.oficina_id, r.canal_id, 0, 0, ri.codigo, ri.valor, 0, count(*)
            FROM encuestas_respuesta r JOIN encuestas_respuestaitem ri ON ri.respuesta_id = r.id
            WHERE r.motivo_no_reportable = 'bench'
            GROUP BY 1, 2, 3, 6, 7
            ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, empleado_id, codigo, valor, fragmento)
            DO UPDATE SET n = encuestas_resumendiario.n + excluded.n""")
        c.execute("""
            INSERT INTO encuestas_embudodiario (fecha, oficina_id, canal_id, servicio_id, fragmento, ofrecidas, abiertas, completadas)
            SELECT r.fecha, r.oficina_id, r.canal_id, 0, 0, 4 * count(*), 2 * count(*), count(*)
            FROM encuestas_respuesta r WHERE r.motivo_no_reportable = 'bench' GROUP BY 1, 2, 3
            ON CONFLICT (fecha, oficina_id, canal_id, servicio_id, fragmento) DO UPDATE SET
              ofrecidas = encuestas_embudodiario.ofrecidas + excluded.ofrecidas,
              abiertas = encuestas_embudodiario.abiertas + excluded.abiertas,
              completadas = encuestas_embudodiario.completadas + excluded.completadas""")
        c.execute("ANALYZE")
    print(
        f"Generadas {n} respuestas de volumen en {time.perf_counter() - t:.0f} s",
        flush=True,
    )


def sesion_de(usuario: str) -> str:
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    u = get_user_model().objects.get(username=usuario)
    s = SessionStore()
    s[SESSION_KEY], s[BACKEND_SESSION_KEY], s[HASH_SESSION_KEY] = (
        str(u.pk),
        "django.contrib.auth.backends.ModelBackend",
        u.get_session_auth_hash(),
    )
    s.create()
    return s.session_key


def medir_pagina(nombre, ruta, sesion, veces=20):
    import urllib.request

    tiempos = []
    for i in range(veces + 2):
        peticion = urllib.request.Request(
            f"http://127.0.0.1:{PUERTO}{ruta}",
            headers={"Cookie": f"sessionid={sesion}"},
        )
        t = time.perf_counter()
        with urllib.request.urlopen(peticion) as r:
            cuerpo = r.read()
            assert r.status == 200, r.status
        if i >= 2:  # two warm-up requests
            tiempos.append(time.perf_counter() - t)
    tiempos.sort()
    print(
        f"{nombre:<42} p50 {statistics.median(tiempos) * 1000:6.1f} ms  p95 {tiempos[int(0.95 * len(tiempos)) - 1] * 1000:6.1f} ms"
        f"  ({len(cuerpo) // 1024} KB)",
        flush=True,
    )
    return tiempos[int(0.95 * len(tiempos)) - 1] * 1000


MEDIR_EXPORT = r"""
import os, resource, sys, time
sys.path.insert(0, {raiz!r})
import django
django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
c = Client()
c.force_login(get_user_model().objects.get(username="direccion"))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
import datetime
hoy = datetime.date.today()
r = c.get("/encuestas/exportar.csv", {{"desde": hoy - datetime.timedelta(days=545), "hasta": hoy}}, HTTP_HOST="127.0.0.1")
assert r.status_code == 200, r.status_code
filas = octetos = 0
for trozo in r.streaming_content:
    octetos += len(trozo)
    filas += trozo.count(b"\n")
pico = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{{filas - 1}} {{octetos}} {{time.perf_counter() - t:.1f}} {{base / 1024:.0f}} {{pico / 1024:.0f}}")
"""


def main():
    argumentos = argparse.ArgumentParser()
    argumentos.add_argument("--segundos", type=float, default=30)
    argumentos.add_argument("--respuestas", type=int, default=1_000_000)
    argumentos.add_argument("--trabajadores", type=int, default=3)
    argumentos.add_argument("--hilos", type=int, default=4)
    argumentos.add_argument("--sin-volumen", action="store_true")
    a = argumentos.parse_args()

    print(f"Preparando {BD} …", flush=True)
    preparar_bd()
    necesarios = int(a.segundos * 2 * 900) + 2000
    tokens = crear_tokens(necesarios)
    from django.db import connections

    connections.close_all()
    gunicorn = arrancar_gunicorn(a.trabajadores, a.hilos)
    resultados = {}
    try:
        print(
            f"gunicorn: {a.trabajadores} procesos × {a.hilos} hilos (gthread), PostgreSQL, {os.cpu_count()} núcleos"
        )
        pendientes = iter(tokens)
        # warm-up: every worker opens its DB connection and loads templates
        asyncio.run(
            carga(
                peticiones_envio([next(pendientes) for _ in range(200)]),
                concurrencia=8,
                segundos=3,
            )
        )
        asyncio.run(carga(peticiones_insert(), concurrencia=8, segundos=2))
        g = gunicorn.pid
        resultados["insert_max"] = medir(
            g,
            "Vista mínima (1 INSERT), máximo",
            peticiones_insert(),
            concurrencia=16,
            segundos=a.segundos,
        )
        resultados["envio_max"] = medir(
            g,
            "Envío de encuesta, máximo",
            peticiones_envio(pendientes),
            concurrencia=16,
            segundos=a.segundos,
        )
        resultados["envio_300"] = medir(
            g,
            "Envío de encuesta a 300/s constantes",
            peticiones_envio(pendientes),
            concurrencia=64,
            segundos=a.segundos,
            tasa=300,
        )
        resultados["insert_300"] = medir(
            g,
            "Vista mínima a 300/s constantes",
            peticiones_insert(),
            concurrencia=64,
            segundos=a.segundos,
            tasa=300,
        )

        if not a.sin_volumen:
            generar_millon(a.respuestas)
            from organizacion.models import Oficina

            oficina = Oficina.objects.get(codigo_dir3="O00009001")
            from datetime import date, timedelta

            rango = f"desde={date.today() - timedelta(days=545)}&hasta={date.today()}"
            medir_pagina(
                "Resultados de una oficina (18 meses)",
                f"/encuestas/?oficina={oficina.pk}&{rango}",
                sesion_de("supervisor"),
            )
            medir_pagina(
                "Resultados de toda la organización",
                f"/encuestas/?{rango}",
                sesion_de("direccion"),
            )
            salida = subprocess.run(
                [sys.executable, "-c", MEDIR_EXPORT.format(raiz=str(RAIZ))],
                cwd=RAIZ,
                env=dict(os.environ),
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            filas, octetos, segundos, base, pico = salida[-5:]
            print(
                f"Exportación CSV: {filas} filas, {int(octetos) / 2**20:.0f} MB en {segundos} s; memoria máxima del "
                f"proceso {pico} MB (tras cargar Django: {base} MB)",
                flush=True,
            )
    finally:
        gunicorn.terminate()
        gunicorn.wait(20)
    e, i = resultados["envio_max"], resultados["insert_max"]
    print(f"Envío / vista mínima: {100 * e['rps'] / i['rps']:.0f} % del rendimiento")


if __name__ == "__main__":
    main()
