"""Links that work wherever Ventanilla runs: a real gunicorn on a free,
non-default port, with no SITE_URL, hands out links that a real HTTP client can
follow; a task enqueued during a request builds its links with that request's
address in the real worker."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from comun.enlaces import con_base
from encuestas import services as encuestas
from formacion import services as formacion
from formacion.models import Certificado
from organizacion.models import Canal
from tests.factories import EmpleadoFactory, OficinaFactory, curso_con_lecciones
from tests.integration.conftest import RAIZ, _url_de_la_bd

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _puerto_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def servidor(tmp_path):
    """gunicorn (what serves production) against the test database, as
    `make run` starts it: PORT set, SITE_URL not."""
    puerto = _puerto_libre()
    assert puerto != 8000
    entorno = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")} | {
        "DATABASE_URL": _url_de_la_bd(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "ENCUESTAS_CLAVE_CONTACTO": settings.ENCUESTAS_CLAVE_CONTACTO,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PORT": str(puerto),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        entorno["CELERY_FILESYSTEM_DIR"] = str(
            Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]).parent
        )
    registro = tmp_path / "gunicorn.log"
    with open(registro, "w") as salida:
        proceso = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{puerto}",
                "--workers",
                "1",
            ],
            cwd=RAIZ,
            env=entorno,
            stdout=salida,
            stderr=subprocess.STDOUT,
        )
    try:
        limite = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", puerto), timeout=1):
                    break
            except OSError:
                if proceso.poll() is not None or time.monotonic() > limite:
                    pytest.fail(f"gunicorn no arrancó:\n{registro.read_text()}")
                time.sleep(0.3)
        yield puerto
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proceso.kill()


def _lote(puerto: int, host: str, clave: str, oficina) -> dict:
    cuerpo = {
        "atenciones": [
            {
                "oficina": oficina.codigo_dir3,
                "canal": "presencial",
                "fecha": "2026-11-20T10:15:00+01:00",
                "referencia": f"T-{host}",
            }
        ]
    }
    peticion = urllib.request.Request(
        f"http://{host}:{puerto}/api/v1/atenciones",
        data=json.dumps(cuerpo).encode(),
        headers={
            "Authorization": f"Bearer {clave}",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(peticion, timeout=30) as respuesta:
        assert respuesta.status == 201
        return json.load(respuesta)


def test_el_enlace_de_la_api_se_sigue_en_un_servidor_real_en_otro_puerto(servidor):
    oficina = OficinaFactory(canales=["presencial"])
    _integracion, clave = encuestas.crear_integracion(
        nombre="Gestor de colas",
        oficinas=[oficina],
        canales=Canal.objects.filter(codigo="presencial"),
    )
    for host in ("127.0.0.1", "localhost"):
        enlace = _lote(servidor, host, clave, oficina)["resultados"][0]["enlace"]
        assert enlace.startswith(f"http://{host}:{servidor}/e/"), enlace
        with urllib.request.urlopen(enlace, timeout=30) as respuesta:
            assert respuesta.status == 200
            assert "Valore la atención recibida" in respuesta.read().decode()


def test_el_pdf_que_pide_una_peticion_lleva_la_direccion_de_esa_peticion(
    worker_celery, esperar, tmp_path_factory, settings
):
    settings.SITE_URL = ""
    empleado = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = formacion.matricular(empleado=empleado, curso=curso, origen="propia")
    # As if the last lesson were completed through http://localhost:8123.
    with con_base("http://localhost:8123"):
        formacion.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = Certificado.objects.get(matricula=matricula)

    def generado():
        return bool(Certificado.objects.get(pk=certificado.pk).pdf)

    esperar(generado, segundos=90, mensaje="que el worker genere el PDF")
    nombre = Path(Certificado.objects.get(pk=certificado.pk).pdf.name).name
    (fichero,) = tmp_path_factory.getbasetemp().rglob(nombre)
    texto = "".join(p.extract_text() for p in PdfReader(fichero).pages)
    assert f"http://localhost:8123/verificar/{certificado.codigo}" in texto.replace(
        "\n", ""
    )
