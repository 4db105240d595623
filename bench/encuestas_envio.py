"""What a citizen costs (issue 14, point 3), on PostgreSQL + Redis with gunicorn.

    .venv/bin/python bench/encuestas_envio.py [--segundos 6] [--rondas 5] [--respuestas 1000000]
    BENCH_ESCALA=pequena .venv/bin/python bench/encuestas_envio.py      # CI: < 60 s

1. The real citizen path against a bare view on the same gunicorn and middleware,
   measured interleaved (short rounds of each, alternating, in the same run):
   - a citizen opens the invitation link (GET /e/<token>/), reads the form's
     hidden fields and posts it with every item of the survey (SAT … TRATO and
     NPS): mostly 4–5, a tail of low scores that gets the contact question and
     answers it (yes with a phone number, or no), ~15 % with a comment. Each
     citizen comes from an address of its own (127.x.y.z) on a connection of its
     own, so the per-IP limit is on, in Redis, as in production;
   - the bare view: a GET of a tiny form and a POST doing one INSERT, the same
     way (new connection, own address).
   Throughput: closed loop (a fixed number of citizens in flight). Latency of a
   whole citizen (GET to the last answer): open loop at 300 citizens/s, counted
   from the scheduled start.
2. Unless --sin-volumen: the CSV export (time and memory) with --respuestas
   realistic responses in the database (bench/datos_encuestas.py); the results
   pages are measured on the same data by bench/encuestas_resultados.py.

Database: BENCH_DATABASE_URL, else DATABASE_URL (PostgreSQL), else
vt_encuestas_bench; created if missing, emptied and filled (bench/datos.py), never
dropped. Redis: BENCH_REDIS_URL, else CACHE_URL (CI: rediscache://…/14); the
limiter's counters expire on their own. Port: BENCH_PUERTO.
"""

import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
sys.path.insert(0, str(RAIZ / "bench"))

import servidor  # noqa: E402
from informe import cifra, pequena  # noqa: E402


def _bd() -> str:
    for variable in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(variable, "")
        if url.startswith(("postgres://", "postgresql://")):
            return url
    return "postgres://postgres@127.0.0.1:5432/vt_encuestas_bench"


def _redis() -> str:
    url = os.environ.get("BENCH_REDIS_URL") or os.environ.get("CACHE_URL") or ""
    if url.startswith("redis://"):
        url = "rediscache://" + url.removeprefix("redis://")
    if not url.startswith("rediscache://"):
        sys.exit(
            "Este bench mide el límite por IP en Redis, como en producción: "
            "BENCH_REDIS_URL=redis://127.0.0.1:6379/<db> (o CACHE_URL=rediscache://…)"
        )
    return url


BD = _bd()
os.environ["DATABASE_URL"] = BD
os.environ["CACHE_URL"] = _redis()
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.encuestas_settings"
os.environ.setdefault("CONN_MAX_AGE", "600")
PUERTO = int(os.environ.get("BENCH_PUERTO", "8791"))
# A citizen at 300/s takes this many ms at most, p95 (issue 14).
OBJETIVO_P95_MS = 100
TASA = 300


def preparar_bd(pequeno: bool):
    """The realistic organisation (bench/datos.py), the survey asking NPS as well,
    and the bare view's table. Returns the organisation."""
    import psycopg

    nombre = BD.rsplit("/", 1)[1]
    with psycopg.connect(BD.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
        if not c.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [nombre]
        ).fetchone():
            c.execute(f'CREATE DATABASE "{nombre}"')
    import django

    django.setup()
    from datos import crear_organizacion, preparar_base
    from django.db import connection

    from encuestas.models import Encuesta, EncuestaItem, ItemVersion

    t = time.perf_counter()
    preparar_base()
    print(f"  base migrada y vacía en {time.perf_counter() - t:.0f} s", flush=True)
    org = crear_organizacion(
        oficinas=20 if pequeno else 300, personas=200 if pequeno else 5000
    )
    encuesta = Encuesta.objects.get(codigo="presencial")
    if not encuesta.lineas.filter(item_version__item__codigo="NPS").exists():
        # Surveys may ask the recommendation too (the bank has it): a citizen
        # answers every item the survey asks, so the bench's asks them all.
        EncuestaItem.objects.create(
            encuesta=encuesta,
            item_version=ItemVersion.objects.filter(item__codigo="NPS")
            .order_by("-version")
            .first(),
            orden=encuesta.lineas.count() + 1,
            obligatorio=False,
        )
    with connection.cursor() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS bench_insercion (id bigserial PRIMARY KEY, valor text, creado timestamptz)"
        )
    return org


