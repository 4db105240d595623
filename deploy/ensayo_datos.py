"""Minimal data for the multi-node rehearsal (deploy/ensayo.py), through the
services: one office, survey tokens, an API key, a management user, learners one
lesson away from a certificate, and an indicator value for the report.

Run by the rehearsal with production settings (the demo app is not installed);
prints one JSON object with what the load needs. Not for a real database.
"""

import json
import os
import secrets
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import transaction  # noqa: E402

from encuestas import services as encuestas  # noqa: E402
from formacion import services as formacion  # noqa: E402
from formacion.models import CursoPage, CursosIndexPage, LeccionPage  # noqa: E402
from mejora import services as mejora  # noqa: E402
from mejora.models import Indicador, ModeloCalidad  # noqa: E402
from organizacion.models import Canal, Empleado, Oficina, Puesto  # noqa: E402

PERIODO = "2026-Q3"


def _usuario(nombre: str, rol: str, clave: str, oficina, puesto) -> Empleado:
    usuario = get_user_model().objects.create_user(
        username=nombre, email=f"{nombre}@ensayo.invalid", password=clave
    )
    usuario.groups.add(Group.objects.get(name=rol))
    empleado = Empleado.objects.create(
        usuario=usuario,
        identificador=nombre.upper()[:30],
        nombre=nombre.capitalize(),
        apellidos="Ensayo",
        oficina=oficina,
        puesto=puesto,
    )
    empleado.canales.set(Canal.objects.filter(codigo="presencial"))
    return empleado


@transaction.atomic
def sembrar(*, tokens: int, alumnos: int) -> dict:
    presencial = Canal.objects.get(codigo="presencial")
    oficina = Oficina.objects.create(
        codigo_dir3="E04900001",
        nombre="Oficina del ensayo",
        provincia="28",
        municipio="Madrid",
    )
    oficina.canales.set([presencial])
    puesto = Puesto.objects.create(codigo="ensayo", nombre="Puesto del ensayo")
    clave = secrets.token_urlsafe(18)
    _usuario("direccion", "direccion", clave, oficina, puesto)
    aprendices = [
        _usuario(f"alumno{i}", "empleado", clave, oficina, puesto)
        for i in range(alumnos)
    ]
    curso = CursosIndexPage.objects.get().add_child(
        instance=CursoPage(
            title="Atención en el ensayo",
            slug="atencion-ensayo",
            resumen="Un curso de una lección para el ensayo multinodo.",
            horas=Decimal("2"),
            nota_aprobado=70,
            preguntas_por_intento=1,
            intentos_permitidos=3,
            tipo_certificado="asistencia",
        )
    )
    leccion = curso.add_child(
        instance=LeccionPage(
            title="La única lección",
            slug="unica",
            minutos_estimados=5,
            cuerpo=[("texto", "<p>Contenido.</p>")],
        )
    )
    for empleado in aprendices:
        formacion.matricular(empleado=empleado, curso=curso, origen="propia")
    _, clave_api = encuestas.crear_integracion(
        nombre="Gestor de colas del ensayo", oficinas=[oficina], canales=[presencial]
    )
    lista = [
        encuestas.registrar_atencion(
            oficina=oficina, canal=presencial, forzar_invitacion=True
        ).token
        for _ in range(tokens)
    ]
    espera = Indicador.objects.get(codigo="tiempo-espera")
    mejora.registrar_valor_manual(indicador=espera, periodo=PERIODO, valor=11.4, n=350)
    mejora.recalcular_indicadores(periodos=[PERIODO], codigos=["tiempo-espera"])
    return {
        "clave": clave,
        "direccion": "direccion",
        "alumnos": [e.usuario.username for e in aprendices],
        "leccion": leccion.pk,
        "oficina": oficina.codigo_dir3,
        "oficina_id": oficina.pk,
        "clave_api": clave_api,
        "tokens": lista,
        "periodo": PERIODO,
        "modelo": ModeloCalidad.objects.filter(activo=True).order_by("pk").first().pk,
    }


if __name__ == "__main__":
    print(json.dumps(sembrar(tokens=int(sys.argv[1]), alumnos=int(sys.argv[2]))))
