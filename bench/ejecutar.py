"""Run every bench: `make bench` (small scale, what CI runs) or `make bench SCALE=full`.

    .venv/bin/python bench/ejecutar.py [--escala pequena|completa] [--solo a,b]
    .venv/bin/python bench/ejecutar.py --readme   # README tables from the full run

Each bench of REGISTRO runs in a subprocess with BENCH_ESCALA set and its output
streamed; the runner collects the figures it prints (`BENCH-JSON` lines of
bench/informe.py), prints a summary (bench, figure, value, target, verdict, load)
and writes var/bench/resultados-<escala>.json (a run with --solo updates only its
benches there).

What a bench is given:
- PostgreSQL benches: DATABASE_URL of a database of their own, created by the
  runner as a copy (`CREATE DATABASE … TEMPLATE`) of one migrated once per run and
  dropped after, so `preparar_base()` only pays a no-op migrate. The server is the
  one of DATABASE_URL when it is a PostgreSQL URL (its database is not touched),
  else postgres@127.0.0.1:5432; PGPASSWORD is honoured.
- SQLite benches: BENCH_SQLITE, a copy of a SQLite file migrated once per run,
  deleted after (without it they migrate a file of their own).
- Redis benches: BENCH_REDIS_URL (default redis://127.0.0.1:6379/9), a Redis
  database for benches only: the runner empties it before each of them.
- Every bench: BENCH_PUERTO, a free port for the servers it starts.

Exit code: 1 when a bench breaks (exits non-zero, runs past its time limit, prints
no figure, or its file is missing) or a file in bench/ is neither registered nor
a helper. A missed target does not fail the small run: its volumes are not the
ones the targets are set for and CI runs it on a shared, loaded machine, so
failing on it would make CI fail at random and teach everyone to ignore it; the
verdict is printed as indicative. At full scale a missed target exits with 2.

`--readme` rewrites the README's tables between `<!-- bench:<nombre> -->` and
`<!-- /bench -->` from var/bench/resultados-completa.json: README figures are
bench output, never typed by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from informe import PREFIJO, carga

AQUI = Path(__file__).resolve().parent  # informe.py and the other helpers
BENCH = AQUI  # where the benches are
RAIZ = AQUI.parent
README = RAIZ / "README.md"
RESULTADOS = RAIZ / "var" / "bench"
REDIS_POR_DEFECTO = "redis://127.0.0.1:6379/9"
ESCALAS = {"small": "pequena", "full": "completa"}


@dataclass(frozen=True)
class Bench:
    nombre: str  # bench/<nombre>.py
    bd: str | None = None  # "postgresql", "sqlite" or None: the bench makes its own
    redis: bool = False
    limite: int = 600  # seconds at small scale (its figures in < 60 s + setup)
    limite_completa: int = 4 * 3600
    pequena: bool = True  # part of `make bench` (CI)


REGISTRO = (
    Bench("encuestas_envio", bd="postgresql", redis=True),
    Bench("encuestas_resultados", bd="postgresql"),
    Bench("encuestas_api", bd="postgresql"),
    Bench("mejora_informe", bd="postgresql"),
    Bench("mejora_recalculo", bd="postgresql"),
    Bench("personal_paginas", bd="postgresql"),
    Bench("formacion_certificados", bd="sqlite", limite_completa=1800),
    Bench("organizacion_importacion", bd="sqlite", limite_completa=1800),
    # Its own SQLite: tables straight from the models, no migrations to copy.
    Bench("organizacion_importacion_memoria", limite_completa=1800),
    Bench("sqlite_concurrencia", bd="sqlite", limite_completa=1800),
    # `make run` from a clean copy (migrate, seed, collectstatic, start): about a
    # minute with nothing to scale down, and the only run of `make run` in CI.
    Bench("primer_arranque", limite=1200, limite_completa=1800),
)
# Modules of bench/ that are not benches.
AUXILIARES = {
    "datos",
    "datos_encuestas",
    "datos_personal",
    "desechable",
    "ejecutar",
    "encuestas_api_settings",
    "encuestas_api_urls",
    "encuestas_settings",
    "encuestas_urls",
    "informe",
    "plantilla",
    "servidor",
}


@dataclass
class Resultado:
    nombre: str
    fallo: str | None = None  # why it broke; None when it ran
    segundos: float = 0.0
    cifras: list[dict] = field(default_factory=list)
    carga: list[float] = field(default_factory=list)  # at start and end


# -- Databases and Redis ---------------------------------------------------------


def servidor_postgres(entorno: dict | None = None) -> str:
    """postgres://user[:password]@host:port of DATABASE_URL, without its database."""
    url = (entorno if entorno is not None else os.environ).get("DATABASE_URL", "")
    partes = urlsplit(url)
    if partes.scheme not in ("postgres", "postgresql", "pgsql"):
        return "postgres://postgres@127.0.0.1:5432"
    return urlunsplit(("postgres", partes.netloc, "", "", ""))