IDIOMAS_ATENCION = (("es", 80), ("ca", 8), ("gl", 5), ("eu", 4), ("en", 3))


def crear_invitaciones(org, n: int, azar: random.Random) -> list[str]:
    """n attention events at the counter, each with its employee and service and
    the citizen's language, and their invitations (QR, unexpired): the tokens."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from encuestas import seguridad
    from encuestas.models import Atencion, Encuesta, Invitacion

    encuesta = Encuesta.objects.get(codigo="presencial")
    ahora = timezone.now()
    idiomas = [c for c, _p in IDIOMAS_ATENCION]
    pesos = [p for _c, p in IDIOMAS_ATENCION]
    oficinas = [o for o in org.oficinas if org.equipo.get(o)]
    tokens = [seguridad.nuevo_token() for _ in range(n)]
    with transaction.atomic():
        atenciones = []
        for _ in range(n):
            oficina = azar.choice(oficinas)
            atenciones.append(
                Atencion(
                    oficina_id=oficina,
                    canal_id=encuesta.canal_id,
                    servicio_id=azar.choice(org.servicios),
                    empleado_id=azar.choice(org.equipo[oficina]),
                    fecha=ahora - timedelta(minutes=azar.randrange(240)),
                    idioma=azar.choices(idiomas, pesos)[0],
                    invitada=True,
                    espera_segundos=azar.randrange(30, 1800),
                    gestion_segundos=azar.randrange(60, 900),
                )
            )
        atenciones = Atencion.objects.bulk_create(atenciones, batch_size=5000)
        Invitacion.objects.bulk_create(
            [
                Invitacion(
                    atencion=a,
                    encuesta=encuesta,
                    oficina_id=a.oficina_id,
                    canal_id=a.canal_id,
                    token_hash=seguridad.hash_token(t),
                    medio="qr",
                    estado="enviada",
                    enviada_en=a.fecha,
                    caduca_en=ahora + timedelta(days=7),
                )
                for a, t in zip(atenciones, tokens, strict=True)
            ],
            batch_size=5000,
        )
    return tokens


# --- what a citizen answers ------------------------------------------------------------

COMENTARIOS = (
    "Me atendieron muy bien, gracias.",
    "La espera fue larga pero la atención buena.",
    "No encontraba la cita previa en la web.",
    "Muy amable la persona que me atendió. Mi teléfono es 600123456",
    "Deberían abrir por la tarde.",
)


def _cerca(azar, sat: int, minimo: int, maximo: int) -> int:
    """An item's value near the overall satisfaction, on its own scale."""
    escala = (sat - 1) / 4 * (maximo - minimo) + minimo
    return max(minimo, min(maximo, round(escala + azar.choice((-1, 0, 0, 0, 1)))))


