"""What each app declares about the personal data it holds (RGPD arts. 15, 20, 30).

Two declarations per app, found through the AppConfig like admin.py modules:

- `<app>/tratamientos.py`: `TRATAMIENTOS`, the processing activities of the
  register (art. 30), each naming the model fields it uses as
  "app.Modelo.campo"; and `NO_PERSONALES`, fields whose name looks personal
  but that are not (with the reason shown on the register page).
- `<app>/datos_personales.py`: `SECCIONES`, the parts of an employee's data
  export (a CSV and, optionally, stored files), each naming the links to
  Empleado/User it covers; `REFERENCIAS`, links exported only as "this record
  names you" (the actor of an action on someone else's record); and
  `OMITIDOS`, links left out of the export, with the reason.

organizacion owns the registry and never imports the apps by name: the
dependency arrow keeps pointing here. The tests compare these declarations
with the models, so a new field or model with personal data fails them until
somebody declares it.
"""

import functools
import io
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comun.exportacion import lineas_csv

from .models import Empleado

# Name parts that hint at personal data (the completeness test looks for them).
PISTAS_PERSONALES = frozenset(
    {
        "nombre",
        "apellidos",
        "email",
        "correo",
        "telefono",
        "movil",
        "dni",
        "nif",
        "comentario",
        "contacto",
        "ip",
        "persona",
        "username",
    }
)


@dataclass(frozen=True)
class Tratamiento:
    """One processing activity of the register (RGPD art. 30.1)."""

    codigo: str
    nombre: str
    finalidad: str
    base_juridica: str
    interesados: str
    categorias_datos: str
    destinatarios: str
    conservacion: str
    medidas: str
    campos: tuple[str, ...]
    observaciones: str = ""


@dataclass(frozen=True)
class Seccion:
    """One part of an employee's export: `fichero` inside the ZIP, its rows,
    and the stored files that go with them as (name in the ZIP, FieldFile)."""

    fichero: str
    columnas: tuple[str, ...]
    filas: Callable[[Empleado], Iterable[Sequence]]
    cubre: tuple[str, ...]
    adjuntos: Callable[[Empleado], Iterable[tuple[str, FieldFile]]] | None = field(
        default=None, compare=False
    )


@dataclass(frozen=True)
class CampoEncontrado:
    etiqueta: str
    modelo: str
    campo: str
    encontrado: bool


def _modulos(nombre: str) -> list[ModuleType]:
    modulos = []
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, nombre):
            modulos.append(import_module(f"{app.name}.{nombre}"))
    return modulos


@functools.cache
def tratamientos() -> tuple[Tratamiento, ...]:
    return tuple(t for m in _modulos("tratamientos") for t in m.TRATAMIENTOS)


@functools.cache
def no_personales() -> dict[str, str]:
    return {
        etiqueta: motivo
        for m in _modulos("tratamientos")
        for etiqueta, motivo in getattr(m, "NO_PERSONALES", {}).items()
    }


@functools.cache
def secciones() -> tuple[Seccion, ...]:
    return tuple(s for m in _modulos("datos_personales") for s in m.SECCIONES)


@functools.cache
def referencias() -> tuple[str, ...]:
    return tuple(
        r for m in _modulos("datos_personales") for r in getattr(m, "REFERENCIAS", ())
    )


@functools.cache
def omitidos() -> dict[str, str]:
    return {
        etiqueta: motivo
        for m in _modulos("datos_personales")
        for etiqueta, motivo in getattr(m, "OMITIDOS", {}).items()
    }


def resolver(etiqueta: str) -> tuple[type[models.Model], models.Field]:
    """ "app.Modelo.campo" → (model, field); LookupError or FieldDoesNotExist."""
    app_modelo, _, nombre = etiqueta.rpartition(".")
    modelo = apps.get_model(app_modelo)
    return modelo, modelo._meta.get_field(nombre)


def campo_encontrado(etiqueta: str) -> CampoEncontrado:
    try:
        modelo, campo = resolver(etiqueta)
    except (LookupError, ValueError, FieldDoesNotExist):
        return CampoEncontrado(etiqueta, "", "", False)
    return CampoEncontrado(
        etiqueta,
        str(modelo._meta.verbose_name),
        str(getattr(campo, "verbose_name", campo.name)),
        True,
    )


