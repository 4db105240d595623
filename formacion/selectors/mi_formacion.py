"""An employee's own training: the "Mi formación" screen, hours per year and the
training record (expediente)."""

import hashlib
import json
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from comun.latido import caducado
from organizacion.models import Empleado

from ..models import (
    Certificado,
    Expediente,
    FormacionExterna,
    Matricula,
    ProgresoLeccion,
)
from .cursos import COMPLETADAS


def horas_por_anio(empleado: Empleado) -> dict[int, Decimal]:
    horas: dict[int, Decimal] = {}
    for fila in (
        Matricula.objects.filter(empleado=empleado, estado__in=COMPLETADAS)
        .annotate(anio=ExtractYear("completada_en"))
        .values("anio")
        .annotate(h=Sum("curso__horas"))
    ):
        horas[fila["anio"]] = horas.get(fila["anio"], Decimal(0)) + (fila["h"] or 0)
    for fila in (
        FormacionExterna.objects.filter(empleado=empleado, reconocida_en__isnull=False)
        .annotate(anio=ExtractYear("fecha_fin"))
        .values("anio")
        .annotate(h=Sum("horas"))
    ):
        horas[fila["anio"]] = horas.get(fila["anio"], Decimal(0)) + (fila["h"] or 0)
    return horas


def mi_formacion(empleado: Empleado) -> dict:
    hoy = timezone.localdate()
    matriculas = list(
        Matricula.objects.filter(empleado=empleado)
        .select_related("curso")
        .order_by("plazo", "-creada_en")
    )
    certificados = list(
        Certificado.objects.filter(empleado=empleado)
        .select_related("sustituye_a")
        .order_by("-emitido_en")
    )
    horas = horas_por_anio(empleado)
    progreso = dict(
        ProgresoLeccion.objects.filter(
            matricula__in=[m for m in matriculas if m.abierta]
        )
        .values("matricula_id")
        .annotate(n=Count("id"))
        .values_list("matricula_id", "n")
    )
    for m in matriculas:
        m.lecciones_hechas = progreso.get(m.pk, 0)
        m.fuera_de_plazo = m.vencida_en(hoy)
    return {
        "asignadas": [
            m
            for m in matriculas
            if m.estado in (Matricula.Estado.PENDIENTE, Matricula.Estado.VENCIDA)
        ],
        "en_curso": [m for m in matriculas if m.estado == Matricula.Estado.EN_CURSO],
        "completadas": sorted(
            [m for m in matriculas if m.estado in COMPLETADAS],
            key=lambda m: m.completada_en,
            reverse=True,
        ),
        "certificados": certificados,
        "horas_este_anio": horas.get(hoy.year, Decimal(0)),
        "horas_anio_pasado": horas.get(hoy.year - 1, Decimal(0)),
        "anio": hoy.year,
        "hoy": hoy,
    }


def expediente(empleado: Empleado) -> tuple[list[dict], dict]:
    filas = []
    certificados = {
        c["matricula_id"]: c["codigo"]
        for c in Certificado.objects.filter(
            empleado=empleado, estado=Certificado.Estado.EMITIDO
        ).values("matricula_id", "codigo")
    }
    for m in (
        Matricula.objects.filter(empleado=empleado, estado__in=COMPLETADAS)
        .select_related("curso")
        .order_by("completada_en")
    ):
        filas.append(
            {
                "titulo": m.curso.title,
                "modalidad": m.curso.get_modalidad_display(),
                "inicio": timezone.localdate(m.iniciada_en or m.completada_en),
                "fin": timezone.localdate(m.completada_en),
                "horas": m.curso.horas,
                "nota": m.nota,
                "codigo": certificados.get(m.pk),
                "externa": False,
            }
        )
    for e in FormacionExterna.objects.filter(
        empleado=empleado, reconocida_en__isnull=False
    ):
        filas.append(
            {
                "titulo": e.titulo,
                "modalidad": e.get_modalidad_display(),
                "inicio": e.fecha_inicio,
                "fin": e.fecha_fin,
                "horas": e.horas,
                "nota": None,
                "codigo": None,
                "externa": True,
                "entidad": e.entidad,
            }
        )
    filas.sort(key=lambda f: f["fin"])
    por_anio = horas_por_anio(empleado)
    return filas, {
        "horas": sum((f["horas"] for f in filas), Decimal(0)),
        "por_anio": sorted(por_anio.items()),
    }


def huella_expediente(empleado: Empleado, filas: list[dict], totales: dict) -> str:
    """SHA-256 of what the training-record PDF shows (not when it was printed):
    equal fingerprints mean the stored file can be reused."""
    from django.conf import settings

    datos = {
        "persona": [
            empleado.nombre_completo,
            empleado.identificador,
            str(empleado.puesto),
        ],
        "emisor": settings.FORMACION_EMISOR,
        "filas": filas,
        "totales": totales,
    }
    texto = json.dumps(datos, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(texto.encode()).hexdigest()


def estado_expediente(empleado: Empleado) -> dict:
    """The latest requested record and whether it still matches the data."""
    ultimo = Expediente.objects.filter(empleado=empleado).first()
    al_dia = False
    if ultimo is not None:
        filas, totales = expediente(empleado)
        al_dia = ultimo.huella == huella_expediente(empleado, filas, totales)
    return {
        "expediente": ultimo,
        "expediente_al_dia": al_dia,
        "expediente_interrumpido": ultimo is not None
        and expediente_interrumpido(ultimo),
    }


def expediente_interrumpido(expediente: Expediente) -> bool:
    """Rendering, but its heartbeat stopped: the worker died (comun.latido)."""
    return expediente.estado == Expediente.Estado.GENERANDO and caducado(
        expediente.latido
    )
