"""Backup and restore: a certificate with its PDF survives a restore into a new,
empty database (a new SQLite file, or a new PostgreSQL database) and the public
verification still shows, and serves, the same SHA-256."""

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from formacion import services
from tests.comun.bd_copias import url_de
from tests.factories import EmpleadoFactory, curso_con_lecciones

RAIZ = Path(settings.BASE_DIR)


@pytest.fixture
def bd_nueva(tmp_path):
    """The DATABASE_URL of a new, empty database, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restaurada.sqlite3'}"
        return
    nombre = f"{connection.settings_dict['NAME']}_restaurada"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{nombre}"')
        cursor.execute(f'CREATE DATABASE "{nombre}"')
    yield url_de(nombre)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')


def _manage(*argumentos, entorno):
    return subprocess.run(
        [sys.executable, "manage.py", *argumentos],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=240,
    )


VERIFICAR = textwrap.dedent(
    """
    import hashlib, json, sys
    import django
    django.setup()
    from django.test import Client
    codigo = sys.argv[1]
    cliente = Client()
    pagina = cliente.get(f"/verificar/{codigo}/")
    pdf = cliente.get(f"/verificar/{codigo}/pdf/")
    print(json.dumps({
        "pagina": pagina.status_code,
        "html": pagina.content.decode(),
        "pdf": pdf.status_code,
        "cabecera": pdf.get("X-Content-SHA256"),
        "sha_pdf": hashlib.sha256(b"".join(pdf.streaming_content)).hexdigest()
        if pdf.status_code == 200 else None,
    }))
    """
)


@pytest.mark.django_db(transaction=True)
def test_copia_y_restauracion_en_bd_nueva_conserva_el_certificado(
    tmp_path, bd_nueva, settings
):
    empleada = EmpleadoFactory()
    curso, lecciones, _p = curso_con_lecciones(
        n_lecciones=1, tipo_certificado="asistencia"
    )
    matricula = services.matricular(empleado=empleada, curso=curso, origen="propia")
    services.completar_leccion(matricula=matricula, leccion=lecciones[0])
    certificado = matricula.certificados.get()
    certificado.refresh_from_db()
    assert certificado.pdf and len(certificado.sha256) == 64
    with certificado.pdf.open("rb") as pdf:
        assert hashlib.sha256(pdf.read()).hexdigest() == certificado.sha256

    copia = tmp_path / "copia"
    call_command("copia_seguridad", "crear", str(copia))
    manifiesto = json.loads((copia / "manifiesto.json").read_text())
    ruta_pdf = f"privado/{certificado.pdf.name}"
    # The private PDF is in the backup, with its own checksum.
    assert manifiesto["ficheros"][ruta_pdf] == certificado.sha256
    assert manifiesto["motor"] == connection.vendor

    # Restore in another process, against the new database and a new media folder.
    entorno = dict(os.environ)
    entorno.update(
        {
            "DATABASE_URL": bd_nueva,
            "MEDIA_ROOT": str(tmp_path / "media_restaurada"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "privado_restaurado"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    restaurada = _manage("copia_seguridad", "restaurar", str(copia), entorno=entorno)
    assert restaurada.returncode == 0, restaurada.stderr
    assert (tmp_path / "privado_restaurado" / certificado.pdf.name).is_file()

    verificacion = subprocess.run(
        [sys.executable, "-c", VERIFICAR, certificado.codigo],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verificacion.returncode == 0, verificacion.stderr
    datos = json.loads(verificacion.stdout.strip().splitlines()[-1])
    assert datos["pagina"] == 200
    assert certificado.sha256 in datos["html"]
    assert datos["pdf"] == 200
    assert datos["cabecera"] == certificado.sha256
    assert datos["sha_pdf"] == certificado.sha256

    # A second restore into the now full database is refused.
    otra_vez = _manage("copia_seguridad", "restaurar", str(copia), entorno=entorno)
    assert otra_vez.returncode != 0
    assert "no está vacía" in otra_vez.stderr


@pytest.mark.django_db
def test_una_copia_alterada_no_se_restaura(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "formacion").mkdir(parents=True)
    (settings.MEDIA_ROOT / "formacion" / "c.pdf").write_bytes(b"%PDF original")
    copia = tmp_path / "copia"
    call_command("copia_seguridad", "crear", str(copia))
    call_command("copia_seguridad", "comprobar", str(copia))
    (copia / "media" / "formacion" / "c.pdf").write_bytes(b"%PDF alterado")
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("copia_seguridad", "comprobar", str(copia))
    (copia / "media" / "formacion" / "c.pdf").unlink()
    with pytest.raises(CommandError, match="faltan"):
        call_command("copia_seguridad", "restaurar", str(copia))


@pytest.mark.django_db
def test_crear_exige_una_carpeta_vacia(tmp_path):
    (tmp_path / "ocupada").mkdir()
    (tmp_path / "ocupada" / "algo").write_text("x")
    with pytest.raises(CommandError, match="no está vacía"):
        call_command("copia_seguridad", "crear", str(tmp_path / "ocupada"))
