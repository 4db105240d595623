"""Bench of the bulk API: POST /api/v1/atenciones with 1,000 realistic events.

    DATABASE_URL=postgres://…/vt_api_bench CACHE_URL=redis://…/6 \
        .venv/bin/python bench/encuestas_api.py          # BENCH_ESCALA=pequena: < 60 s

The database of DATABASE_URL is EMPTIED (flush) and filled with the realistic
organisation (bench/datos.py); give it one meant for benches. PostgreSQL only.

Served by gunicorn as the Procfile serves the site (2 workers × 4 threads,
gthread): the request goes through the real HTTP stack, and 8 clients at once
reach several processes and database connections, as in production; Django's
test client would run the server in the load generator's process, behind one GIL.

1. A 1,000-event batch (offices, channels, staff and services spread as in real
   traffic; a third with a phone or e-mail, some of them repeated so that the
   fatigue rule acts; 5 % replays of events sent before), p50/p95 and events/s,
   measured interleaved with the baseline: the same body to a bare view that parses
   it and writes 1,000 rows with one INSERT on the same gunicorn.
2. A batch with one invalid item (rejected whole, 422).
3. Queries per batch of 100 and 1,000 events (in process, the same view).
4. 8 clients sending batches at once (threads, each with its own API key): no 5xx,
   and the funnel's offered counters equal the invitations created.
"""

import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.encuestas_api_settings"
os.environ.setdefault("CONN_MAX_AGE", "600")
PUERTO = int(os.environ.get("BENCH_PUERTO", "8796"))

import servidor  # noqa: E402
from datos import crear_organizacion, preparar_base  # noqa: E402
from informe import cifra, pequena  # noqa: E402

EVENTOS = 1000
CANALES = ("presencial", "telefonico", "telematico")
RESULTADOS = ("resuelta", "resuelta", "resuelta", "derivada", "no_procede")


class Generador:
    """Realistic events with unique references; `repetidas` of each batch are
    events sent before (a client retrying), replayed as they were."""

    def __init__(self, codigos, prefijo: str, semilla: int):
        self.codigos = codigos
        self.prefijo = prefijo
        self.azar = random.Random(semilla)
        self.n = 0
        self.enviados: list[dict] = []

    def evento(self) -> dict:
        azar, c = self.azar, self.codigos
        self.n += 1
        oficina = azar.choice(c["oficinas"])
        evento = {
            "oficina": oficina,
            "canal": azar.choice(CANALES),
            "fecha": (
                datetime(2026, 11, 30, 8, tzinfo=UTC)
                - timedelta(days=azar.randrange(30), minutes=azar.randrange(420))
            ).isoformat(),
            "referencia": f"{self.prefijo}-{self.n}",
            "resultado": azar.choice(RESULTADOS),
            "espera_segundos": azar.randrange(1800),
            "gestion_segundos": azar.randrange(60, 1200),
            "idioma": azar.choice(("es", "es", "es", "ca", "gl", "eu", "en")),
        }
        if azar.random() < 0.85:
            evento["servicio"] = azar.choice(c["servicios"])
        if azar.random() < 0.8:
            evento["empleado"] = azar.choice(c["equipo"][oficina])
        contacto = azar.random()
        if contacto < 0.2:  # a pool small enough that some come back: fatigue
            evento["telefono"] = f"6{azar.randrange(20_000):08d}"
        elif contacto < 0.33:
            evento["email"] = f"persona{azar.randrange(8_000)}@example.org"
        return evento

    def lote(self, n: int, repetidas: float = 0.05) -> list[dict]:
        viejos = min(int(n * repetidas), len(self.enviados))
        eventos = [self.evento() for _ in range(n - viejos)]
        eventos += self.azar.sample(self.enviados, viejos)
        self.azar.shuffle(eventos)
        self.enviados += eventos
        return eventos


