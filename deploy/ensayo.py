"""Multi-node rehearsal with real parts, all on loopback.

Starts nginx (the Debian package) in front of two gunicorn nodes, two Celery
workers on separate queues (celery, pdf), beat, its own redis-server and a
database of its own in the machine's PostgreSQL, all with production settings.
Under a steady mixed load (survey submissions, staff pages, API batches, a
report and certificate PDFs) it kills one web node, then the PDF worker in the
middle of a report and a certificate, then restarts Redis; afterwards it checks
the figures and prints them as a table.

    .venv/bin/python deploy/ensayo.py [--conservar] [--json resultado.json]

Exit status 0 when every check holds, 1 when one fails, 2 when a part is missing.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import http.client
import http.cookies
import json
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg

RAIZ = Path(__file__).resolve().parent.parent
PLANTILLA_NGINX = RAIZ / "deploy" / "nginx" / "ensayo.conf"
PY = sys.executable

FASES = ("base", "caida_web", "caida_worker", "reinicio_redis")


class FaltaPieza(RuntimeError):
    """A binary or service the rehearsal needs is not there."""


# --------------------------------------------------------------------- procesos


@dataclass
class Proceso:
    nombre: str
    orden: list[str]
    registro: Path
    entorno: dict
    popen: subprocess.Popen | None = None
    arranques: int = 0

    def arrancar(self) -> None:
        self.arranques += 1
        sufijo = "" if self.arranques == 1 else f".{self.arranques}"
        salida = open(f"{self.registro}{sufijo}", "w")  # noqa: SIM115
        # Its own process group: a kill reaches the master and all its children,
        # as when the machine or the service dies.
        self.popen = subprocess.Popen(
            self.orden,
            cwd=RAIZ,
            env=self.entorno,
            stdout=salida,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        salida.close()

    def registros(self) -> str:
        textos = []
        for n in range(1, self.arranques + 1):
            ruta = Path(f"{self.registro}{'' if n == 1 else f'.{n}'}")
            if ruta.exists():
                textos.append(ruta.read_text(errors="replace"))
        return "\n".join(textos)

    def senal(self, senal: int) -> None:
        if self.popen and self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, senal)

    def matar(self) -> None:
        self.senal(signal.SIGKILL)
        if self.popen:
            self.popen.wait(10)

    def parar(self) -> None:
        self.senal(signal.SIGTERM)
        if self.popen:
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.matar()
        # Whatever the group left behind (a pool child), too.
        self.senal(signal.SIGKILL)

    def vivo(self) -> bool:
        return bool(self.popen and self.popen.poll() is None)


def puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def esperar(condicion, segundos: float, que: str, cada: float = 0.25):
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        valor = condicion()
        if valor:
            return valor
        time.sleep(cada)
    raise TimeoutError(f"Tras {segundos:.0f} s no se cumple: {que}")


# ---------------------------------------------------------- buzones locales


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept a message: production refuses e-mail backends
    that print or keep mail, so the nodes send to this loopback sink."""

    def handle(self):
        def decir(texto):
            self.wfile.write(f"{texto}\r\n".encode())

        decir("220 ensayo ESMTP")
        while linea := self.rfile.readline():
            orden = linea.decode(errors="replace").strip().upper()
            if orden.startswith(("EHLO", "HELO")):
                decir("250 ensayo")
            elif orden == "DATA":
                decir("354 fin con <CRLF>.<CRLF>")
                while (linea := self.rfile.readline()) and linea.rstrip(
                    b"\r\n"
                ) != b".":
                    pass
                self.server.mensajes += 1
                decir("250 aceptado")
            elif orden == "QUIT":
                decir("221 adiós")
                return
            else:
                decir("250 ok")


class _Sms(socketserver.StreamRequestHandler):
    """The SMS gateway: an HTTP 200 to whatever is posted."""

    def handle(self):
        largo = 0
        while (linea := self.rfile.readline().strip()) != b"":
            if linea.lower().startswith(b"content-length:"):
                largo = int(linea.split(b":", 1)[1])
        self.rfile.read(largo)
        self.server.mensajes += 1
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")


def buzon(manejador) -> socketserver.ThreadingTCPServer:
    servidor = socketserver.ThreadingTCPServer(("127.0.0.1", 0), manejador)
    servidor.daemon_threads = True
    servidor.mensajes = 0
    threading.Thread(target=servidor.serve_forever, daemon=True).start()
    return servidor


# ------------------------------------------------------------------------ HTTP


@dataclass
class Respuesta:
    estado: int
    cuerpo: str
    cabeceras: http.client.HTTPMessage
    contenido: bytes = b""