def _etiqueta(modelo, campo) -> str:
    return f"{modelo._meta.label}.{campo.name}"


def campos_propios(modelo) -> list[models.Field]:
    """Fields declared on the model itself (not inherited from a parent table)."""
    return [*modelo._meta.local_fields, *modelo._meta.local_many_to_many]


def enlaces_a_personas(modelos: Iterable[type[models.Model]] | None = None) -> set[str]:
    """Every field of these models (by default, every installed one) that
    points to a User or an Empleado."""
    destinos = {get_user_model(), Empleado}
    return {
        _etiqueta(modelo, campo)
        for modelo in (apps.get_models() if modelos is None else modelos)
        for campo in campos_propios(modelo)
        if campo.is_relation and campo.related_model in destinos
    }


def nombres_personales(modelos: Iterable[type[models.Model]]) -> set[str]:
    """Fields of these models whose name has a part that hints at personal data."""
    return {
        _etiqueta(modelo, campo)
        for modelo in modelos
        for campo in campos_propios(modelo)
        if set(re.split(r"_+", campo.name)) & PISTAS_PERSONALES
    }


# Apps whose field names are checked for personal data: ours, the accounts and
# the sign-in lockout. Other third-party apps are checked by their links only.
APPS_REVISADAS = (
    "auth",
    "axes",
    "organizacion",
    "formacion",
    "evaluacion",
    "encuestas",
    "mejora",
    "accesibilidad",
)


def modelos_revisados() -> list[type[models.Model]]:
    modelos = []
    for etiqueta in APPS_REVISADAS:
        try:
            modelos += apps.get_app_config(etiqueta).get_models()
        except LookupError:
            continue
    return modelos


def campos_sin_tratamiento(modelos=None) -> list[str]:
    """Fields with personal data that no processing activity declares (and
    that are not declared as not personal): what the register is missing."""
    revisados = modelos_revisados() if modelos is None else list(modelos)
    declarados = {c for t in tratamientos() for c in t.campos} | set(no_personales())
    return sorted(
        (enlaces_a_personas(modelos) | nombres_personales(revisados)) - declarados
    )


def enlaces_sin_exportar(modelos=None) -> list[str]:
    """Links to a User or an Empleado that no export section, reference or
    declared omission covers: what the export is missing."""
    cubiertos = (
        {c for s in secciones() for c in s.cubre} | set(referencias()) | set(omitidos())
    )
    return sorted(enlaces_a_personas(modelos) - cubiertos)


def declaraciones_rotas() -> list[str]:
    """Declared "app.Modelo.campo" that no model has (renamed or removed)."""
    etiquetas = (
        {c for t in tratamientos() for c in t.campos}
        | set(no_personales())
        | {c for s in secciones() for c in s.cubre}
        | set(referencias())
        | set(omitidos())
    )
    return sorted(e for e in etiquetas if not campo_encontrado(e).encontrado)


def _destino(campo, empleado: Empleado):
    return empleado.usuario_id if campo.related_model is not Empleado else empleado.pk


