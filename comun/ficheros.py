"""Private files: stored outside MEDIA_ROOT under random names, and served only by
a view that has already checked who asks.

No web server serves PRIVATE_MEDIA_ROOT: the files have no URL (`.url` raises
AttributeError, so a template that forgets renders nothing and Django's file
widgets show no link). A view answers with `respuesta_privada`, which streams
the file itself or, behind nginx (PRIVATE_MEDIA_ACCEL_PREFIX set), hands the
sending to nginx's `internal` location with X-Accel-Redirect.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import PurePosixPath
from urllib.parse import quote
from uuid import uuid4

from django.conf import settings
from django.core.files import File
from django.core.files.storage import (
    FileSystemStorage,
    Storage,
    default_storage,
    storages,
)
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header


class SinUrlPublica(AttributeError):
    """A private file has no public address: serve it through its view."""

    # A template that asks (the Django admin's read-only field, a forgotten
    # `{{ f.url }}`) renders nothing instead of failing.
    silent_variable_failure = True


class AlmacenPrivado(FileSystemStorage):
    """FileSystemStorage rooted at PRIVATE_MEDIA_ROOT (read when first used, and
    again when a test changes the setting), with no URL."""

    def __init__(self, location=None, **kwargs):
        kwargs["base_url"] = None
        super().__init__(location=location, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise SinUrlPublica(
            f"{name} es privado: se descarga por la vista que comprueba el permiso."
        )


def almacen_privado() -> Storage:
    """The `storage=` of every private FileField (a callable: migrations name it,
    not a path of this machine)."""
    return storages["privado"]


@deconstructible
class RutaPrivada:
    """upload_to: `<carpeta>/<uuid4>.<ext>`; the name says nothing of the person,
    the record or its version, and cannot be guessed."""

    def __init__(self, carpeta: str):
        self.carpeta = carpeta.strip("/")

    def __call__(self, instancia, nombre: str) -> str:
        extension = PurePosixPath(nombre or "").suffix.lower()[:9]
        if not extension[1:].isalnum():
            extension = ""
        return f"{self.carpeta}/{uuid4().hex}{extension}"

    def __eq__(self, otra):
        return isinstance(otra, RutaPrivada) and otra.carpeta == self.carpeta


def respuesta_privada(
    request, fichero, nombre_descarga: str, content_type: str | None = None
) -> HttpResponse:
    """Download response for a private file the caller has authorised. 404 when
    the row names a file that is not there (never a 500)."""
    if not fichero:
        raise Http404
    tipo = content_type or mimetypes.guess_type(nombre_descarga)[0]
    tipo = tipo or "application/octet-stream"
    prefijo = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    if prefijo:
        if not fichero.storage.exists(fichero.name):
            raise Http404
        respuesta = HttpResponse(content_type=tipo)
        # nginx reads the file from its `internal` location (deploy/nginx).
        respuesta["X-Accel-Redirect"] = quote(
            posixpath.join(prefijo.rstrip("/"), fichero.name)
        )
        respuesta["Content-Disposition"] = content_disposition_header(
            True, nombre_descarga
        )
    else:
        try:
            abierto = fichero.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        respuesta = FileResponse(
            abierto, as_attachment=True, filename=nombre_descarga, content_type=tipo
        )
    respuesta["Cache-Control"] = "private, no-store"
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta


def mover_a_privado(
    modelo,
    campo: str,
    carpeta: str,
    *,
    origen: Storage | None = None,
    destino: Storage | None = None,
) -> int:
    """Move each row's file from public storage (MEDIA_ROOT) to private storage
    under a new random name (data migrations). Idempotent: a row whose file is
    already in private storage is left alone, and so is one whose file is
    missing. The old file is deleted once the transaction commits. Returns how
    many files were moved."""
    origen = origen or default_storage
    destino = destino or almacen_privado()
    ruta = RutaPrivada(carpeta)
    movidos = 0
    filas = modelo._default_manager.exclude(**{campo: ""}).exclude(
        **{f"{campo}__isnull": True}
    )
    for pk, nombre in filas.values_list("pk", campo).iterator():
        if destino.exists(nombre) or not origen.exists(nombre):
            continue
        with origen.open(nombre, "rb") as contenido:
            nuevo = destino.save(ruta(None, nombre), File(contenido))
        modelo._default_manager.filter(pk=pk).update(**{campo: nuevo})
        transaction.on_commit(lambda n=nombre: origen.delete(n))
        movidos += 1
    return movidos