class Cliente:
    """One browser (or API client): its own cookies, one connection per request."""

    def __init__(self, puerto: int):
        self.puerto = puerto
        self.cookies: dict[str, str] = {}

    def pedir(
        self, metodo: str, ruta: str, datos=None, cabeceras=None, *, json_=None
    ) -> Respuesta:
        conexion = http.client.HTTPConnection("127.0.0.1", self.puerto, timeout=60)
        cab = {"Host": f"127.0.0.1:{self.puerto}", **(cabeceras or {})}
        if self.cookies:
            cab["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        cuerpo = None
        if datos is not None:
            cuerpo = urllib.parse.urlencode(datos)
            cab["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_ is not None:
            cuerpo = json.dumps(json_).encode()
            cab["Content-Type"] = "application/json"
        try:
            conexion.request(metodo, ruta, body=cuerpo, headers=cab)
            r = conexion.getresponse()
            contenido = r.read()
            texto = contenido.decode("utf-8", "replace")
        finally:
            conexion.close()
        for valor in r.headers.get_all("Set-Cookie") or []:
            galleta = http.cookies.SimpleCookie()
            galleta.load(valor)
            for nombre, morsel in galleta.items():
                self.cookies[nombre] = morsel.value
        return Respuesta(r.status, texto, r.headers, contenido)

    def csrf(self, ruta: str) -> str:
        r = self.pedir("GET", ruta)
        m = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.cuerpo)
        if not m:
            raise RuntimeError(f"Sin formulario en {ruta}: {r.estado}")
        return m.group(1)

    def entrar(self, usuario: str, clave: str) -> None:
        token = self.csrf("/cuenta/login/")
        r = self.pedir(
            "POST",
            "/cuenta/login/",
            {"csrfmiddlewaretoken": token, "username": usuario, "password": clave},
        )
        if r.estado != 302:
            raise RuntimeError(f"{usuario} no entra: {r.estado}")


# ---------------------------------------------------------------------- carga


@dataclass
class Marcador:
    """Every request of the load, by phase and kind."""

    fase: str = "base"
    cerrojo: threading.Lock = field(default_factory=threading.Lock)
    peticiones: collections.Counter = field(default_factory=collections.Counter)
    errores: collections.Counter = field(default_factory=collections.Counter)
    detalle: collections.Counter = field(default_factory=collections.Counter)
    aceptados: int = 0
    confirmados_al_reintentar: int = 0
    perdidos: int = 0
    lotes: int = 0
    lotes_reintentados: int = 0
    lotes_perdidos: int = 0

    def anotar(self, tipo: str, error: str | None = None) -> None:
        with self.cerrojo:
            self.peticiones[(self.fase, tipo)] += 1
            if error:
                self.errores[(self.fase, tipo)] += 1
                self.detalle[(self.fase, tipo, error)] += 1


def _fallo(r: Respuesta | Exception, ok=(200,)) -> str | None:
    if isinstance(r, Exception):
        return type(r).__name__
    return None if r.estado in ok else str(r.estado)


def _pedir(cliente, *args, **kwargs) -> Respuesta | Exception:
    try:
        return cliente.pedir(*args, **kwargs)
    except (OSError, http.client.HTTPException) as exc:
        return exc


_ENTRADA = re.compile(r"<input\b[^>]*>", re.S)
_ATRIBUTO = re.compile(r'(\w+)="([^"]*)"')


def formulario_encuesta(html: str) -> dict[str, str]:
    """The direct submit of the public form: hidden fields and, for each question,
    its highest option (a low score would ask for contact on a second step)."""
    datos: dict[str, str] = {}
    opciones: dict[str, list[str]] = collections.defaultdict(list)
    for etiqueta in _ENTRADA.findall(html):
        a = dict(_ATRIBUTO.findall(etiqueta))
        nombre, tipo = a.get("name", ""), a.get("type", "")
        if tipo == "hidden" and nombre:
            datos[nombre] = a.get("value", "")
        elif tipo == "radio" and nombre.isupper():
            opciones[nombre].append(a.get("value", ""))
    for nombre, valores in opciones.items():
        numericos = [v for v in valores if v.isdigit()]
        datos[nombre] = max(numericos, key=int) if numericos else valores[0]
    return datos


def hilo_encuestas(puerto, tokens: queue.Queue, m: Marcador, parar: threading.Event):
    cliente = Cliente(puerto)
    while not parar.is_set():
        try:
            token = tokens.get(timeout=0.5)
        except queue.Empty:
            continue
        ruta = f"/e/{token}/"
        for _ in range(3):  # opening a link is idempotent: a citizen reloads
            r = _pedir(cliente, "GET", ruta)
            m.anotar("encuesta_abrir", _fallo(r))
            if not isinstance(r, Exception) and r.estado == 200:
                break
            time.sleep(0.3)
        else:
            continue  # never opened: nothing was sent, nothing to count
        datos = formulario_encuesta(r.cuerpo)
        r = _pedir(cliente, "POST", ruta, datos)
        m.anotar("encuesta_enviar", _fallo(r))
        if not isinstance(r, Exception) and r.estado == 200:
            with m.cerrojo:
                m.aceptados += 1
            continue
        # The submit may have been stored before the node died: the citizen
        # sends again, and the single-use token tells which one it was.
        for _ in range(5):
            time.sleep(0.5)
            r = _pedir(cliente, "POST", ruta, datos)
            m.anotar("encuesta_reenviar", _fallo(r, ok=(200, 409)))
            if not isinstance(r, Exception) and r.estado in (200, 409):
                with m.cerrojo:
                    m.aceptados += 1
                    m.confirmados_al_reintentar += r.estado == 409
                break
        else:
            with m.cerrojo:
                m.perdidos += 1


def hilo_personal(cliente: Cliente, m: Marcador, parar: threading.Event):
    paginas = [
        "/inicio/",
        "/encuestas/",
        "/mejora/",
        "/mejora/informes/",
        "/formacion/",
        "/encuestas/alertas/",
    ]
    n = 0
    while not parar.is_set():
        r = _pedir(cliente, "GET", paginas[n % len(paginas)])
        m.anotar("personal", _fallo(r))
        n += 1
        time.sleep(0.1)


def hilo_api(
    puerto, clave_api, oficina, tokens: queue.Queue, m: Marcador, parar: threading.Event
):
    cliente = Cliente(puerto)
    cabeceras = {"X-API-Key": clave_api}
    n = 0
    while not parar.is_set():
        n += 1
        ahora = datetime.now(UTC).isoformat()
        lote = {
            "atenciones": [
                {
                    "oficina": oficina,
                    "canal": "presencial",
                    "fecha": ahora,
                    "referencia": f"ensayo-{n}-{i}",
                }
                for i in range(20)
            ]
        }
        # All or nothing and idempotent by reference: a failed batch is resent whole.
        for intento in range(8):
            r = _pedir(
                cliente, "POST", "/api/v1/atenciones", cabeceras=cabeceras, json_=lote
            )
            error = _fallo(r, ok=(200, 201))
            m.anotar("api_lote" if intento == 0 else "api_reenviar", error)
            if error is None:
                for item in json.loads(r.cuerpo)["resultados"]:
                    if item["enlace"] and item["estado"] == "invitada":
                        tokens.put(item["enlace"].rstrip("/").rsplit("/", 1)[-1])
                with m.cerrojo:
                    m.lotes += 1
                    m.lotes_reintentados += intento > 0
                break
            time.sleep(0.5)
        else:
            with m.cerrojo:
                m.lotes_perdidos += 1
        time.sleep(0.4)


# -------------------------------------------------------------------- ensayo


class Ensayo:
    def __init__(self, args):
        self.args = args
        self.dir = Path(tempfile.mkdtemp(prefix="ventanilla-ensayo-"))
        self.bd = f"ventanilla_ensayo_{os.getpid()}"
        self.pg = args.postgres.rstrip("/")
        self.procesos: dict[str, Proceso] = {}
        self.puerto = puerto_libre()
        self.puertos_web = (puerto_libre(), puerto_libre())
        self.redis_puerto = args.redis_puerto
        self.tiempos: dict[str, float] = {}
        self.hechos: dict[str, object] = {}
        self.smtp = buzon(_Smtp)
        self.sms = buzon(_Sms)

    # -- parts
    def comprobar_piezas(self) -> None:
        for binario in (self.args.nginx, "redis-server"):
            if not shutil.which(binario):
                raise FaltaPieza(f"falta {binario}")
        try:
            with psycopg.connect(f"{self.pg}/postgres", connect_timeout=3):
                pass
        except psycopg.Error as exc:
            raise FaltaPieza(f"PostgreSQL no responde: {exc}") from exc
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", self.redis_puerto)) == 0:
                raise FaltaPieza(f"el puerto {self.redis_puerto} de Redis está ocupado")

    def sql(self, consulta: str, *parametros, bd: str | None = None):
        with psycopg.connect(f"{self.pg}/{bd or self.bd}", autocommit=True) as c:
            filas = c.execute(consulta, parametros)
            return filas.fetchall() if filas.description else None

    def entorno(self) -> dict:
        e = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        for clave in ("DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DEBUG"):
            e.pop(clave, None)
        e.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DJANGO_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(64),
                "ENCUESTAS_CLAVE_CONTACTO": secrets.token_urlsafe(48),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SITE_URL": f"http://127.0.0.1:{self.puerto}",
                # Loopback has no TLS: nginx says which scheme it got.
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_HSTS_SECONDS": "0",
                "DATABASE_URL": f"{self.pg}/{self.bd}",
                "CELERY_BROKER_URL": f"redis://127.0.0.1:{self.redis_puerto}/0",
                "CACHE_URL": f"rediscache://127.0.0.1:{self.redis_puerto}/1",
                "MEDIA_ROOT": str(self.dir / "media"),
                # Private files: the views answer X-Accel-Redirect, nginx sends them.
                "PRIVATE_MEDIA_ROOT": str(self.dir / "privado"),
                "PRIVATE_MEDIA_ACCEL_PREFIX": "/_privado",
                "STATIC_ROOT": str(self.dir / "static"),
                "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp.server_address[1]}",
                "ENCUESTAS_SMS_BACKEND": "encuestas.envio.PasarelaHTTPSMS",
                "ENCUESTAS_SMS_URL": f"http://127.0.0.1:{self.sms.server_address[1]}/sms",
                "ENCUESTAS_SMS_TOKEN": "ensayo",
                # Every client is 127.0.0.1 here: no per-address or per-key limit.
                "ENCUESTAS_IP_LIMITE": "0",
                "ENCUESTAS_API_LIMITE": "100000",
                "ENCUESTAS_CONSOLIDAR_SEGUNDOS": "5",
                # Short enough to see a dead worker's task come back in the run.
                "CELERY_TASK_TIME_LIMIT": str(self.args.limite_tarea),
                "CELERY_VISIBILITY_TIMEOUT": str(self.args.visibilidad),
                "PYTHONUNBUFFERED": "1",
            }
        )
        return e

    def manage(self, *orden: str, entorno=None) -> str:
        r = subprocess.run(
            [PY, "manage.py", *orden],
            cwd=RAIZ,
            env=entorno or self.env,
            capture_output=True,
            text=True,
        )
        if r.returncode:
            raise RuntimeError(f"manage.py {' '.join(orden)}:\n{r.stdout}{r.stderr}")
        return r.stdout

    def proceso(self, nombre: str, orden: list[str]) -> Proceso:
        p = Proceso(nombre, orden, self.dir / f"{nombre}.log", self.env)
        self.procesos[nombre] = p
        p.arrancar()
        return p

    def redis(self) -> Proceso:
        (self.dir / "redis").mkdir(exist_ok=True)
        # AOF on, RDB off: a restart keeps the queued and unacknowledged tasks.
        return self.proceso(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_puerto),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                str(self.dir / "redis"),
            ],
        )

    def redis_responde(self) -> bool:
        with socket.socket() as s:
            s.settimeout(1)
            try:
                s.connect(("127.0.0.1", self.redis_puerto))
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

    def gunicorn(self, n: int) -> Proceso:
        return self.proceso(
            f"web{n}",
            [
                PY,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.puertos_web[n - 1]}",
                "--workers",
                "2",
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--timeout",
                "120",
                "--access-logfile",
                "-",
            ],
        )

    def worker(self, cola: str, concurrencia: int) -> Proceso:
        return self.proceso(
            f"worker-{cola}",
            [
                PY,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                cola,
                "-c",
                str(concurrencia),
                "-n",
                f"{cola}@ensayo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
            ],
        )

    def nginx(self) -> Proceso:
        (self.dir / "nginx-tmp").mkdir(exist_ok=True)
        usuario = ""
        if os.geteuid() == 0:  # nginx would drop to nobody, who cannot write here
            usuario = "user root;"
        conf = (
            PLANTILLA_NGINX.read_text()
            .replace("@@USUARIO@@", usuario)
            .replace("@@DIR@@", str(self.dir))
            .replace("@@PUERTO@@", str(self.puerto))
            .replace("@@WEB1@@", str(self.puertos_web[0]))
            .replace("@@WEB2@@", str(self.puertos_web[1]))
            .replace("@@STATIC@@", str(self.dir / "static"))
            .replace("@@PRIVADO@@", str(self.dir / "privado"))
        )
        ruta = self.dir / "nginx.conf"
        ruta.write_text(conf)
        return self.proceso(
            "nginx",
            [
                self.args.nginx,
                "-c",
                str(ruta),
                "-p",
                str(self.dir),
                "-g",
                "daemon off;",
            ],
        )

    def responde(self, puerto: int) -> bool:
        try:
            r = Cliente(puerto).pedir("GET", "/health/")
        except OSError:
            return False
        return r.estado == 200

    def esperar_worker(self, nombre: str, arranque: int) -> None:
        p = self.procesos[nombre]
        ruta = Path(f"{p.registro}{'' if arranque == 1 else f'.{arranque}'}")
        esperar(
            lambda: ruta.exists() and "ready." in ruta.read_text(errors="replace"),
            90,
            f"{nombre} listo",
        )

    # -- stages
    def preparar(self) -> dict:
        t = time.monotonic()
        self.env = self.entorno()
        self.sql(f'DROP DATABASE IF EXISTS "{self.bd}"', bd="postgres")
        plantilla = f' TEMPLATE "{self.args.plantilla}"' if self.args.plantilla else ""
        self.sql(f'CREATE DATABASE "{self.bd}"{plantilla}', bd="postgres")
        self.redis()
        esperar(self.redis_responde, 20, "Redis responde")
        # Migrations commit one by one: without waiting for each flush they run
        # several times faster, and a rehearsal database has nothing to lose.
        # collectstatic (hashing and compressing) needs no database: both at once.
        migrar = dict(self.env)
        migrar["DATABASE_URL"] += "?options=-c%20synchronous_commit%3Doff"
        estaticos = subprocess.Popen(
            [PY, "manage.py", "collectstatic", "--noinput"],
            cwd=RAIZ,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.manage("migrate", "--noinput", entorno=migrar)
        self.tiempos["migrar"] = time.monotonic() - t
        salida, _ = estaticos.communicate()
        if estaticos.returncode:
            raise RuntimeError(f"manage.py collectstatic:\n{salida}")
        self.tiempos["migrar_y_collectstatic"] = time.monotonic() - t
        r = subprocess.run(
            [PY, "deploy/ensayo_datos.py", str(self.args.tokens), "6"],
            cwd=RAIZ,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if r.returncode:
            raise RuntimeError(f"ensayo_datos.py:\n{r.stdout}{r.stderr}")
        return json.loads(r.stdout.strip().splitlines()[-1])

    def arrancar(self) -> None:
        t = time.monotonic()
        self.gunicorn(1)
        self.gunicorn(2)
        self.worker("celery", 1)
        self.worker("pdf", 2)
        self.proceso(
            "beat",
            [
                PY,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                "-s",
                str(self.dir / "beat-schedule"),
            ],
        )
        self.nginx()
        for puerto in (*self.puertos_web, self.puerto):
            esperar(lambda p=puerto: self.responde(p), 90, f"/health/ en {puerto}")
        self.esperar_worker("worker-celery", 1)
        self.esperar_worker("worker-pdf", 1)
        self.tiempos["arranque"] = time.monotonic() - t

    def preparar_trabajo(self, datos: dict) -> list:
        """Sessions and forms ready beforehand, so that the report and the
        certificates are asked for within a moment of each other."""
        pedidos = []
        direccion = Cliente(self.puerto)
        direccion.entrar(datos["direccion"], datos["clave"])
        formulario = {
            "csrfmiddlewaretoken": direccion.csrf("/mejora/informes/"),
            "tipo": "trimestral",
            "periodo": datos["periodo"],
            "modelo": datos["modelo"],
            "ambito": "organizacion",
        }
        pedidos.append((direccion, "/mejora/informes/", formulario))
        for alumno in datos["alumnos"]:
            c = Cliente(self.puerto)
            c.entrar(alumno, datos["clave"])
            formulario = {"csrfmiddlewaretoken": c.csrf("/formacion/")}
            ruta = f"/formacion/lecciones/{datos['leccion']}/completar/"
            pedidos.append((c, ruta, formulario))
        return pedidos

    def solicitar_trabajo(self, pedidos: list) -> None:
        """A manager asks for the report; learners finish their course (each gets
        a certificate whose PDF is rendered on the pdf queue)."""
        fallos = []

        def pedir(cliente, ruta, formulario):
            r = _pedir(cliente, "POST", ruta, formulario)
            if isinstance(r, Exception) or r.estado != 302:
                fallos.append((ruta, r if isinstance(r, Exception) else r.estado))

        pedir(*pedidos[0])
        hilos = [threading.Thread(target=pedir, args=p) for p in pedidos[1:]]
        for h in hilos:
            h.start()
        for h in hilos:
            h.join(60)
        if fallos:
            raise RuntimeError(f"No se pudo pedir el trabajo: {fallos}")

    def en_mitad(self) -> dict | None:
        """The report is being generated and a certificate PDF has been taken by
        the pdf worker and not finished: the moment to kill it."""
        informe = self.pg_vigia.execute(
            "SELECT estado, progreso FROM mejora_informe"
        ).fetchall()
        if not informe or informe[0][0] != "generando":
            return None
        registro = self.procesos["worker-pdf"].registros()
        recibidas = set(
            re.findall(r"generar_pdf_certificado\[([0-9a-f-]+)\] received", registro)
        )
        hechas = set(
            re.findall(r"generar_pdf_certificado\[([0-9a-f-]+)\] succeeded", registro)
        )
        en_curso = recibidas - hechas
        sin_pdf = self.pg_vigia.execute(
            "SELECT count(*) FROM formacion_certificado WHERE pdf = ''"
        ).fetchall()
        if en_curso and sin_pdf[0][0]:
            return {
                "informe_progreso": informe[0][1],
                "certificados_en_curso": len(en_curso),
            }
        return None

    def vigilar_reentrega(self, t_muerte: float) -> None:
        """Seconds from the kill until Redis hands the report the dead worker was
        running to a live one (it was taken once before the kill)."""
        patron = r"generar_pdf_informe\[([0-9a-f-]+)\] received"
        limite = t_muerte + self.args.visibilidad + 300
        while time.monotonic() < limite:
            recibidas = collections.Counter(
                re.findall(patron, self.procesos["worker-pdf"].registros())
            )
            if any(n >= 2 for n in recibidas.values()):
                self.hechos["informe_reentregado_s"] = round(
                    time.monotonic() - t_muerte, 1
                )
                return
            time.sleep(0.5)

    def ejecutar(self) -> dict:
        self.comprobar_piezas()
        inicio = time.monotonic()
        datos = self.preparar()
        self.arrancar()
        m = Marcador()
        tokens: queue.Queue = queue.Queue()
        for t in datos["tokens"]:
            tokens.put(t)
        parar = threading.Event()
        personal = Cliente(self.puerto)
        personal.entrar(datos["direccion"], datos["clave"])
        hilos = [
            threading.Thread(
                target=hilo_encuestas, args=(self.puerto, tokens, m, parar), daemon=True
            )
            for _ in range(2)
        ]
        hilos.append(
            threading.Thread(
                target=hilo_personal,
                args=(personal, m, parar),
                daemon=True,
            )
        )
        hilos.append(
            threading.Thread(
                target=hilo_api,
                args=(
                    self.puerto,
                    datos["clave_api"],
                    datos["oficina"],
                    tokens,
                    m,
                    parar,
                ),
                daemon=True,
            )
        )
        t_carga = time.monotonic()
        for h in hilos:
            h.start()
        fase = self.args.fase
        time.sleep(fase)

        # 1. A web node dies (SIGKILL to its master and workers), then comes back.
        m.fase = "caida_web"
        self.procesos["web1"].matar()
        time.sleep(fase)
        self.procesos["web1"].arrancar()
        esperar(lambda: self.responde(self.puertos_web[0]), 60, "web1 vuelve")

        # 2. The pdf worker dies in the middle of the report and a certificate.
        pedidos = self.preparar_trabajo(datos)
        m.fase = "caida_worker"
        self.pg_vigia = psycopg.connect(f"{self.pg}/{self.bd}", autocommit=True)
        pidiendo = threading.Thread(target=self.solicitar_trabajo, args=(pedidos,))
        pidiendo.start()
        momento = esperar(lambda: self.en_mitad(), 120, "informe y PDF en curso", 0.02)
        self.procesos["worker-pdf"].matar()
        self.hechos["al_matar_el_worker"] = momento
        t_muerte = time.monotonic()
        threading.Thread(
            target=self.vigilar_reentrega, args=(t_muerte,), daemon=True
        ).start()
        self.procesos["worker-pdf"].arrancar()
        pidiendo.join(60)
        self.pg_vigia.close()
        self.esperar_worker("worker-pdf", 2)
        time.sleep(fase)

        # 3. Redis restarts (shutdown, start): broker and cache for a moment gone.
        m.fase = "reinicio_redis"
        self.procesos["redis"].parar()
        t_redis = time.monotonic()
        self.procesos["redis"].arrancar()
        esperar(self.redis_responde, 20, "Redis vuelve")
        self.hechos["redis_caido_s"] = round(time.monotonic() - t_redis, 2)
        time.sleep(fase)

        parar.set()
        for h in hilos:
            h.join(90)
        self.tiempos["carga"] = time.monotonic() - t_carga

        # Afterwards: the report and every certificate finished, the queue drained.
        t = time.monotonic()

        def terminado():
            informe = self.sql("SELECT estado FROM mejora_informe")[0][0]
            sin_pdf = self.sql(
                "SELECT count(*) FROM formacion_certificado WHERE sha256 = ''"
            )[0][0]
            pendientes = self.sql("SELECT count(*) FROM encuestas_resumenpendiente")
            return (
                informe in ("listo", "error") and not sin_pdf and not pendientes[0][0]
            )

        esperar(
            terminado, self.args.visibilidad + 120, "el trabajo pendiente termina", 1
        )
        self.hechos["recuperacion_tras_matar_worker_s"] = round(
            time.monotonic() - t_muerte, 1
        )
        self.tiempos["espera_final"] = time.monotonic() - t
        self.descargar_privados(datos)
        self.tiempos["total"] = time.monotonic() - inicio
        return self.comprobar(m)

    def descargar_privados(self, datos: dict) -> None:
        """The report's and a certificate's PDFs through nginx: the view checks
        who asks and answers X-Accel-Redirect; nginx sends the file from its
        internal location, which nobody reaches directly."""
        pk, archivo = self.sql("SELECT id, archivo FROM mejora_informe")[0]
        codigo = self.sql("SELECT codigo FROM formacion_certificado LIMIT 1")[0][0]
        direccion = Cliente(self.puerto)
        direccion.entrar(datos["direccion"], datos["clave"])
        anonimo = Cliente(self.puerto)
        informe = direccion.pedir("GET", f"/mejora/informes/{pk}/pdf/")
        certificado = anonimo.pedir("GET", f"/verificar/{codigo}/pdf/")
        self.hechos["descargas_privadas"] = {
            "informe_direccion": informe.estado,
            "informe_sha256": hashlib.sha256(informe.contenido).hexdigest(),
            "informe_cabeceras_internas": "X-Accel-Redirect" in informe.cabeceras,
            "informe_adjunto": (
                informe.cabeceras.get("Content-Disposition") or ""
            ).startswith("attachment"),
            "certificado_por_codigo": certificado.estado,
            "certificado_sha256": hashlib.sha256(certificado.contenido).hexdigest(),
            "informe_anonimo": anonimo.pedir(
                "GET", f"/mejora/informes/{pk}/pdf/"
            ).estado,
            "ruta_interna": anonimo.pedir("GET", f"/_privado/{archivo}").estado,
            "bajo_media": anonimo.pedir("GET", f"/media/{archivo}").estado,
        }

    # -- figures
    def comprobar(self, m: Marcador) -> dict:
        q = self.sql
        almacenadas = q("SELECT count(*) FROM encuestas_respuesta")[0][0]
        consolidadas = q(
            "SELECT coalesce(sum(completadas), 0) FROM encuestas_embudodiario"
        )[0][0]
        sat = q(
            "SELECT coalesce(sum(n), 0) FROM encuestas_resumendiario WHERE codigo = 'SAT'"
        )[0][0]
        pendientes = q("SELECT count(*) FROM encuestas_resumenpendiente")[0][0]
        privado = self.dir / "privado"

        certificados = q("SELECT codigo, pdf, sha256 FROM formacion_certificado")
        # Random names: one file per certificate, the one its row names.
        en_disco = list((privado / "formacion" / "certificados").rglob("*.pdf"))
        certs_ok = 0
        for _codigo, pdf, sha in certificados:
            fichero = privado / pdf
            if (
                pdf
                and fichero.is_file()
                and hashlib.sha256(fichero.read_bytes()).hexdigest() == sha
            ):
                certs_ok += 1
        if len(en_disco) != len(certificados):
            certs_ok = 0
        informe = q(
            "SELECT estado, version, archivo, sha256, error FROM mejora_informe"
        )
        estado, version, archivo, sha_informe, error_informe = informe[0]
        ficheros_informe = list((privado / "mejora").rglob("*.pdf"))
        informe_ok = (
            estado == "listo"
            and len(ficheros_informe) == 1
            and hashlib.sha256(ficheros_informe[0].read_bytes()).hexdigest()
            == sha_informe
        )

        registros = "\n".join(
            self.procesos[n].registros() for n in ("worker-pdf", "worker-celery")
        )
        tareas = {}
        for nombre in ("generar_pdf_informe", "generar_pdf_certificado"):
            recibidas = collections.Counter(
                re.findall(rf"{nombre}\[([0-9a-f-]+)\] received", registros)
            )
            hechas = collections.Counter(
                re.findall(rf"{nombre}\[([0-9a-f-]+)\] succeeded", registros)
            )
            tareas[nombre] = {
                "tareas": len(recibidas),
                "entregas": sum(recibidas.values()),
                "terminadas_una_vez": sum(1 for i in recibidas if hechas[i] == 1),
            }

        # Requests nginx sent to a second node because the first one failed.
        acceso = (self.dir / "nginx-access.log").read_text()
        self.hechos["nginx_reintento_en_otro_nodo"] = len(
            re.findall(r" upstream=\S+, \S+", acceso)
        )
        filas = []
        for fase in FASES:
            for tipo in (
                "encuesta_abrir",
                "encuesta_enviar",
                "encuesta_reenviar",
                "personal",
                "api_lote",
                "api_reenviar",
            ):
                total = m.peticiones[(fase, tipo)]
                if total:
                    detalle = ", ".join(
                        f"{e}×{n}"
                        for (f, t, e), n in sorted(m.detalle.items())
                        if f == fase and t == tipo
                    )
                    filas.append((fase, tipo, total, m.errores[(fase, tipo)], detalle))

        descargas = self.hechos.get("descargas_privadas", {})
        comprobaciones = {
            "envios_aceptados == respuestas_almacenadas == consolidadas": m.aceptados
            == almacenadas
            == consolidadas
            == sat,
            "cola de consolidación vacía": pendientes == 0,
            "ningún envío ni lote perdido": m.perdidos == 0 and m.lotes_perdidos == 0,
            "informe listo, un PDF con su SHA-256": informe_ok,
            "cada certificado con un solo PDF y su SHA-256": certs_ok
            == len(certificados)
            > 0,
            "cada tarea de PDF terminó exactamente una vez": all(
                t["tareas"] and t["terminadas_una_vez"] == t["tareas"]
                for t in tareas.values()
            ),
            "el informe del worker muerto vuelve antes de visibility_timeout + 25 s": (
                self.hechos.get("informe_reentregado_s", 10**6)
                <= self.args.visibilidad + 25
            ),
            "PDF privados enviados por nginx (X-Accel) solo a quien puede": (
                descargas.get("informe_direccion") == 200
                and descargas.get("informe_sha256") == sha_informe
                and descargas.get("informe_adjunto") is True
                and descargas.get("informe_cabeceras_internas") is False
                and descargas.get("certificado_por_codigo") == 200
                and descargas.get("certificado_sha256")
                in {sha for _c, _p, sha in certificados}
                and descargas.get("informe_anonimo") == 302
                and descargas.get("ruta_interna") == 404
                and descargas.get("bajo_media") == 404
            ),
            "errores de personal solo al caer el nodo": all(
                m.errores[(f, "personal")] == 0 for f in FASES if f != "caida_web"
            ),
        }
        return {
            "encuestas": {
                "enviadas_aceptadas": m.aceptados,
                "confirmadas_al_reenviar": m.confirmados_al_reintentar,
                "perdidas": m.perdidos,
                "respuestas_almacenadas": almacenadas,
                "consolidadas_embudo": consolidadas,
                "consolidadas_SAT": sat,
                "pendientes_de_consolidar": pendientes,
            },
            "api": {
                "lotes": m.lotes,
                "lotes_reenviados": m.lotes_reintentados,
                "lotes_perdidos": m.lotes_perdidos,
            },
            "informe": {
                "estado": estado,
                "version": version,
                "ficheros": len(ficheros_informe),
                "sha256": sha_informe[:12],
                "error": error_informe,
            },
            "certificados": {
                "total": len(certificados),
                "un_pdf_con_su_sha": certs_ok,
            },
            "tareas": tareas,
            "peticiones": filas,
            "hechos": self.hechos,
            "correos_enviados": self.smtp.mensajes,
            "tiempos_s": {k: round(v, 1) for k, v in self.tiempos.items()},
            "comprobaciones": comprobaciones,
        }

    def limpiar(self) -> None:
        for p in reversed(list(self.procesos.values())):
            p.parar()
        with contextlib.suppress(psycopg.Error):
            self.sql(f'DROP DATABASE IF EXISTS "{self.bd}" WITH (FORCE)', bd="postgres")
        if self.args.conservar:
            print(f"Registros y ficheros en {self.dir}", file=sys.stderr)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def tabla(r: dict) -> str:
    lineas = [
        "Ensayo multinodo (nginx, 2 × gunicorn, 2 workers, beat, PostgreSQL, Redis)"
    ]
    lineas.append("")
    lineas.append(f"{'fase':<16}{'petición':<19}{'total':>7}{'errores':>9}  detalle")
    for fase, tipo, total, errores, detalle in r["peticiones"]:
        lineas.append(f"{fase:<16}{tipo:<19}{total:>7}{errores:>9}  {detalle}")
    lineas.append("")
    for grupo in ("encuestas", "api", "informe", "certificados", "hechos"):
        valores = ", ".join(f"{k}={v}" for k, v in r[grupo].items())
        lineas.append(f"{grupo}: {valores}")
    for nombre, t in r["tareas"].items():
        lineas.append(
            f"tarea {nombre}: {t['tareas']} tareas, {t['entregas']} entregas, "
            f"{t['terminadas_una_vez']} terminadas exactamente una vez"
        )
    lineas.append(
        "tiempos (s): " + ", ".join(f"{k}={v}" for k, v in r["tiempos_s"].items())
    )
    lineas.append("")
    for texto, ok in r["comprobaciones"].items():
        lineas.append(f"[{'ok' if ok else 'FALLA'}] {texto}")
    return "\n".join(lineas)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--postgres",
        default=os.environ.get("ENSAYO_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="servidor PostgreSQL (sin base): se crea y se borra una base propia",
    )
    p.add_argument("--redis-puerto", type=int, default=6391)
    p.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    p.add_argument("--fase", type=float, default=6, help="segundos de carga por fase")
    p.add_argument("--tokens", type=int, default=150)
    p.add_argument("--limite-tarea", type=int, default=40)
    p.add_argument("--visibilidad", type=int, default=45)
    p.add_argument("--plantilla", help="clonar una base ya migrada (más rápido)")
    p.add_argument("--conservar", action="store_true", help="no borrar los registros")
    p.add_argument("--json", help="escribir también las cifras en este fichero")
    args = p.parse_args(argv)
    ensayo = Ensayo(args)
    try:
        resultado = ensayo.ejecutar()
    except FaltaPieza as exc:
        print(f"Falta una pieza del ensayo: {exc}", file=sys.stderr)
        return 2
    except Exception:
        args.conservar = True
        raise
    finally:
        ensayo.limpiar()
    print(tabla(resultado))
    if args.json:
        Path(args.json).write_text(json.dumps(resultado, indent=2, default=str))
    return 0 if all(resultado["comprobaciones"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