def filas_de_referencias(empleado: Empleado) -> Iterable[Sequence]:
    """Records that name the employee as the actor of something (who assigned,
    who revoked...): which record and in which role, nothing of the others
    involved. One query per declared link."""
    for etiqueta in referencias():
        modelo, campo = resolver(etiqueta)
        ids = (
            modelo._base_manager.filter(**{campo.name: _destino(campo, empleado)})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for pk in ids:
            yield (
                str(modelo._meta.verbose_name),
                pk,
                str(getattr(campo, "verbose_name", campo.name)),
            )


FICHERO_REFERENCIAS = "organizacion/otras_referencias.csv"


def _escribir_csv(zf: zipfile.ZipFile, nombre: str, columnas, filas) -> None:
    with zf.open(nombre, "w") as binario:
        with io.TextIOWrapper(binario, encoding="utf-8", newline="") as texto:
            for linea in lineas_csv(filas, cabecera=columnas):
                texto.write(linea)


def _copiar(zf: zipfile.ZipFile, nombre: str, fichero: FieldFile) -> bool:
    """Copy a stored file through its storage (never a filesystem path: private
    files may live in another storage). False when the storage has lost it."""
    try:
        fichero.open("rb")
    except (OSError, ValueError):
        return False
    try:
        with zf.open(nombre, "w") as salida:
            shutil.copyfileobj(fichero, salida, length=1024 * 1024)
    finally:
        fichero.close()
    return True


def escribir_exportacion(empleado: Empleado, destino) -> list[str]:
    """Write the ZIP of everything the platform holds about `empleado` into the
    binary file `destino`: one CSV per declared section, their stored files
    (PDFs, evidence), the records that name them, and a LEEME.txt. Returns the
    names written. The number of queries depends on the sections, not on the
    employee's history."""
    escritos: list[str] = []
    perdidos: list[str] = []
    with zipfile.ZipFile(destino, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for seccion in secciones():
            _escribir_csv(
                zf, seccion.fichero, seccion.columnas, seccion.filas(empleado)
            )
            escritos.append(seccion.fichero)
            for nombre, fichero in (seccion.adjuntos or (lambda e: ()))(empleado):
                if _copiar(zf, nombre, fichero):
                    escritos.append(nombre)
                else:
                    perdidos.append(nombre)
        _escribir_csv(
            zf,
            FICHERO_REFERENCIAS,
            (_("Registro"), _("Identificador"), _("Le nombra como")),
            filas_de_referencias(empleado),
        )
        escritos.append(FICHERO_REFERENCIAS)
        zf.writestr("LEEME.txt", _leeme(empleado, escritos, perdidos))
    return ["LEEME.txt", *escritos]


def _leeme(empleado: Empleado, escritos: list[str], perdidos: list[str]) -> str:
    lineas = [
        _("Datos personales de %(nombre)s (%(identificador)s)")
        % {"nombre": empleado.nombre_completo, "identificador": empleado.identificador},
        _("Generado el %(momento)s.")
        % {"momento": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
        "",
        _(
            "Copia de los datos que la plataforma guarda sobre usted (RGPD, "
            "artículos 15 y 20). Los CSV usan punto y coma y UTF-8. Los datos de "
            "otras personas que aparecen junto a los suyos se omiten."
        ),
        "",
        _("Ficheros:"),
        *[f"- {nombre}" for nombre in escritos],
    ]
    if perdidos:
        lineas += [
            "",
            _(
                "No se han podido leer estos ficheros (consulte a la persona delegada de protección de datos):"
            ),
            *[f"- {nombre}" for nombre in perdidos],
        ]
    return "\n".join(lineas) + "\n"


def registro() -> list[dict]:
    """The register of processing activities with each declared field looked
    up in the models (what the page and the CSV show). No queries."""
    return [
        {"tratamiento": t, "campos": [campo_encontrado(c) for c in t.campos]}
        for t in sorted(tratamientos(), key=lambda t: str(t.nombre))
    ]


def campos_no_personales() -> list[tuple[CampoEncontrado, str]]:
    return [
        (campo_encontrado(etiqueta), motivo)
        for etiqueta, motivo in sorted(no_personales().items())
    ]


def filas_registro() -> Iterable[Sequence]:
    """One row per activity and field, for the CSV download."""
    for entrada in registro():
        t = entrada["tratamiento"]
        for campo in entrada["campos"]:
            yield (
                t.codigo,
                t.nombre,
                t.finalidad,
                t.base_juridica,
                t.interesados,
                t.categorias_datos,
                t.destinatarios,
                t.conservacion,
                t.medidas,
                t.observaciones,
                campo.modelo,
                campo.campo,
                campo.etiqueta,
            )


COLUMNAS_REGISTRO = (
    gettext_lazy("Código"),
    gettext_lazy("Actividad de tratamiento"),
    gettext_lazy("Finalidad"),
    gettext_lazy("Base jurídica"),
    gettext_lazy("Categorías de interesados"),
    gettext_lazy("Categorías de datos"),
    gettext_lazy("Destinatarios"),
    gettext_lazy("Plazo de conservación"),
    gettext_lazy("Medidas de seguridad"),
    gettext_lazy("Observaciones"),
    gettext_lazy("Modelo"),
    gettext_lazy("Campo"),
    gettext_lazy("Referencia técnica"),
)