def preparar():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/encuestas_api.py mide PostgreSQL: defina DATABASE_URL.")
    preparar_base()
    oficinas, personas = (20, 200) if pequena() else (300, 5000)
    org = crear_organizacion(oficinas=oficinas, personas=personas)
    from encuestas import services
    from encuestas.models import ReglaMuestreo
    from organizacion.models import Canal, Empleado, Oficina, Servicio

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_atencion (id bigserial PRIMARY KEY, "
            "oficina varchar(9), referencia varchar(80), creado timestamptz)"
        )
        cursor.execute("TRUNCATE bench_atencion")
    # Calls and online procedures sampled, as an organisation would.
    for codigo, tasa in (
        ("presencial", 1),
        ("telefonico", "0.5"),
        ("telematico", "0.3"),
    ):
        ReglaMuestreo.objects.update_or_create(
            canal=Canal.objects.get(codigo=codigo),
            oficina=None,
            defaults={"tasa": tasa, "caducidad_dias": 7},
        )
    dir3 = dict(Oficina.objects.values_list("pk", "codigo_dir3"))
    identificador = dict(Empleado.objects.values_list("pk", "identificador"))
    codigos = {
        "oficinas": [dir3[o] for o in org.oficinas],
        "servicios": list(
            Servicio.objects.filter(pk__in=org.servicios).values_list(
                "codigo", flat=True
            )
        ),
        "equipo": {
            dir3[o]: [identificador[e] for e in miembros]
            for o, miembros in org.equipo.items()
        },
    }
    claves = [
        services.crear_integracion(
            nombre=f"Cliente {n}",
            oficinas=Oficina.objects.all(),
            canales=Canal.objects.all(),
        )[1]
        for n in range(9)
    ]
    return codigos, claves


def arrancar_gunicorn():
    return servidor.arrancar_gunicorn(PUERTO)


def enviar(conexion, ruta: str, clave: str, eventos: list[dict]):
    cuerpo = json.dumps({"atenciones": eventos})
    inicio = time.perf_counter()
    conexion.request(
        "POST",
        ruta,
        body=cuerpo,
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {clave}",
        },
    )
    respuesta = conexion.getresponse()
    datos = respuesta.read()
    return respuesta.status, time.perf_counter() - inicio, datos


def percentil(valores, p: float) -> float:
    ordenados = sorted(valores)
    return ordenados[min(len(ordenados) - 1, round(p * (len(ordenados) - 1)))]


