"""What each kind of staff file holds: its columns, the headers people give them
(compared without accents or case), and telling the kind from a sheet's title or
headers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lectura import Tabla


@dataclass(frozen=True)
class Columna:
    campo: str
    cabecera: str  # the header the examples and the README use
    obligatoria: bool = False
    alias: tuple[str, ...] = ()


OFICINAS, SERVICIOS, EMPLEADOS = "oficinas", "servicios", "empleados"
TIPOS = (OFICINAS, SERVICIOS, EMPLEADOS)  # also the order in which they are written
NOMBRES_TIPO = {OFICINAS: "Oficinas", SERVICIOS: "Servicios", EMPLEADOS: "Empleados"}
# The column that identifies a row: a re-import updates the row with the same value.
CAMPO_CLAVE = {OFICINAS: "codigo_dir3", SERVICIOS: "codigo", EMPLEADOS: "identificador"}

COLUMNAS: dict[str, list[Columna]] = {
    OFICINAS: [
        Columna(
            "codigo_dir3", "Código DIR3", True, ("dir3", "cod dir3", "codigo oficina")
        ),
        Columna(
            "nombre",
            "Nombre",
            True,
            ("denominacion", "nombre oficina", "nombre de la oficina"),
        ),
        Columna("provincia", "Provincia", True, ("cod provincia", "codigo provincia")),
        Columna("municipio", "Municipio", True, ("localidad",)),
        Columna(
            "direccion_postal", "Dirección", False, ("direccion postal", "domicilio")
        ),
        Columna("canales", "Canales", False, ("canales atendidos", "canal")),
        Columna(
            "unidad_superior",
            "Unidad superior",
            False,
            ("dir3 unidad superior", "codigo unidad superior", "depende de"),
        ),
        Columna("responsable", "Responsable", False, ("identificador responsable",)),
        Columna("activa", "Activa", False, ("activo", "en servicio")),
    ],
    SERVICIOS: [
        Columna("codigo", "Código", True, ("clave", "codigo servicio")),
        Columna("nombre", "Nombre", True, ("denominacion", "nombre servicio")),
        Columna("descripcion", "Descripción", False, ()),
        Columna("codigo_sia", "Código SIA", False, ("sia",)),
        Columna("canales", "Canales", False, ("canal", "canales en que se presta")),
        Columna("activo", "Activo", False, ("activa",)),
    ],
    EMPLEADOS: [
        Columna(
            "identificador",
            "Identificador",
            True,
            (
                "nrp",
                "no registro personal",
                "n registro personal",
                "numero de registro de personal",
                "registro de personal",
                "id",
                "codigo empleado",
            ),
        ),
        Columna("nombre", "Nombre", True, ()),
        Columna("apellidos", "Apellidos", True, ()),
        Columna(
            "email",
            "Correo electrónico",
            False,
            ("correo", "e mail", "mail", "correo e"),
        ),
        Columna("usuario", "Usuario", False, ("nombre de usuario", "login")),
        Columna(
            "oficina",
            "Oficina",
            True,
            (
                "dir3 oficina",
                "codigo dir3 oficina",
                "oficina dir3",
                "codigo oficina",
                "dir3",
            ),
        ),
        Columna("puesto", "Puesto", True, ("codigo puesto", "puesto de trabajo")),
        Columna(
            "supervisor",
            "Supervisor",
            False,
            (
                "supervisora",
                "supervisor a",
                "identificador supervisor",
                "superior",
                "jefe",
            ),
        ),
        Columna("canales", "Canales", False, ("canales que atiende", "canal")),
        Columna("fecha_alta", "Fecha de alta", False, ("fecha alta", "alta")),
        Columna("fecha_baja", "Fecha de baja", False, ("fecha baja", "baja")),
        Columna("roles", "Perfiles", False, ("roles", "rol", "perfil de acceso")),
    ],
}


def normalizar_cabecera(texto) -> str:
    """'Código DIR3 ' -> 'codigo dir3': no accents, no case, single spaces."""
    plano = (
        unicodedata.normalize("NFKD", str(texto or ""))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", " ", plano.casefold()).strip()


def _indice_alias(tipo: str) -> dict[str, str]:
    indice = {}
    for col in COLUMNAS[tipo]:
        for nombre in (col.campo, col.cabecera, *col.alias):
            indice[normalizar_cabecera(nombre)] = col.campo
    return indice


ALIAS = {tipo: _indice_alias(tipo) for tipo in TIPOS}


def detectar_tipo(tabla: Tabla) -> str | None:
    titulo = normalizar_cabecera(tabla.titulo)
    for prefijo, tipo in (
        ("oficina", OFICINAS),
        ("servicio", SERVICIOS),
        ("emplead", EMPLEADOS),
        ("personal", EMPLEADOS),
        ("plantilla", EMPLEADOS),
    ):
        if titulo.startswith(prefijo):
            return tipo
    cabeceras = {normalizar_cabecera(c) for c in tabla.cabecera}
    campos = {tipo: {ALIAS[tipo].get(c) for c in cabeceras} - {None} for tipo in TIPOS}
    if {"identificador", "apellidos"} <= campos[EMPLEADOS]:
        return EMPLEADOS
    if {"codigo_dir3", "provincia"} <= campos[OFICINAS]:
        return OFICINAS
    if {"codigo", "nombre"} <= campos[SERVICIOS]:
        return SERVICIOS
    return None
