"""Backup and restore: the database, dumped with its engine's own tool, plus every
file under MEDIA_ROOT (public: course images, documents) and PRIVATE_MEDIA_ROOT
(certificate, evaluation and report PDFs, evidence), with a SHA-256 of each file
in a manifest.

Why the engine's tool and not dumpdata/loaddata: a dump of the ORM's objects loses
what the ORM does not model (sequences, the Wagtail page tree as stored, the
search index tables) and needs natural keys everywhere; it is also slow and
memory-hungry on a year of survey responses. `pg_dump -Fc` (PostgreSQL) and
SQLite's online backup API take a consistent snapshot of a live database, and
restore it byte for byte into an empty one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMATO = 1
MANIFIESTO = "manifiesto.json"
BD_SQLITE = "bd.sqlite3"
BD_POSTGRES = "bd.pgdump"
MEDIA = "media"
PRIVADO = "privado"
# Left behind by the readiness probe, never worth keeping.
EXCLUIDAS = {".health"}


class CopiaNoValida(Exception):
    """The backup is incomplete or altered, or does not fit this installation."""


@dataclass(frozen=True)
class Resumen:
    motor: str
    ficheros: int
    bytes: int


def _sha256(ruta: Path) -> str:
    resumen = hashlib.sha256()
    with open(ruta, "rb") as fichero:
        for bloque in iter(lambda: fichero.read(1024 * 1024), b""):
            resumen.update(bloque)
    return resumen.hexdigest()


def _motor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise CopiaNoValida(f"Motor de base de datos no admitido: {connection.vendor}")
    return connection.vendor


def _entorno_pg() -> tuple[list[str], dict[str, str]]:
    datos = connection.settings_dict
    argumentos = [
        "--host",
        str(datos.get("HOST") or "127.0.0.1"),
        "--port",
        str(datos.get("PORT") or 5432),
        "--dbname",
        str(datos["NAME"]),
    ]
    if datos.get("USER"):
        argumentos += ["--username", str(datos["USER"])]
    entorno = dict(os.environ)
    if datos.get("PASSWORD"):
        entorno["PGPASSWORD"] = str(datos["PASSWORD"])
    return argumentos, entorno


def _ejecutar(orden: list[str], entorno: dict[str, str]) -> None:
    resultado = subprocess.run(orden, env=entorno, capture_output=True, text=True)
    if resultado.returncode != 0:
        raise CopiaNoValida(f"{orden[0]} falló: {resultado.stderr.strip()}")


def _ficheros_de(raiz: Path):
    for ruta in sorted(raiz.rglob("*")):
        relativa = ruta.relative_to(raiz)
        if ruta.is_file() and relativa.parts[0] not in EXCLUIDAS:
            yield ruta, relativa


def _raices() -> dict[str, Path]:
    """Folder in the backup -> where its files live on this machine."""
    return {
        MEDIA: Path(settings.MEDIA_ROOT),
        PRIVADO: Path(settings.PRIVATE_MEDIA_ROOT),
    }


def crear_copia(*, destino: Path) -> Resumen:
    """Write a backup into `destino` (absent or empty)."""
    destino = Path(destino)
    if destino.exists() and any(destino.iterdir()):
        raise CopiaNoValida(f"{destino} no está vacía.")
    destino.mkdir(parents=True, exist_ok=True)
    motor = _motor()
    if motor == "sqlite":
        # The online backup API copies a consistent snapshot, WAL included, while
        # the web and the worker keep writing.
        origen = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copia = sqlite3.connect(destino / BD_SQLITE)
        try:
            with copia:
                origen.backup(copia)
        finally:
            copia.close()
            origen.close()
    else:
        argumentos, entorno = _entorno_pg()
        _ejecutar(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(destino / BD_POSTGRES),
                *argumentos,
            ],
            entorno,
        )
    for carpeta, raiz in _raices().items():
        if raiz.is_dir():
            for ruta, relativa in _ficheros_de(raiz):
                final = destino / carpeta / relativa
                final.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ruta, final)
    ficheros = {
        str(relativa): _sha256(ruta)
        for ruta, relativa in _ficheros_de(destino)
        if str(relativa) != MANIFIESTO
    }
    (destino / MANIFIESTO).write_text(
        json.dumps(
            {
                "formato": FORMATO,
                "motor": motor,
                "creada": timezone.now().isoformat(),
                "ficheros": ficheros,
            },
            indent=2,
            sort_keys=True,
        )
    )
    return Resumen(
        motor=motor,
        ficheros=len(ficheros),
        bytes=sum((destino / r).stat().st_size for r in ficheros),
    )


def comprobar_copia(*, origen: Path) -> dict:
    """The manifest, once every file it lists is present with its checksum and no
    other file is there; CopiaNoValida otherwise."""
    origen = Path(origen)
    try:
        manifiesto = json.loads((origen / MANIFIESTO).read_text())
    except (OSError, ValueError) as exc:
        raise CopiaNoValida(f"Sin manifiesto legible en {origen}: {exc}") from exc
    if manifiesto.get("formato") != FORMATO:
        raise CopiaNoValida(
            f"Formato de copia desconocido: {manifiesto.get('formato')}"
        )
    esperados = manifiesto["ficheros"]
    presentes = {
        str(relativa): ruta
        for ruta, relativa in _ficheros_de(origen)
        if str(relativa) != MANIFIESTO
    }
    if set(presentes) != set(esperados):
        faltan = sorted(set(esperados) - set(presentes))
        sobran = sorted(set(presentes) - set(esperados))
        raise CopiaNoValida(f"La copia no coincide: faltan {faltan}, sobran {sobran}.")
    alterados = [r for r, suma in esperados.items() if _sha256(presentes[r]) != suma]
    if alterados:
        raise CopiaNoValida(f"Suma SHA-256 distinta en: {alterados}")
    return manifiesto


def restaurar_copia(*, origen: Path) -> Resumen:
    """Restore a checked backup into the configured database, which must be empty
    (a new SQLite file, or a new PostgreSQL database), and into MEDIA_ROOT and
    PRIVATE_MEDIA_ROOT."""
    origen = Path(origen)
    manifiesto = comprobar_copia(origen=origen)
    motor = _motor()
    if manifiesto["motor"] != motor:
        raise CopiaNoValida(
            f"La copia es de {manifiesto['motor']} y la base de datos es {motor}."
        )
    if connection.introspection.table_names():
        raise CopiaNoValida(
            "La base de datos de destino no está vacía: restaura en una nueva."
        )
    raices = _raices()
    destinos = {
        relativa: raices[Path(relativa).parts[0]].joinpath(*Path(relativa).parts[1:])
        for relativa in manifiesto["ficheros"]
        if Path(relativa).parts[0] in raices
    }
    for relativa, final in destinos.items():
        if final.exists() and _sha256(final) != manifiesto["ficheros"][relativa]:
            raise CopiaNoValida(f"{final} ya existe con otro contenido.")
    if motor == "sqlite":
        connection.close()
        copia = sqlite3.connect(origen / BD_SQLITE)
        destino = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        try:
            with destino:
                copia.backup(destino)
        finally:
            destino.close()
            copia.close()
    else:
        argumentos, entorno = _entorno_pg()
        connection.close()
        _ejecutar(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *argumentos,
                str(origen / BD_POSTGRES),
            ],
            entorno,
        )
    for relativa, final in destinos.items():
        final.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(origen / relativa, final)
        if _sha256(final) != manifiesto["ficheros"][relativa]:
            raise CopiaNoValida(f"{final} no se escribió entero.")
    return Resumen(
        motor=motor,
        ficheros=len(manifiesto["ficheros"]),
        bytes=sum((origen / r).stat().st_size for r in manifiesto["ficheros"]),
    )