def secuencial(codigos, clave: str, rondas: int):
    """The API and the baseline alternately, the same kind of body, one client."""
    generador = Generador(codigos, "S", 1)
    conexion = http.client.HTTPConnection("127.0.0.1", PUERTO, timeout=120)
    for _ in range(2):  # warm both workers and their connections
        enviar(conexion, "/api/v1/atenciones", clave, generador.lote(50, 0))
    api, base, estados = [], [], []
    for ronda in range(rondas):
        eventos = generador.lote(EVENTOS)
        orden = [("api", "/api/v1/atenciones"), ("base", "/bench/lote/")]
        for nombre, ruta in orden if ronda % 2 else orden[::-1]:
            estado, segundos, datos = enviar(conexion, ruta, clave, eventos)
            if nombre == "api":
                api.append(segundos)
                estados.append(estado)
                if estado != 201:
                    print("  respuesta inesperada:", estado, datos[:300], flush=True)
            else:
                base.append(segundos)
    invalidos = []
    for _ in range(max(3, rondas // 3)):
        eventos = generador.lote(EVENTOS, 0)
        eventos[len(eventos) // 2]["oficina"] = "X00000000"
        estado, segundos, _datos = enviar(
            conexion, "/api/v1/atenciones", clave, eventos
        )
        assert estado == 422, estado
        invalidos.append(segundos)
    conexion.close()
    return api, base, estados, invalidos


def consultas_por_lote(codigos, clave: str) -> dict[int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    generador = Generador(codigos, "Q", 2)
    cliente = Client()
    cuentas = {}
    for n in (100, EVENTOS):
        eventos = generador.lote(n - 5, 0) + generador.enviados[:5]  # 5 replays
        with CaptureQueriesContext(connection) as consultas:
            r = cliente.post(
                "/api/v1/atenciones",
                json.dumps({"atenciones": eventos}),
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {clave}",
            )
        assert r.status_code == 201, r.content[:300]
        cuentas[n] = len(consultas)
    return cuentas


def concurrente(codigos, claves: list[str], lotes: int, eventos: int):
    """8 clients, each with its own key and connection, start together."""
    barrera = threading.Barrier(len(claves))
    estados, tiempos = [], []
    cerrojo = threading.Lock()

    def cliente(n: int):
        generador = Generador(codigos, f"C{n}", 100 + n)
        conexion = http.client.HTTPConnection("127.0.0.1", PUERTO, timeout=300)
        barrera.wait()
        for _ in range(lotes):
            estado, segundos, _d = enviar(
                conexion, "/api/v1/atenciones", claves[n], generador.lote(eventos)
            )
            with cerrojo:
                estados.append(estado)
                tiempos.append(segundos)
        conexion.close()

    hilos = [threading.Thread(target=cliente, args=(n,)) for n in range(len(claves))]
    inicio = time.perf_counter()
    for h in hilos:
        h.start()
    for h in hilos:
        h.join()
    return estados, tiempos, time.perf_counter() - inicio


def main():
    inicio = time.perf_counter()
    codigos, claves = preparar()
    rondas, lotes_c, eventos_c = (3, 1, 200) if pequena() else (20, 3, EVENTOS)
    print(
        f"encuestas_api: {len(codigos['oficinas'])} oficinas, lotes de {EVENTOS}; "
        f"carga {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    cuentas = consultas_por_lote(codigos, claves[0])
    gunicorn = arrancar_gunicorn()
    try:
        api, base, estados, invalidos = secuencial(codigos, claves[0], rondas)
        estados_c, tiempos_c, muro = concurrente(
            codigos, claves[1:], lotes_c, eventos_c
        )
    finally:
        gunicorn.terminate()
        gunicorn.wait(30)

    from django.db.models import Sum

    from encuestas.models import EmbudoDiario, Invitacion

    p50, p95 = statistics.median(api), percentil(api, 0.95)
    cifra("encuestas.api.lote_1000.p50", p50, "s", maximo=1.0, n=len(api))
    cifra("encuestas.api.lote_1000.p95", p95, "s", maximo=1.0, n=len(api))
    cifra("encuestas.api.eventos_s", EVENTOS / p50, "eventos/s", minimo=1000)
    cifra("encuestas.api.base.p50", statistics.median(base), "s", n=len(base))
    cifra(
        "encuestas.api.relacion",
        statistics.median(base) / p50,
        "",
        nota="INSERT mínimo de 1.000 filas ÷ API, misma petición, intercalados",
    )
    cifra(
        "encuestas.api.errores_secuencial",
        sum(e != 201 for e in estados),
        "",
        maximo=0,
        n=len(estados),
    )
    cifra("encuestas.api.lote_invalido.p50", statistics.median(invalidos), "s")
    cifra("encuestas.api.consultas_lote_100", cuentas[100], "consultas")
    cifra(
        "encuestas.api.consultas_lote_1000",
        cuentas[EVENTOS],
        "consultas",
        maximo=cuentas[100],
        nota="las mismas que con 100 eventos",
    )
    cifra(
        "encuestas.api.concurrente.errores_5xx",
        sum(e >= 500 for e in estados_c),
        "",
        maximo=0,
        n=len(estados_c),
        nota=f"{len(claves) - 1} clientes a la vez, lotes de {eventos_c}",
    )
    cifra(
        "encuestas.api.concurrente.no_201",
        sum(e != 201 for e in estados_c),
        "",
        maximo=0,
        n=len(estados_c),
    )
    cifra("encuestas.api.concurrente.p95", percentil(tiempos_c, 0.95), "s")
    cifra(
        "encuestas.api.concurrente.eventos_s",
        len(estados_c) * eventos_c / muro,
        "eventos/s",
    )
    ofrecidas = EmbudoDiario.objects.aggregate(n=Sum("ofrecidas"))["n"] or 0
    cifra(
        "encuestas.api.embudo_descuadre",
        abs(ofrecidas - Invitacion.objects.count()),
        "",
        maximo=0,
        nota="ofrecidas del embudo − invitaciones creadas",
    )
    print(f"  duración: {time.perf_counter() - inicio:.1f} s", flush=True)


if __name__ == "__main__":
    main()