def respuestas_de_un_ciudadano(azar: random.Random) -> dict:
    """One citizen's answers: SAT mostly 4–5 with a tail of 1–2 (the survey then
    asks whether to contact them), every other item near it, NPS 0–10, a
    comment ~15 % of the time, and what they answer to the contact question."""
    sat = azar.choices((5, 4, 3, 2, 1), (55, 30, 7, 5, 3))[0]
    datos = {"SAT": sat}
    for codigo, (minimo, maximo) in (
        ("CONF", (1, 5)),
        ("EFIC", (1, 5)),
        ("FAC", (1, 7)),
        ("TIEMPO", (1, 5)),
        ("TRATO", (1, 5)),
        ("NPS", (0, 10)),
    ):
        datos[codigo] = _cerca(azar, sat, minimo, maximo)
    comentario = azar.choice(COMENTARIOS) if azar.random() < 0.15 else ""
    contacto = ""
    if sat <= 2 and azar.random() < 0.4:  # of the unhappy, some leave a number
        contacto = f"6{azar.randrange(10**7, 10**8)}"
    return {"datos": datos, "comentario": comentario, "contacto": contacto}


# The thank-you page's heading per language (filled once Django is set up).
GRACIAS: dict[str, bytes] = {}


def _preparar_gracias():
    from django.utils.html import escape

    from encuestas.models import IDIOMAS
    from encuestas.textos import texto

    for idioma in IDIOMAS:
        GRACIAS[idioma] = f"<h1>{escape(texto(idioma, 'gracias'))}</h1>".encode()