class Postgres:
    """A migrated template and one database per bench, all dropped at the end."""

    def __init__(self, servidor: str):
        self.servidor = servidor
        self.plantilla = f"bench_{os.getpid()}_plantilla"
        self.creadas: list[str] = []

    def _sql(self, orden: str) -> None:
        import psycopg

        with psycopg.connect(f"{self.servidor}/postgres", autocommit=True) as c:
            c.execute(orden)

    def url(self, nombre: str) -> str:
        return f"{self.servidor}/{nombre}"

    def crear(self, nombre: str, plantilla: str | None = None) -> str:
        self.borrar(nombre)
        self.creadas.append(nombre)
        copia = f' TEMPLATE "{plantilla}"' if plantilla else ""
        self._sql(f'CREATE DATABASE "{nombre}"{copia}')
        return self.url(nombre)

    def para(self, bench: str) -> str:
        return self.crear(f"bench_{os.getpid()}_{bench}"[:63], self.plantilla)

    def borrar(self, nombre: str) -> None:
        self._sql(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')
        if nombre in self.creadas:
            self.creadas.remove(nombre)

    def borrar_todas(self) -> None:
        for nombre in reversed(list(self.creadas)):
            try:
                self.borrar(nombre)
            except Exception as exc:  # one left behind must not hide the rest
                print(f"No se pudo borrar la base {nombre}: {exc}", file=sys.stderr)


def copiar_sqlite(origen: Path, destino: Path) -> Path:
    # The backup API copies a WAL database consistently, whatever its journal.
    with sqlite3.connect(origen) as fuente, sqlite3.connect(destino) as copia:
        fuente.backup(copia)
    return destino


def vaciar_redis(url: str) -> str | None:
    """Empty the benches' Redis database; the reason when it does not answer."""
    try:
        import redis

        cliente = redis.Redis.from_url(url, socket_timeout=5)
        cliente.flushdb()
        cliente.close()
    except Exception as exc:
        return f"Redis no responde en {url}: {type(exc).__name__}: {exc}"
    return None


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- Running ---------------------------------------------------------------------

# What would point a bench at someone else's data or services: each bench is
# given what it needs explicitly (see the docstring).
AJENAS = (
    "DATABASE_URL",
    "BENCH_SQLITE",
    "BENCH_REDIS_URL",
    "CELERY_BROKER_URL",
    "CACHE_URL",
    "SQLITE_TEST_NAME",
    "DJANGO_SETTINGS_MODULE",
    "BENCH_PUERTO",
)


def entorno_base(escala: str) -> dict[str, str]:
    entorno = {k: v for k, v in os.environ.items() if k not in AJENAS}
    entorno.setdefault("LOG_LEVEL", "WARNING")  # the figures, not every task log
    entorno.update(
        BENCH_ESCALA=escala,
        PYTHONUNBUFFERED="1",
        PYTHONPATH=os.pathsep.join(
            [str(AQUI), str(RAIZ), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    )
    return entorno


def migrar(entorno: dict[str, str], registro: Path) -> subprocess.Popen:
    with registro.open("w") as salida:
        return subprocess.Popen(
            [sys.executable, str(RAIZ / "manage.py"), "migrate", "--noinput", "-v0"],
            cwd=RAIZ,
            env={**entorno, "LOG_LEVEL": "WARNING"},
            stdout=salida,
            stderr=subprocess.STDOUT,
        )


def parar(proceso: subprocess.Popen) -> None:
    """SIGTERM to the bench's process group (its servers too), then SIGKILL."""
    for senal, espera in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(proceso.pid, senal)
        except ProcessLookupError:
            return
        try:
            proceso.wait(timeout=espera)
            return
        except subprocess.TimeoutExpired:
            continue


def correr(ruta: Path, entorno: dict[str, str], limite: float) -> Resultado:
    """Run one bench, streaming its output and collecting its figures."""
    resultado = Resultado(ruta.stem, carga=[carga()])
    inicio = time.monotonic()
    proceso = subprocess.Popen(
        [sys.executable, str(ruta)],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        bufsize=1,
        start_new_session=True,
    )

    def leer():
        for linea in proceso.stdout:
            if linea.startswith(PREFIJO):
                resultado.cifras.append(json.loads(linea[len(PREFIJO) :]))
            else:
                print(f"  │ {linea}", end="", flush=True)

    lector = threading.Thread(target=leer, daemon=True)
    lector.start()
    try:
        codigo = proceso.wait(timeout=limite)
    except subprocess.TimeoutExpired:
        parar(proceso)
        codigo = None
    except BaseException:  # Ctrl+C: the bench is in a session of its own
        parar(proceso)
        raise
    lector.join(timeout=30)
    resultado.segundos = round(time.monotonic() - inicio, 1)
    resultado.carga.append(carga())
    if codigo is None:
        resultado.fallo = f"tiempo agotado ({limite:.0f} s)"
    elif codigo != 0:
        resultado.fallo = f"salió con {codigo}"
    elif not resultado.cifras:
        resultado.fallo = "no imprimió ninguna cifra"
    return resultado


def sin_registrar(carpeta: Path, registro=REGISTRO) -> list[str]:
    nombres = {b.nombre for b in registro} | AUXILIARES
    return sorted(p.name for p in carpeta.glob("*.py") if p.stem not in nombres)


def ejecutar(
    benches,
    escala: str,
    carpeta: Path = BENCH,
    redis_url: str = REDIS_POR_DEFECTO,
    servidor: str | None = None,
    al_terminar=None,
) -> list[Resultado]:
    """Run `benches` (Bench entries whose files are in `carpeta`); `al_terminar`
    gets each result as it comes (a full run takes hours: what finished is kept
    if it is interrupted)."""
    orden = [b.nombre for b in benches]
    resultados = [
        Resultado(b.nombre, fallo=f"falta {carpeta.name}/{b.nombre}.py")
        for b in benches
        if not (carpeta / f"{b.nombre}.py").is_file()
    ]
    faltan = {r.nombre for r in resultados}
    benches = [b for b in benches if b.nombre not in faltan]  # the ones that run
    base = entorno_base(escala)
    postgres = None
    temporal = Path(tempfile.mkdtemp(prefix="bench-ejecutar-"))
    try:
        plantillas = preparar_plantillas(benches, base, temporal, servidor)
        postgres = plantillas.get("postgresql")
        for bench in benches:
            print(
                f"\n== {bench.nombre} (escala {escala}; carga {carga()}) ==", flush=True
            )
            fallo = plantillas.get(f"fallo-{bench.bd}")
            if bench.redis and not fallo:
                fallo = vaciar_redis(redis_url)
            if fallo:
                print(f"  {fallo}", flush=True)
                resultados.append(Resultado(bench.nombre, fallo=fallo))
                continue
            entorno = {**base, "BENCH_PUERTO": str(puerto_libre())}
            if bench.redis:
                entorno["BENCH_REDIS_URL"] = redis_url
            if bench.bd == "postgresql":
                try:
                    entorno["DATABASE_URL"] = postgres.para(bench.nombre)
                except Exception as exc:
                    fallo = f"no se pudo copiar la plantilla: {exc}"
                    resultados.append(Resultado(bench.nombre, fallo=fallo))
                    continue
            elif bench.bd == "sqlite":
                entorno["BENCH_SQLITE"] = str(
                    copiar_sqlite(
                        plantillas["sqlite"], temporal / f"{bench.nombre}.sqlite3"
                    )
                )
            limite = bench.limite if escala == "pequena" else bench.limite_completa
            resultado = correr(carpeta / f"{bench.nombre}.py", entorno, limite)
            if bench.redis:
                vaciar_redis(redis_url)  # nothing of it left for the next one
            if bench.bd == "postgresql":
                postgres.borrar(entorno["DATABASE_URL"].rsplit("/", 1)[1])
            elif bench.bd == "sqlite":
                Path(entorno["BENCH_SQLITE"]).unlink(missing_ok=True)
            estado = resultado.fallo or "bien"
            print(
                f"== {bench.nombre}: {estado} en {resultado.segundos:.0f} s ==",
                flush=True,
            )
            resultados.append(resultado)
            if al_terminar:
                al_terminar(resultado)
    finally:
        if postgres:
            postgres.borrar_todas()
        shutil.rmtree(temporal, ignore_errors=True)
    return sorted(resultados, key=lambda r: orden.index(r.nombre))


def preparar_plantillas(benches, base, temporal: Path, servidor: str | None) -> dict:
    """Migrate once per run what the benches copy: a PostgreSQL template
    database and a SQLite file, side by side (one core each)."""
    tipos = {b.bd for b in benches} & {"postgresql", "sqlite"}
    plantillas: dict = {}
    procesos = {}
    if "postgresql" in tipos:
        postgres = Postgres(servidor or servidor_postgres())
        try:
            url = postgres.crear(postgres.plantilla)
        except Exception as exc:
            plantillas["fallo-postgresql"] = (
                f"PostgreSQL no responde en {postgres.servidor}: {type(exc).__name__}: {exc}"
            )
        else:
            plantillas["postgresql"] = postgres
            procesos["postgresql"] = migrar(
                {**base, "DATABASE_URL": url}, temporal / "postgresql.log"
            )
    if "sqlite" in tipos:
        plantillas["sqlite"] = temporal / "plantilla.sqlite3"
        url = f"sqlite:///{plantillas['sqlite']}"
        procesos["sqlite"] = migrar(
            {**base, "DATABASE_URL": url}, temporal / "sqlite.log"
        )
    if procesos:
        inicio = time.monotonic()
        print(f"== Migrando las plantillas ({', '.join(procesos)}) ==", flush=True)
    for tipo, proceso in procesos.items():
        if proceso.wait() != 0:
            print((temporal / f"{tipo}.log").read_text()[-3000:], flush=True)
            plantillas[f"fallo-{tipo}"] = f"la migración de la plantilla {tipo} falló"
    if procesos:
        print(
            f"== Plantillas migradas en {time.monotonic() - inicio:.0f} s ==",
            flush=True,
        )
    return plantillas


# -- Summary, results file and README --------------------------------------------


def numero(valor: float | None) -> str:
    """Spanish format, as the README writes figures: 15.207 · 0,235."""
    if valor is None:
        return "—"
    texto = f"{valor:,.3f}".rstrip("0").rstrip(".")
    return texto.translate(str.maketrans(",.", ".,"))


def objetivo(cifra: dict) -> str:
    partes = []
    unidad = f" {cifra['unidad']}" if cifra.get("unidad") else ""
    if cifra.get("minimo") is not None:
        partes.append(f"≥ {numero(cifra['minimo'])}{unidad}")
    if cifra.get("maximo") is not None:
        partes.append(f"≤ {numero(cifra['maximo'])}{unidad}")
    return " y ".join(partes)


def veredicto(cifra: dict) -> str:
    if cifra.get("cumple") is None:
        return "referencia"
    if cifra["cumple"]:
        return "cumplido"
    return "NO cumplido" + (
        " (orientativo)" if cifra.get("escala") == "pequena" else ""
    )


def valor(cifra: dict) -> str:
    unidad = f" {cifra['unidad']}" if cifra.get("unidad") else ""
    n = f" (n={cifra['n']})" if cifra.get("n") is not None else ""
    return f"{numero(cifra['valor'])}{unidad}{n}"


def resumen(resultados: list[Resultado]) -> str:
    filas = [("bench", "cifra", "valor", "objetivo", "veredicto", "carga")]
    for r in resultados:
        if r.fallo:
            filas.append((r.nombre, "FALLA", r.fallo, "", "", ""))
        for c in r.cifras:
            filas.append(
                (
                    r.nombre,
                    c["clave"],
                    valor(c),
                    objetivo(c),
                    veredicto(c),
                    numero(c.get("carga")),
                )
            )
    anchos = [max(len(f[i]) for f in filas) for i in range(len(filas[0]))]
    lineas = [
        "  ".join(t.ljust(a) for t, a in zip(f, anchos, strict=True)).rstrip()
        for f in filas
    ]
    lineas.insert(1, "  ".join("-" * a for a in anchos))
    return "\n".join(lineas)


def guardar(
    resultados: list[Resultado], escala: str, carpeta: Path = RESULTADOS
) -> Path:
    """var/bench/resultados-<escala>.json; benches not run now keep their entry."""
    ruta = carpeta / f"resultados-{escala}.json"
    datos = {"escala": escala, "benches": {}}
    if ruta.is_file():
        datos["benches"] = json.loads(ruta.read_text()).get("benches", {})
    cuando = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=RAIZ,
        capture_output=True,
        text=True,
    ).stdout.strip()
    for r in resultados:
        datos["benches"][r.nombre] = {
            "fecha": cuando,
            "commit": commit,
            "nucleos": os.cpu_count(),
            "segundos": r.segundos,
            "fallo": r.fallo,
            "carga": r.carga,
            "cifras": r.cifras,
        }
    carpeta.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(datos, ensure_ascii=False, indent=1) + "\n")
    return ruta


MARCA = re.compile(r"(<!-- bench:(\w+) -->\n)(.*?)(<!-- /bench -->)", re.S)


def tabla(nombre: str, entrada: dict) -> str:
    """The README table of one bench's full-scale figures."""
    lineas = [
        "| cifra | valor | objetivo | veredicto | carga |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in entrada["cifras"]:
        cifra = f"`{c['clave']}`" + (f": {c['nota']}" if c.get("nota") else "")
        lineas.append(
            f"| {cifra} | {valor(c)} | {objetivo(c)} | {veredicto(c)} | {numero(c.get('carga'))} |"
        )
    cargas = [numero(x) for x in entrada.get("carga", [])]
    lineas.append("")
    lineas.append(
        f"Escala completa, {entrada['fecha']}, commit `{entrada['commit']}`, "
        f"{entrada['nucleos']} núcleos, carga {' → '.join(cargas)}, "
        f"{numero(entrada['segundos'])} s (`make bench SCALE=full SOLO={nombre}`; "
        "tabla escrita por `make bench-readme`)."
    )
    return "\n".join(lineas) + "\n"


def regenerar_readme(
    texto: str, datos: dict, registro=REGISTRO
) -> tuple[str, list[str]]:
    """The README with every marked table rewritten from the full-scale results;
    and the benches whose block was left as it was (no result, or it broke)."""
    if datos.get("escala") != "completa":
        raise ValueError("las tablas del README salen de la escala completa")
    conocidos = {b.nombre for b in registro}
    sin_datos: list[str] = []

    def sustituir(m: re.Match) -> str:
        nombre = m.group(2)
        if nombre not in conocidos:
            raise ValueError(f"<!-- bench:{nombre} --> no es un bench registrado")
        entrada = datos["benches"].get(nombre)
        if not entrada or entrada.get("fallo") or not entrada.get("cifras"):
            sin_datos.append(nombre)
            return m.group(0)
        return m.group(1) + tabla(nombre, entrada) + m.group(4)

    return MARCA.sub(sustituir, texto), sin_datos


# -- Command line ----------------------------------------------------------------


def main(argv=None) -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument(
        "--escala", default="pequena", help="pequena|completa (small|full)"
    )
    argumentos.add_argument("--solo", default="", help="benches separados por comas")
    argumentos.add_argument("--readme", action="store_true")
    opciones = argumentos.parse_args(argv)
    if opciones.readme:
        ruta = RESULTADOS / "resultados-completa.json"
        if not ruta.is_file():
            print(f"Falta {ruta}: antes, make bench SCALE=full", file=sys.stderr)
            return 1
        texto, sin_datos = regenerar_readme(
            README.read_text(), json.loads(ruta.read_text())
        )
        README.write_text(texto)
        for nombre in sin_datos:
            print(
                f"{nombre}: sin resultado a escala completa; su tabla queda como estaba"
            )
        return 0
    escala = ESCALAS.get(opciones.escala, opciones.escala)
    if escala not in ("pequena", "completa"):
        argumentos.error(f"escala desconocida: {opciones.escala}")
    solo = [
        n.strip().removesuffix(".py") for n in opciones.solo.split(",") if n.strip()
    ]
    registrados = {b.nombre: b for b in REGISTRO}
    if desconocidos := [n for n in solo if n not in registrados]:
        argumentos.error(f"no registrados: {', '.join(desconocidos)}")
    if solo:
        benches = [registrados[n] for n in solo]
        sueltos = []
    else:
        benches = [b for b in REGISTRO if escala == "completa" or b.pequena]
        sueltos = sin_registrar(BENCH, REGISTRO)
    inicio = time.monotonic()
    resultados = ejecutar(
        benches,
        escala,
        carpeta=BENCH,
        redis_url=os.environ.get("BENCH_REDIS_URL", REDIS_POR_DEFECTO),
        al_terminar=lambda r: guardar([r], escala, RESULTADOS),
    )
    print(f"\n== Resumen (escala {escala}, {time.monotonic() - inicio:.0f} s) ==")
    print(resumen(resultados))
    print(f"\nResultados en {guardar(resultados, escala, RESULTADOS)}")
    for nombre in sueltos:
        print(
            f"FALLA: bench/{nombre} no está en REGISTRO (ni en AUXILIARES) de bench/ejecutar.py"
        )
    rotos = [r.nombre for r in resultados if r.fallo]
    if rotos or sueltos:
        print(f"Rotos: {', '.join(rotos + sueltos)}")
        return 1
    fallidas = [
        c["clave"] for r in resultados for c in r.cifras if c.get("cumple") is False
    ]
    if fallidas:
        print(f"Objetivos no cumplidos: {', '.join(fallidas)}")
        if escala == "pequena":
            print(
                "(escala pequeña: orientativo, no hace fallar; ver bench/ejecutar.py)"
            )
        else:
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