OCULTO = re.compile(rb'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def _ocultos(html: bytes) -> dict[str, str]:
    """The hidden fields of the survey form, as a browser would post them."""
    return {k.decode(): unescape(v.decode()) for k, v in OCULTO.findall(html)}


def _ip(numero: int) -> str:
    """A loopback address per citizen (all of 127/8 reaches gunicorn)."""
    return f"127.{10 + numero // 62500 % 200}.{numero // 250 % 250}.{1 + numero % 250}"


# --- a small asyncio HTTP/1.1 client ---------------------------------------------------


class Fallo(Exception):
    pass


async def _peticion(lector, escritor, crudo: bytes) -> tuple[int, bytes]:
    escritor.write(crudo)
    await escritor.drain()
    cabecera = await lector.readuntil(b"\r\n\r\n")
    estado = int(cabecera.split(b" ", 2)[1])
    longitud = None
    for linea in cabecera.split(b"\r\n")[1:]:
        nombre, _, valor = linea.partition(b":")
        if nombre.lower() == b"content-length":
            longitud = int(valor.strip())
    cuerpo = await (
        lector.readexactly(longitud) if longitud is not None else lector.read()
    )
    return estado, cuerpo


def _get(ruta: str, idioma: str) -> bytes:
    return (
        f"GET {ruta} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: {idioma}\r\n\r\n"
    ).encode()


def _post(ruta: str, campos: dict) -> bytes:
    datos = urlencode(campos).encode()
    return (
        f"POST {ruta} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(datos)}\r\n\r\n"
    ).encode() + datos


def _esperar(estado: int, cuerpo: bytes, texto: bytes, paso: str):
    if estado != 200 or texto not in cuerpo:
        raise Fallo(f"{paso}: {estado}")


async def ciudadano(numero: int, token: str, azar: random.Random, cuenta: dict):
    """Open the link, post the form as the page has it, and if the score was low
    answer the contact question the page then shows."""
    respuestas = respuestas_de_un_ciudadano(azar)
    lector, escritor = await asyncio.open_connection(
        "127.0.0.1", PUERTO, local_addr=(_ip(numero), 0)
    )
    try:
        ruta = f"/e/{token}/"
        estado, html = await _peticion(lector, escritor, _get(ruta, "es"))
        _esperar(estado, html, b'name="SAT"', "formulario")
        campos = {**_ocultos(html), **respuestas["datos"]}
        if respuestas["comentario"]:
            campos["comentario"] = respuestas["comentario"]
        destino = f"{ruta}?idioma={campos['idioma']}"
        estado, html = await _peticion(lector, escritor, _post(destino, campos))
        if respuestas["datos"]["SAT"] <= 2:
            _esperar(estado, html, b'name="CONTACTO"', "contacto")
            cuenta["bajas"] += 1
            campos = {
                **_ocultos(html),
                "CONTACTO": "1" if respuestas["contacto"] else "0",
            }
            if respuestas["contacto"]:
                campos["contacto"] = respuestas["contacto"]
                cuenta["con_contacto"] += 1
            estado, html = await _peticion(lector, escritor, _post(destino, campos))
        _esperar(estado, html, GRACIAS[campos["idioma"]], "gracias")
        cuenta["comentarios"] += bool(respuestas["comentario"])
    finally:
        escritor.close()


async def vista_minima(numero: int, _token, _azar, _cuenta):
    """The baseline's citizen: a GET of a tiny form and its POST (one INSERT)."""
    lector, escritor = await asyncio.open_connection(
        "127.0.0.1", PUERTO, local_addr=(_ip(numero), 0)
    )
    try:
        estado, html = await _peticion(lector, escritor, _get("/bench/insertar/", "es"))
        _esperar(estado, html, b'name="v"', "formulario mínimo")
        estado, cuerpo = await _peticion(
            lector, escritor, _post("/bench/insertar/", {"v": "hola"})
        )
        _esperar(estado, cuerpo, b"ok", "insert")
    finally:
        escritor.close()


class Medida:
    """What one kind of citizen did over all its rounds."""

    def __init__(self):
        self.ok, self.errores, self.segundos = 0, 0, 0.0
        self.sin_atender = 0  # open loop: still queued two rounds after its time
        self.latencias: list[float] = []
        self.motivos: dict[str, int] = {}

    def rps(self) -> float:
        return self.ok / self.segundos if self.segundos else 0.0

    def percentil(self, q: float) -> float:
        lat = sorted(self.latencias) or [0.0]
        return lat[min(len(lat) - 1, int(q * len(lat)))] * 1000


async def ronda(
    quien, medida: Medida, fuentes, *, concurrencia: int, segundos: float, tasa=None
):
    """Closed loop (tasa None: `concurrencia` citizens in flight) or open loop at
    `tasa` citizens/s (latency counted from the scheduled start)."""
    inicio = time.perf_counter()
    fin = inicio + segundos
    cola: asyncio.Queue = asyncio.Queue()

    async def programador():
        k = 0
        while (objetivo := inicio + k / tasa) < fin:
            espera = objetivo - time.perf_counter()
            if espera > 0:
                await asyncio.sleep(espera)
            await cola.put(objetivo)
            k += 1
        for _ in range(concurrencia):
            await cola.put(None)

    async def trabajador():
        while True:
            if tasa:
                previsto = await cola.get()
                if previsto is None:
                    return
                if time.perf_counter() > fin + 2 * segundos:
                    # Overloaded: whoever is still queued this long is not served
                    # (counted apart), so an overloaded run ends instead of draining.
                    medida.sin_atender += 1
                    continue
            elif (previsto := time.perf_counter()) >= fin:
                return
            try:
                numero, token, azar, cuenta = next(fuentes)
            except StopIteration:
                return
            try:
                await quien(numero, token, azar, cuenta)
                medida.latencias.append(time.perf_counter() - previsto)
                medida.ok += 1
            except (OSError, asyncio.IncompleteReadError, Fallo) as exc:
                medida.errores += 1
                motivo = str(exc)[:60]
                medida.motivos[motivo] = medida.motivos.get(motivo, 0) + 1

    tareas = [asyncio.create_task(trabajador()) for _ in range(concurrencia)]
    if tasa:
        tareas.append(asyncio.create_task(programador()))
    await asyncio.gather(*tareas)
    medida.segundos += time.perf_counter() - inicio


def cpu_por_proceso(gunicorn_pid: int) -> dict[str, float]:
    """CPU seconds (user + system) so far of the gunicorn master and workers,
    PostgreSQL, Redis and this load generator: where a citizen's time goes."""
    tic = os.sysconf("SC_CLK_TCK")
    total = {"gunicorn": 0.0, "postgres": 0.0, "redis": 0.0}
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
        elif nombre.startswith("redis"):
            total["redis"] += cpu
        elif int(entrada.name) == gunicorn_pid or int(campos[1]) == gunicorn_pid:
            total["gunicorn"] += cpu
    propio = os.times()
    total["generador"] = propio.user + propio.system
    return total


def arrancar_gunicorn(trabajadores: int, hilos: int):
    return servidor.arrancar_gunicorn(
        PUERTO,
        trabajadores=trabajadores,
        hilos=hilos,
        opciones=(
            "--keep-alive",
            "30",
            "--backlog",
            "2048",
            # Workers fork with Django loaded: the port answers once they can serve.
            "--preload",
            "--graceful-timeout",
            "10",
            "--env",
            "DJANGO_SETTINGS_MODULE=bench.encuestas_settings",
        ),
    )


def parar_gunicorn(proceso) -> None:
    """SIGTERM lets requests in flight finish (--graceful-timeout); a master that
    still has not exited is killed, so the bench never fails on its way out."""
    proceso.terminate()
    try:
        proceso.wait(30)
    except subprocess.TimeoutExpired:
        proceso.kill()
        proceso.wait(10)


def medir_ciudadanos(gunicorn_pid: int, tokens: list[str], a) -> dict:
    """Rounds of citizens and of the bare view, alternating which goes first:
    closed loop for throughput, then open loop at TASA/s for latency."""
    azar = random.Random(14)
    cuenta = {"bajas": 0, "con_contacto": 0, "comentarios": 0}
    pendientes = iter(tokens)
    numeros = iter(range(10**7))

    def fuentes_ciudadanas():
        for token in pendientes:
            yield next(numeros), token, azar, cuenta

    def fuentes_minimas():
        while True:
            yield next(numeros), None, None, None

    ciudadanas, minimas = fuentes_ciudadanas(), fuentes_minimas()
    # Warm-up until the rounds are steady: every thread connects to PostgreSQL and
    # Redis, every process renders its forms (on a loaded machine a fixed few
    # seconds left the boot inside the first measured round).
    limite = time.perf_counter() + 120
    while True:
        calentar, calentar_base = Medida(), Medida()
        asyncio.run(ronda(ciudadano, calentar, ciudadanas, concurrencia=8, segundos=2))
        asyncio.run(
            ronda(vista_minima, calentar_base, minimas, concurrencia=8, segundos=1)
        )
        estable = all(
            m.ok >= 16 and not m.errores and m.percentil(0.95) < 1000
            for m in (calentar, calentar_base)
        )
        if estable or time.perf_counter() > limite:
            break
    if calentar.errores or calentar_base.errores:
        print(f"  (calentamiento: errores {calentar.motivos} {calentar_base.motivos})")
    medidas = {clave: Medida() for clave in ("max", "max_base", "tasa", "tasa_base")}
    cpu = {"ciudadano": {}, "base": {}}
    for modo, tasa, concurrencia in (("max", None, a.concurrencia), ("tasa", TASA, 64)):
        for r in range(a.rondas):
            orden = [
                ("ciudadano", ciudadano, ciudadanas),
                ("base", vista_minima, minimas),
            ]
            for nombre, quien, fuentes in orden if r % 2 == 0 else orden[::-1]:
                clave = modo if nombre == "ciudadano" else f"{modo}_base"
                antes = cpu_por_proceso(gunicorn_pid)
                asyncio.run(
                    ronda(
                        quien,
                        medidas[clave],
                        fuentes,
                        concurrencia=concurrencia,
                        segundos=a.segundos,
                        tasa=tasa,
                    )
                )
                if modo == "max":
                    despues = cpu_por_proceso(gunicorn_pid)
                    for k in despues:
                        cpu[nombre][k] = cpu[nombre].get(k, 0) + despues[k] - antes[k]
    return {"medidas": medidas, "cuenta": cuenta, "cpu": cpu}


def informar_ciudadanos(resultado: dict, a) -> None:
    m = resultado["medidas"]
    cuenta = resultado["cuenta"]
    total = sum(x.ok for x in (m["max"], m["tasa"]))
    print(
        f"\nCiudadanos: formulario (GET) + envío (POST), {a.rondas} rondas de {a.segundos:g} s "
        f"de cada uno, alternadas con la vista mínima (GET + INSERT). De {total} ciudadanos, "
        f"{cuenta['bajas']} puntuaron bajo y contestaron la pregunta de contacto "
        f"({cuenta['con_contacto']} dejaron un teléfono), {cuenta['comentarios']} comentaron.",
        flush=True,
    )
    for nombre, clave in (("ciudadano", "max"), ("base", "max_base")):
        cpu, ok = resultado["cpu"][nombre], max(1, m[clave].ok)
        print(
            f"  CPU por {nombre}: "
            + ", ".join(f"{k} {1000 * v / ok:.2f} ms" for k, v in cpu.items()),
            flush=True,
        )
    for clave, x in m.items():
        if x.motivos:
            print(f"  errores ({clave}): {x.motivos}", flush=True)
    c, b = m["max"], m["max_base"]
    cifra(
        "encuestas.ciudadano.por_segundo",
        round(c.rps(), 1),
        "ciudadanos/s",
        minimo=300,
        n=c.ok,
        nota=f"máximo, {a.concurrencia} en curso; límite por IP en Redis",
    )
    cifra(
        "encuestas.ciudadano.base_por_segundo",
        round(b.rps(), 1),
        "ciudadanos/s",
        n=b.ok,
        nota="vista mínima GET + INSERT, mismas rondas alternadas",
    )
    cifra(
        "encuestas.ciudadano.relacion",
        round(c.rps() / b.rps(), 3) if b.rps() else None,
        "",
        minimo=0.5,
        nota="ciudadanos/s ÷ vista mínima",
    )
    t, tb = m["tasa"], m["tasa_base"]
    for clave, x, objetivo in (("ciudadano", t, OBJETIVO_P95_MS), ("base", tb, None)):
        cifra(
            f"encuestas.{clave}.p50",
            round(x.percentil(0.5), 1),
            "ms",
            n=x.ok,
            nota=f"GET + POST a {TASA}/s",
        )
        cifra(
            f"encuestas.{clave}.p95",
            round(x.percentil(0.95), 1),
            "ms",
            maximo=objetivo,
            n=x.ok,
            nota=f"GET + POST a {TASA}/s",
        )
    cifra(
        "encuestas.ciudadano.errores",
        c.errores + t.errores,
        "",
        maximo=0,
        n=c.ok + t.ok + c.errores + t.errores,
    )
    cifra(
        "encuestas.ciudadano.sin_atender",
        t.sin_atender,
        "",
        maximo=0,
        n=t.ok + t.sin_atender,
        nota=f"a {TASA}/s, aún en cola dos rondas después (vista mínima: {tb.sin_atender})",
    )
    cifra(
        "encuestas.ciudadano.base_errores",
        b.errores + tb.errores,
        "",
        maximo=0,
        n=b.ok + tb.ok + b.errores + tb.errores,
    )


MEDIR_EXPORT = r"""
import os, resource, sys, time
sys.path.insert(0, {raiz!r})
import django
django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
c = Client()
c.force_login(get_user_model().objects.get(username={usuario!r}))
import datetime
hoy = datetime.date.today()
# Warm-up: a one-day export loads the views, templates and caches a web
# process has loaded anyway; what the full export adds is measured from here.
r = c.get("/encuestas/exportar.csv", {{"desde": hoy, "hasta": hoy}}, HTTP_HOST="127.0.0.1")
assert r.status_code == 200, r.status_code
for _trozo in r.streaming_content:
    pass
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
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
    argumentos.add_argument("--segundos", type=float, default=2 if pequena() else 6)
    argumentos.add_argument("--rondas", type=int, default=2 if pequena() else 5)
    argumentos.add_argument("--concurrencia", type=int, default=16)
    argumentos.add_argument(
        "--respuestas", type=int, default=1000 if pequena() else 1_000_000
    )
    argumentos.add_argument("--trabajadores", type=int, default=3)
    argumentos.add_argument("--hilos", type=int, default=4)
    argumentos.add_argument("--sin-volumen", action="store_true")
    a = argumentos.parse_args()

    inicio = time.perf_counter()
    print(f"Preparando {BD.rsplit('@', 1)[-1]} …", flush=True)
    org = preparar_bd(pequena())
    _preparar_gracias()
    # Enough tokens for a closed loop of up to 1,000 citizens/s, the open loop and
    # the warm-up.
    necesarios = int(a.rondas * a.segundos * (1000 + TASA)) + 2000
    tokens = crear_invitaciones(org, necesarios, random.Random(15))
    from django.db import connection

    with (
        connection.cursor() as cursor
    ):  # not autovacuum's work in the middle of a round
        cursor.execute(
            "VACUUM ANALYZE encuestas_invitacion, encuestas_atencion, encuestas_respuesta, "
            "encuestas_respuestaitem, encuestas_resumenpendiente, bench_insercion"
        )
    print(
        f"Organización e invitaciones listas en {time.perf_counter() - inicio:.0f} s",
        flush=True,
    )
    from django.db import connections

    connections.close_all()
    gunicorn = arrancar_gunicorn(a.trabajadores, a.hilos)
    try:
        print(
            f"gunicorn: {a.trabajadores} procesos × {a.hilos} hilos (gthread), PostgreSQL, "
            f"Redis, {os.cpu_count()} núcleos; carga {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        informar_ciudadanos(medir_ciudadanos(gunicorn.pid, tokens, a), a)
        if not a.sin_volumen:
            medir_volumen(org, a.respuestas)
    finally:
        parar_gunicorn(gunicorn)
    print(f"Bench terminado en {time.perf_counter() - inicio:.0f} s", flush=True)


def medir_volumen(org, respuestas: int):
    """The CSV export's time and memory with `respuestas` realistic responses
    stored (bench/datos_encuestas.py: employee and service, every day and channel
    of every office, every item). The results pages have their own bench on the
    same data: bench/encuestas_resultados.py."""
    from datetime import date, timedelta

    import datos_encuestas

    from encuestas.models import Respuesta

    # On top of what the citizens above left: `respuestas` more.
    ya = Respuesta.objects.count()
    if respuestas:
        t = time.perf_counter()
        hoy = date.today()
        datos_encuestas.anadir_respuestas(
            org,
            ya + respuestas,
            ya=ya,
            desde=hoy - timedelta(days=datos_encuestas.DIAS - 1),
            hasta=hoy,
            comprobar_claves=pequena(),
        )
        datos_encuestas.construir_resumenes(en_bloque=not pequena())
        print(
            f"{respuestas} respuestas de volumen en {time.perf_counter() - t:.0f} s",
            flush=True,
        )
    salida = subprocess.run(
        [
            sys.executable,
            "-c",
            MEDIR_EXPORT.format(raiz=str(RAIZ), usuario=org.usuarios["direccion"]),
        ],
        cwd=RAIZ,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    filas, octetos, segundos, base, pico = salida[-5:]
    print(
        f"Exportación CSV: {filas} filas, {int(octetos) / 2**20:.0f} MB en {segundos} s; memoria máxima del "
        f"proceso {pico} MB (antes de la exportación, ya servida una de un día: {base} MB)",
        flush=True,
    )
    cifra("encuestas.exportacion.segundos", float(segundos), "s", n=int(filas))
    # Streamed: what the export adds to a web process must not grow with the rows
    # (a CSV held in memory would add its whole size).
    cifra(
        "encuestas.exportacion.memoria_anadida",
        float(pico) - float(base),
        "MB",
        maximo=50,
        n=int(filas),
        nota=f"{int(octetos) / 2**20:.0f} MB de CSV; el proceso, {base} MB antes",
    )
    cifra("encuestas.exportacion.memoria_proceso", float(pico), "MB", n=int(filas))


if __name__ == "__main__":
    main()
